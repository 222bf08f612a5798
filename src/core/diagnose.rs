//! `diagnose`: every check of a configuration in one pass.
//!
//! Most failed SSO roll-outs come from a URL that is wrong in one place or a user name that
//! differs in one character, and they surface only when an agent cannot sign in, on an AWS
//! page the host cannot read. So the checks run before anything is mounted, on the settings
//! alone, and each finding names the field, quotes the offending value and says what to
//! change. The pieces live in their own modules:
//!
//! - [`super::instance`]: the instance URL and the CCP URL derived from it;
//! - [`super::sso`]: the SSO Login URL and the identity provider family;
//! - [`super::relay_state`]: the RelayState, wherever the family puts it;
//! - [`super::identity`]: the user names and the SAML `RoleSessionName` rules.

use super::finding::{Code, Finding, Severity};
use super::{identity, instance, relay_state, sso, text};
use serde::{Serialize, Serializer};

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdpFamily {
    /// No SSO Login URL: the standard Amazon Connect login.
    None,
    Okta,
    EntraId,
    Adfs,
    Pingfederate,
    Pingone,
    Onelogin,
    GoogleWorkspace,
    Jumpcloud,
    Keycloak,
    Auth0,
    Salesforce,
    IamIdentityCenter,
    Unknown,
}

impl IdpFamily {
    /// Every family, in the order of the documentation.
    pub const ALL: [IdpFamily; 14] = [
        IdpFamily::None,
        IdpFamily::Okta,
        IdpFamily::EntraId,
        IdpFamily::Adfs,
        IdpFamily::Pingfederate,
        IdpFamily::Pingone,
        IdpFamily::Onelogin,
        IdpFamily::GoogleWorkspace,
        IdpFamily::Jumpcloud,
        IdpFamily::Keycloak,
        IdpFamily::Auth0,
        IdpFamily::Salesforce,
        IdpFamily::IamIdentityCenter,
        IdpFamily::Unknown,
    ];

    /// The family as it appears in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            IdpFamily::None => "none",
            IdpFamily::Okta => "okta",
            IdpFamily::EntraId => "entra-id",
            IdpFamily::Adfs => "adfs",
            IdpFamily::Pingfederate => "pingfederate",
            IdpFamily::Pingone => "pingone",
            IdpFamily::Onelogin => "onelogin",
            IdpFamily::GoogleWorkspace => "google-workspace",
            IdpFamily::Jumpcloud => "jumpcloud",
            IdpFamily::Keycloak => "keycloak",
            IdpFamily::Auth0 => "auth0",
            IdpFamily::Salesforce => "salesforce",
            IdpFamily::IamIdentityCenter => "iam-identity-center",
            IdpFamily::Unknown => "unknown",
        }
    }

    /// The product's name, for messages.
    pub fn display_name(self) -> &'static str {
        match self {
            IdpFamily::None => "no identity provider",
            IdpFamily::Okta => "Okta",
            IdpFamily::EntraId => "Microsoft Entra ID",
            IdpFamily::Adfs => "AD FS",
            IdpFamily::Pingfederate => "PingFederate",
            IdpFamily::Pingone => "PingOne",
            IdpFamily::Onelogin => "OneLogin",
            IdpFamily::GoogleWorkspace => "Google Workspace",
            IdpFamily::Jumpcloud => "JumpCloud",
            IdpFamily::Keycloak => "Keycloak",
            IdpFamily::Auth0 => "Auth0",
            IdpFamily::Salesforce => "Salesforce",
            IdpFamily::IamIdentityCenter => "IAM Identity Center",
            IdpFamily::Unknown => "an unrecognised identity provider",
        }
    }
}

