//! Hosts written in punycode (`xn--…`): decoded as the `url` crate's IDNA encodes them, and
//! a look-alike caught in every URL of the configuration as it is in its Unicode spelling.
#![cfg(not(target_arch = "wasm32"))]

use connect_softphone::core::punycode::{decode, decode_host};
use connect_softphone::core::url::encode_uri_component as enc;
use connect_softphone::core::{diagnose, Code, Finding, Settings, Severity};
use proptest::prelude::*;

const ID: &str = "0a1b2c3d-1111-2222-3333-444455556666";

/// The ASCII form a browser gives a Unicode host (the `url` crate applies IDNA as it does).
fn to_ascii(host: &str) -> String {
    let u = url::Url::parse(&format!("https://{host}/")).expect(host);
    u.host_str().expect(host).to_string()
}

#[test]
fn labels_decode_to_what_idna_encoded() {
    for host in [
        "\u{430}cme.okta.com",
        "acme.my.c\u{43e}nnect.aws",
        "us-east-1.c\u{43e}nsole.aws.amazon.com",
        "sso.b\u{fc}cher.example",
        "m\u{fc}nchen.example",
        "\u{4f8b}\u{3048}.example",
        "\u{3b1}\u{3b2}\u{3b3}.example",
        "\u{1f600}.example",
        "xn--cme-5cd.okta.com",
    ] {
        let ascii = to_ascii(host);
        let unicode = host.replace("xn--cme-5cd", "\u{430}cme");
        assert_eq!(
            decode_host(&ascii).as_deref(),
            Some(unicode.as_str()),
            "{ascii}"
        );
    }
}

proptest! {
    /// Any label of lowercase letters, digits, hyphens and a few non-ASCII letters that IDNA
    /// keeps as they are: encoded by IDNA, decoded back by `decode`.
    #[test]
    fn any_label_round_trips(label in "[a-z0-9\u{e0}-\u{f6}\u{430}-\u{44f}\u{3b1}-\u{3c1}\u{3c3}-\u{3c9}\u{4e00}-\u{4e20}]{1,20}") {
        prop_assume!(!label.is_ascii());
        let ascii = to_ascii(&format!("{label}.example"));
        let encoded = ascii
            .strip_prefix("xn--")
            .and_then(|a| a.strip_suffix(".example"))
            .expect("an xn-- label");
        prop_assert_eq!(decode(encoded), Some(label));
    }

    /// Nothing in ASCII makes the decoder panic or run long.
    #[test]
    fn any_ascii_decodes_or_not_without_panicking(input in "[ -~]{0,80}") {
        let _ = decode(&input);
        let _ = decode_host(&format!("xn--{input}.example"));
    }
}

/// The settings with one URL holding `host`, and the code and field its look-alike gets.
fn with_host(host: &str) -> Vec<(Settings, Code, &'static str)> {
    let fed =
        |console: &str| format!("https://{console}/connect/federate/{ID}?destination=%2Fccp-v2");
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
    vec![
        (
            sso(format!(
                "https://{host}.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={}",
                enc(&fed("us-east-1.console.aws.amazon.com"))
            )),
            Code::SsoUrlNonAsciiHost,
            "ssoLoginUrl",
        ),
        (
            Settings {
                instance_url: format!("https://{host}.my.connect.aws"),
                ..base.clone()
            },
            Code::InstanceUrlInvalid,
            "instanceUrl",
        ),
        (
            Settings {
                ccp_url: format!("https://{host}.my.connect.aws/ccp-v2/"),
                ..base.clone()
            },
            Code::CcpUrlInvalid,
            "ccpUrl",
        ),
        (
            sso(format!(
                "https://acme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={}",
                enc(&fed(&format!("us-east-1.{host}.aws.amazon.com")))
            )),
            Code::RelayStateNotFederation,
            "ssoLoginUrl",
        ),
    ]
}

fn the_error(findings: &[Finding], code: Code, field: &str) -> Option<Finding> {
    findings
        .iter()
        .find(|f| f.code == code && f.field == field && f.severity == Severity::Error)
        .cloned()
}

#[test]
fn a_look_alike_in_punycode_is_caught_in_every_url_as_in_unicode() {
    // (label with look-alikes, the ASCII it imitates, the first look-alike's code point)
    let look_alikes = [
        ("\u{430}cme", "acme", "U+0430"),
        ("c\u{43e}ns\u{43e}le", "console", "U+043E"),
        ("\u{3bf}kta", "okta", "U+03BF"),
    ];
    let mut failures = Vec::new();
    for (label, imitated, code_point) in look_alikes {
        let puny = to_ascii(&format!("{label}.example"))
            .strip_suffix(".example")
            .expect("label")
            .to_string();
        assert!(puny.starts_with("xn--"), "{puny}");
        let unicode = with_host(label);
        let ascii = with_host(&puny);
        for ((u, code, field), (a, _, _)) in unicode.iter().zip(&ascii) {
            let u = the_error(&diagnose(u).findings, *code, field);
            let d = diagnose(a);
            let Some(f) = the_error(&d.findings, *code, field) else {
                failures.push(format!(
                    "{puny} in {field}: no {code:?} error: {:#?}",
                    d.findings
                ));
                continue;
            };
            if u.is_none() {
                failures.push(format!("{label} in {field}: no {code:?} error"));
            }
            // Both forms, the character, and what it imitates.
            let text = format!("{} {}", f.message, f.hint);
            for word in [puny.as_str(), label, code_point, imitated] {
                if !text.contains(word) {
                    failures.push(format!("{puny} in {field}: {word:?} not in {text:?}"));
                }
            }
            assert!(!d.ok());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn punycode_that_is_no_look_alike_is_treated_as_its_unicode_spelling() {
    // An internationalised SSO host: a warning either way, not an error.
    for host in ["sso.b\u{fc}cher.example", "sso.xn--bcher-kva.example"] {
        let d = diagnose(&Settings {
            sso_login_url: format!("https://{host}/launch?RelayState=x"),
            ..Settings::default()
        });
        let f = d
            .findings
            .iter()
            .find(|f| f.code == Code::SsoUrlNonAsciiHost)
            .unwrap_or_else(|| panic!("{host}: {:?}", d.findings));
        assert_eq!(f.severity, Severity::Warning, "{host}");
        assert!(f.message.contains("b\u{fc}cher"), "{}", f.message);
    }
    // Plain ASCII hosts, and `xn--` labels that are not valid punycode, get no such finding.
    for host in ["acme.okta.com", "xn--zz!.okta.com", "xn--.okta.com"] {
        let d = diagnose(&Settings {
            sso_login_url: format!("https://{host}/app/amazon_aws/x/sso/saml"),
            ..Settings::default()
        });
        assert!(
            d.findings
                .iter()
                .all(|f| f.code != Code::SsoUrlNonAsciiHost),
            "{host}: {:?}",
            d.findings
        );
    }
}
