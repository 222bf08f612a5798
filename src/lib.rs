//! connect-softphone: the Amazon Connect softphone for agent workspaces, signed in with SAML
//! single sign-on.
//!
//! `core` is plain Rust (configuration checks, SSO Login URL analysis, the sign-in state
//! machine) and is tested natively; `web` is the thin browser skin over Streams and the DOM,
//! compiled only for `wasm32`.

pub mod core;
#[cfg(target_arch = "wasm32")]
pub mod web;