/// Serialised as the string `as_str` gives (see `Code`'s implementation).
impl Serialize for IdpFamily {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
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

/// The settings' names in the JavaScript spelling, as findings carry them.
pub mod field {
    pub const INSTANCE_URL: &str = "instanceUrl";
    pub const CCP_URL: &str = "ccpUrl";
    pub const SSO_LOGIN_URL: &str = "ssoLoginUrl";
    pub const REGION: &str = "region";
    pub const INSTANCE_ID: &str = "instanceId";
    pub const USERNAME: &str = "username";
    pub const CONNECT_USERNAME: &str = "connectUsername";
}

/// Builds a finding.
pub(crate) fn finding(
    code: Code,
    severity: Severity,
    field: &'static str,
    message: String,
    hint: String,
) -> Finding {
    Finding {
        code,
        severity,
        field,
        message,
        hint,
    }
}

/// Adds a finding to `out`: one call at each of the checks' many places, rather than the
/// finding built and pushed there, which takes more code in WebAssembly.
#[inline(never)]
pub(crate) fn add(
    out: &mut Vec<Finding>,
    code: Code,
    severity: Severity,
    field: &'static str,
    message: String,
    hint: String,
) {
    out.push(finding(code, severity, field, message, hint));
}

/// The AWS partition a region belongs to; it decides the console host of the RelayState.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partition {
    Commercial,
    GovCloud,
    China,
}

/// A region as `us-east-1`, `us-gov-west-1`, `ap-southeast-2`: two letters, one or more
/// lowercase words, a number.
pub fn is_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    parts.len() >= 3
        && first.len() == 2
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && !last.is_empty()
        && last.len() <= 2
        && last.bytes().all(|b| b.is_ascii_digit())
        && parts
            .get(1..parts.len() - 1)
            .unwrap_or(&[])
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The partition of a valid region.
pub fn partition_of(region: &str) -> Partition {
    if region.starts_with("us-gov-") {
        Partition::GovCloud
    } else if region.starts_with("cn-") {
        Partition::China
    } else {
        Partition::Commercial
    }
}

