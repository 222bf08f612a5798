//! connect-softphone: the Amazon Connect softphone for agent workspaces, signed in with SAML
//! single sign-on.

pub mod core;
