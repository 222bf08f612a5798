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
pub mod relay_state;
pub mod signin;
pub mod sso;
pub mod url;

pub use diagnose::{diagnose, Diagnosis, IdpFamily, Settings};
pub use finding::{Code, Finding, Severity};