/// An instance id: a lowercase UUID, `8-4-4-4-12` hexadecimal digits.
pub fn is_instance_id(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| {
            g.len() == n
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

/// The settings' region, when it is given and valid.
fn check_region(region: &str, out: &mut Vec<Finding>) -> Option<String> {
    if region.is_empty() {
        return None;
    }
    let trimmed = region.trim();
    let lower = trimmed.to_ascii_lowercase();
    if is_region(trimmed) {
        if trimmed != region {
            add(
                out,
                Code::RegionInvalid,
                Severity::Warning,
                field::REGION,
                format!("The region '{region}' has spaces around it."),
                format!("Enter it as '{trimmed}'."),
            );
        }
        return Some(trimmed.to_string());
    }
    let hint = if is_region(&lower) {
        format!("Region names are lowercase: '{lower}'.")
    } else {
        "Enter the AWS Region code of the instance, such as us-east-1 or eu-central-1, as the \
         Connect console shows it."
            .to_string()
    };
    add(
        out,
        Code::RegionInvalid,
        Severity::Error,
        field::REGION,
        format!("The region '{region}' is not an AWS Region code."),
        hint,
    );
    None
}

/// The settings' instance id, when it is given and valid.
fn check_instance_id(id: &str, out: &mut Vec<Finding>) -> Option<String> {
    if id.is_empty() {
        return None;
    }
    let trimmed = id.trim();
    if is_instance_id(trimmed) {
        if trimmed != id {
            add(
                out,
                Code::InstanceIdInvalid,
                Severity::Warning,
                field::INSTANCE_ID,
                format!("The instance id '{id}' has spaces around it."),
                format!("Enter it as '{trimmed}'."),
            );
        }
        return Some(trimmed.to_string());
    }
    // An instance ARN ends in `instance/<id>`; the id alone is wanted.
    let from_arn = text::after_last(trimmed, "instance/")
        .map(|tail| tail.trim_end_matches('/'))
        .filter(|tail| is_instance_id(tail) && trimmed.starts_with("arn:"));
    let hint = if let Some(tail) = from_arn {
        format!("That is the instance ARN; enter only its last part: '{tail}'.")
    } else if is_instance_id(&trimmed.to_ascii_lowercase()) {
        format!(
            "Instance ids are lowercase: '{}'.",
            trimmed.to_ascii_lowercase()
        )
    } else {
        "Enter the instance id, the UUID at the end of the instance ARN (for example \
         0a1b2c3d-1111-2222-3333-444455556666)."
            .to_string()
    };
    add(
        out,
        Code::InstanceIdInvalid,
        Severity::Error,
        field::INSTANCE_ID,
        format!("The instance id '{id}' is not an Amazon Connect instance id."),
        hint,
    );
    None
}

/// Runs every check on `settings`.
pub fn diagnose(settings: &Settings) -> Diagnosis {
    let mut findings = Vec::new();

    let given_instance = !settings.instance_url.trim().is_empty();
    let given_ccp = !settings.ccp_url.trim().is_empty();
    let mut inst = None;
    if given_instance {
        let (i, f) = instance::check_instance_url(&settings.instance_url);
        inst = i;
        findings.extend(f);
    } else if !given_ccp {
        add(
            &mut findings,
            Code::InstanceUrlInvalid,
            Severity::Error,
            field::INSTANCE_URL,
            "No instance URL was given.".into(),
            "Enter the Amazon Connect instance URL, such as https://your-alias.my.connect.aws."
                .into(),
        );
    }
    let ccp_url = if given_ccp {
        let (url, f) = instance::check_ccp_url(&settings.ccp_url, inst.as_ref());
        findings.extend(f);
        if inst.is_none() && !given_instance {
            // The CCP URL then stands for the instance in the RelayState checks.
            inst = url
                .as_deref()
                .and_then(|u| instance::check_instance_url(u).0);
        }
        url
    } else {
        inst.as_ref().map(instance::Instance::ccp_url)
    };

    let region = check_region(&settings.region, &mut findings);
    let instance_id = check_instance_id(&settings.instance_id, &mut findings);

    let expected = relay_state::Expected {
        instance: inst.as_ref(),
        region: region.as_deref(),
        instance_id: instance_id.as_deref(),
    };
    let idp = sso::check_sso_login_url(&settings.sso_login_url, &expected, &mut findings);

    identity::check(
        &settings.username,
        &settings.connect_username,
        &mut findings,
    );

    Diagnosis {
        idp,
        findings: by_severity(findings),
        ccp_url,
    }
}

/// Errors first, then warnings, then notes; the order within each is the checks' order.
///
/// The same order as a stable sort on descending severity, in two passes over the list: a
/// general sort brings in more WebAssembly than all of this module's logic, for one call.
fn by_severity(findings: Vec<Finding>) -> Vec<Finding> {
    let mut ordered = Vec::with_capacity(findings.len());
    let mut rest = findings;
    for severity in [Severity::Error, Severity::Warning] {
        let mut later = Vec::new();
        for f in rest {
            if f.severity == severity {
                ordered.push(f);
            } else {
                later.push(f);
            }
        }
        rest = later;
    }
    ordered.extend(rest);
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list of up to seven findings comes out as a stable sort on descending severity
    /// would leave it.
    #[test]
    fn by_severity_is_a_stable_sort_on_descending_severity() {
        let severities = [Severity::Info, Severity::Warning, Severity::Error];
        for len in 0..=7u32 {
            for n in 0..3usize.pow(len) {
                let findings: Vec<Finding> = (0..len)
                    .map(|i| {
                        let severity = severities[n / 3usize.pow(i) % 3];
                        finding(
                            Code::OptionUnknown,
                            severity,
                            "",
                            i.to_string(),
                            String::new(),
                        )
                    })
                    .collect();
                let mut expected = findings.clone();
                expected.sort_by_key(|f| std::cmp::Reverse(f.severity));
                assert_eq!(by_severity(findings), expected);
            }
        }
    }
}
