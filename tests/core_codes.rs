//! Every code `diagnose` can give is given by some configuration, serialises to the
//! documented kebab-case name, and is documented in `docs/findings.md`.
#![cfg(not(target_arch = "wasm32"))]

use connect_softphone::core::url::encode_uri_component as enc;
use connect_softphone::core::{diagnose, Code, IdpFamily, Settings};
use std::collections::BTreeSet;

/// The codes of the configuration checks (the mount options have their own).
const CHECK_CODES: &[Code] = &[
    Code::InstanceUrlInvalid,
    Code::InstanceUrlNormalized,
    Code::InstanceUrlLegacyDomain,
    Code::CcpUrlInvalid,
    Code::CcpDomainMismatch,
    Code::LocalStandIn,
    Code::RegionInvalid,
    Code::InstanceIdInvalid,
    Code::SsoUrlInvalid,
    Code::SsoUrlInsecure,
    Code::SsoUrlNonAsciiHost,
    Code::SsoUrlNotIdpInitiated,
    Code::IdpUnrecognized,
    Code::RelayStateMissing,
    Code::RelayStateNotFederation,
    Code::RelayStateLostParameter,
    Code::RelayStateDoubleEncoded,
    Code::RelayStateRegionMismatch,
    Code::RelayStateDestinationMismatch,
    Code::RelayStateInstanceMismatch,
    Code::RelayStateInAppSettings,
    Code::RelayStateNoDestination,
    Code::RelayStateExternalDestination,
    Code::AdfsRelayStateFormat,
    Code::UsernameInvalid,
    Code::UsernameMissing,
    Code::IdentityMismatch,
];

const ID: &str = "0a1b2c3d-1111-2222-3333-444455556666";

fn configurations() -> Vec<Settings> {
    let fed = |host: &str, q: &str| format!("https://{host}/connect/federate/{ID}{q}");
    let okta = |rs: &str| {
        format!(
            "https://acme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={}",
            enc(rs)
        )
    };
    let base = Settings {
        instance_url: "https://acme.my.connect.aws".into(),
        region: "us-east-1".into(),
        instance_id: ID.into(),
        ..Settings::default()
    };
    let sso = |u: String| Settings {
        sso_login_url: u,
        ..base.clone()
    };
    let good = fed("us-east-1.console.aws.amazon.com", "?destination=%2Fccp-v2");
    vec![
        Settings {
            instance_url: "acme".into(),
            ..base.clone()
        },
        Settings {
            instance_url: "https://acme.my.connect.aws/ccp-v2/".into(),
            ..base.clone()
        },
        Settings {
            instance_url: "https://acme.awsapps.com/connect".into(),
            ..base.clone()
        },
        Settings {
            ccp_url: "javascript:x".into(),
            ..base.clone()
        },
        Settings {
            ccp_url: "https://other.my.connect.aws/ccp-v2/".into(),
            ..base.clone()
        },
        Settings {
            instance_url: "http://localhost:8080".into(),
            ..base.clone()
        },
        Settings {
            region: "virginia".into(),
            ..base.clone()
        },
        Settings {
            instance_id: "acme".into(),
            ..base.clone()
        },
        sso("javascript:alert(1)".into()),
        sso(format!(
            "http://acme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={}",
            enc(&good)
        )),
        sso(format!(
            "https://\u{0430}cme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={}",
            enc(&good)
        )),
        sso("https://signin.aws.amazon.com/saml".into()),
        sso(format!(
            "https://idp.acme.example/sso?RelayState={}",
            enc(&good)
        )),
        sso("https://acme.okta.com/app/amazon_aws/exk1/sso/saml".into()),
        sso(okta("https://console.aws.amazon.com/")),
        sso(format!(
            "https://acme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={good}&new_domain=true"
        )),
        sso(okta(&enc(&good))),
        sso(okta(&fed(
            "eu-west-2.console.aws.amazon.com",
            "?destination=%2Fccp-v2",
        ))),
        sso(okta(&fed(
            "us-east-1.console.aws.amazon.com",
            "?destination=%2Fconnect%2Fccp-v2",
        ))),
        Settings {
            instance_id: "9f8e7d6c-5555-4444-3333-222211110000".into(),
            ..sso(okta(&good))
        },
        sso("https://acme.onelogin.com/trust/saml2/launch/123".into()),
        sso(okta(&fed("us-east-1.console.aws.amazon.com", ""))),
        sso(okta(&fed(
            "us-east-1.console.aws.amazon.com",
            "?destination=https%3A%2F%2Fcrm.acme.com",
        ))),
        sso(format!(
            "https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={}",
            enc(&good)
        )),
        Settings {
            username: "john doe".into(),
            ..base.clone()
        },
        Settings {
            connect_username: "jdoe".into(),
            ..base.clone()
        },
        Settings {
            username: "JDoe".into(),
            connect_username: "jdoe".into(),
            ..base.clone()
        },
    ]
}

#[test]
fn every_code_is_produced_by_some_configuration() {
    let mut seen = BTreeSet::new();
    for s in configurations() {
        for f in diagnose(&s).findings {
            seen.insert(f.code.as_str());
        }
    }
    let missing: Vec<&str> = CHECK_CODES
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(missing.is_empty(), "never produced: {missing:?}");
}

#[test]
fn codes_and_families_are_documented() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/findings.md"))
        .expect("docs/findings.md");
    for code in CHECK_CODES {
        let name = code.as_str();
        assert!(
            name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{name}"
        );
        assert!(
            docs.contains(&format!("### `{name}`")),
            "{name} is not documented"
        );
    }
    for family in IdpFamily::ALL {
        assert!(
            docs.contains(&format!("`{}`", family.as_str())),
            "{} is not documented",
            family.as_str()
        );
    }
}

#[test]
fn json_names_match_as_str() {
    for code in CHECK_CODES {
        assert_eq!(
            serde_json::to_value(code).ok(),
            Some(serde_json::Value::from(code.as_str()))
        );
    }
    for family in IdpFamily::ALL {
        assert_eq!(
            serde_json::to_value(family).ok(),
            Some(serde_json::Value::from(family.as_str()))
        );
    }
}
