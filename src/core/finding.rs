//! Findings: what the configuration checks say, each with a stable code for programs and a
//! message and hint for people.

use serde::{Serialize, Serializer};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; nothing needs to change.
    Info,
    /// Sign-in may fail or behave badly.
    Warning,
    /// Sign-in will fail: mounting refuses the configuration.
    Error,
}

impl Severity {
    /// The severity as it appears in JSON: `info`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The stable codes of findings. They are part of the public API (see `docs/findings.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    InstanceUrlInvalid,
    SsoUrlInvalid,
    SsoUrlInsecure,
    RelayStateMissing,
    RelayStateNotFederation,
    RelayStateLostParameter,
    /// The RelayState was percent-encoded once too often.
    RelayStateDoubleEncoded,
    RelayStateRegionMismatch,
    RelayStateDestinationMismatch,
    RelayStateInstanceMismatch,
    AdfsRelayStateFormat,
    UsernameInvalid,
    IdentityMismatch,
    InstanceUrlNormalized,
    InstanceUrlLegacyDomain,
    CcpUrlInvalid,
    CcpDomainMismatch,
    LocalStandIn,
    RegionInvalid,
    InstanceIdInvalid,
    SsoUrlNonAsciiHost,
    SsoUrlNotIdpInitiated,
    IdpUnrecognized,
    RelayStateInAppSettings,
    RelayStateNoDestination,
    RelayStateExternalDestination,
    UsernameMissing,
    /// A mount option has the wrong type or is out of range.
    OptionInvalid,
    /// A mount option the component does not know (often a misspelling).
    OptionUnknown,
}

impl Code {
    /// The code as it appears in JSON and in the documentation.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InstanceUrlInvalid => "instance-url-invalid",
            Code::SsoUrlInvalid => "sso-url-invalid",
            Code::SsoUrlInsecure => "sso-url-insecure",
            Code::RelayStateMissing => "relay-state-missing",
            Code::RelayStateNotFederation => "relay-state-not-federation",
            Code::RelayStateLostParameter => "relay-state-lost-parameter",
            Code::RelayStateDoubleEncoded => "relay-state-double-encoded",
            Code::RelayStateRegionMismatch => "relay-state-region-mismatch",
            Code::RelayStateDestinationMismatch => "relay-state-destination-mismatch",
            Code::RelayStateInstanceMismatch => "relay-state-instance-mismatch",
            Code::AdfsRelayStateFormat => "adfs-relay-state-format",
            Code::UsernameInvalid => "username-invalid",
            Code::IdentityMismatch => "identity-mismatch",
            Code::InstanceUrlNormalized => "instance-url-normalized",
            Code::InstanceUrlLegacyDomain => "instance-url-legacy-domain",
            Code::CcpUrlInvalid => "ccp-url-invalid",
            Code::CcpDomainMismatch => "ccp-domain-mismatch",
            Code::LocalStandIn => "local-stand-in",
            Code::RegionInvalid => "region-invalid",
            Code::InstanceIdInvalid => "instance-id-invalid",
            Code::SsoUrlNonAsciiHost => "sso-url-non-ascii-host",
            Code::SsoUrlNotIdpInitiated => "sso-url-not-idp-initiated",
            Code::IdpUnrecognized => "idp-unrecognized",
            Code::RelayStateInAppSettings => "relay-state-in-app-settings",
            Code::RelayStateNoDestination => "relay-state-no-destination",
            Code::RelayStateExternalDestination => "relay-state-external-destination",
            Code::UsernameMissing => "username-missing",
            Code::OptionInvalid => "option-invalid",
            Code::OptionUnknown => "option-unknown",
        }
    }
}

// Enums serialise as the strings their `as_str` gives, which is what the derived
// implementations wrote too; written out, they share those strings instead of a second match.

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One thing the checks found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The configuration field it is about, in the JavaScript spelling (`ssoLoginUrl`).
    pub field: &'static str,
    /// What is wrong, for a person.
    pub message: String,
    /// What to change.
    pub hint: String,
}

// serde_json is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_finding_serialises_with_its_codes_as_strings() {
        let finding = Finding {
            code: Code::SsoUrlInsecure,
            severity: Severity::Warning,
            field: "ssoLoginUrl",
            message: "m".into(),
            hint: "h".into(),
        };
        assert_eq!(
            serde_json::to_string(&finding).ok().as_deref(),
            Some(
                r#"{"code":"sso-url-insecure","severity":"warning","field":"ssoLoginUrl","message":"m","hint":"h"}"#
            )
        );
        for (severity, name) in [
            (Severity::Info, "info"),
            (Severity::Warning, "warning"),
            (Severity::Error, "error"),
        ] {
            assert_eq!(serde_json::to_value(severity).ok(), Some(name.into()));
        }
    }
}
