//! `diagnose`: every check of a configuration in one pass.
//!
//! PLACEHOLDER: the full analysis (instance URL, SSO Login URL, IdP family, RelayState,
//! identity) is being written; this file fixes the interface the rest of the crate uses.

use super::finding::{Finding, Severity};
use serde::Serialize;

/// The configuration as the host gives it. An empty string means "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub instance_url: String,
    /// Overrides the CCP URL derived from the instance URL.
    pub ccp_url: String,
    pub sso_login_url: String,
    pub region: String,
    pub instance_id: String,
    /// The workspace's login name for the signed-in user.
    pub username: String,
    /// The Amazon Connect user name, when an admin checks it against `username` (doctor).
    pub connect_username: String,
}

/// The identity provider family, recognised from the SSO Login URL's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdpFamily {
    /// No SSO Login URL: the standard Amazon Connect login.
    None,
    Unknown,
}

/// The outcome of `diagnose`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub idp: IdpFamily,
    pub findings: Vec<Finding>,
    /// The CCP URL to load: `ccp_url` when given, else derived from the instance URL.
    pub ccp_url: Option<String>,
}

impl Diagnosis {
    /// True when no finding stops sign-in.
    pub fn ok(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Runs every check on `settings`.
pub fn diagnose(settings: &Settings) -> Diagnosis {
    let base = settings.instance_url.trim_end_matches('/');
    let ccp_url = if !settings.ccp_url.is_empty() {
        Some(settings.ccp_url.clone())
    } else if base.is_empty() {
        None
    } else if base.ends_with("/connect") {
        Some(format!("{base}/ccp-v2/"))
    } else {
        Some(format!("{base}/ccp-v2/"))
    };
    Diagnosis { idp: IdpFamily::None, findings: Vec::new(), ccp_url }
}
