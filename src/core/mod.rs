//! The pure core: configuration, SSO Login URL analysis, identity checks and the sign-in state
//! machine. Nothing here touches the browser, so all of it builds and is tested natively.

pub mod config;
pub mod confusables;
pub mod contacts;
pub mod diagnose;
pub mod finding;
pub mod identity;
pub mod instance;
pub mod lowercase;
pub mod problem;
pub mod punycode;
pub mod relay_state;
pub mod signin;
pub mod sso;
pub mod text;
pub mod url;

pub use diagnose::{diagnose, Diagnosis, IdpFamily, Settings};
pub use finding::{Code, Finding, Severity};

/// The allocator in WebAssembly: talc, made for it, in place of the standard library's
/// dlmalloc, made the gzipped module 2.7 KB smaller. It never resizes a block in place
/// (`disable-realloc-in-place`): the component's strings are short, and copying them costs
/// less than the code that avoids it.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
