//! The instance URL and the CCP URL derived from it, as an admin pastes them.
#![cfg(not(target_arch = "wasm32"))]

use connect_softphone::core::{diagnose, Code, Settings, Severity};

fn with_instance(instance_url: &str) -> Settings {
    Settings {
        instance_url: instance_url.into(),
        ..Settings::default()
    }
}

fn codes(s: &Settings) -> Vec<(Code, Severity)> {
    diagnose(s)
        .findings
        .iter()
        .map(|f| (f.code, f.severity))
        .collect()
}

/// Instance URLs that are usable, with the CCP URL each gives.
const DERIVED: &[(&str, &str)] = &[
    (
        "https://acme.my.connect.aws",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws/",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "  https://acme.my.connect.aws  ",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://ACME.My.Connect.AWS",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws:443/",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws/ccp-v2",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws/ccp-v2/",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws/ccp-v2/softphone",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws/agent-app-v2/",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws/home",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws/ccp#/",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.my.connect.aws.",
        "https://acme.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme-contact-01.my.connect.aws",
        "https://acme-contact-01.my.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.awsapps.com/connect",
        "https://acme.awsapps.com/connect/ccp-v2/",
    ),
    (
        "https://acme.awsapps.com/connect/",
        "https://acme.awsapps.com/connect/ccp-v2/",
    ),
    (
        "https://acme.awsapps.com/connect/ccp-v2",
        "https://acme.awsapps.com/connect/ccp-v2/",
    ),
    (
        "https://acme.awsapps.com/connect/ccp-v2/",
        "https://acme.awsapps.com/connect/ccp-v2/",
    ),
    (
        "https://acme.awsapps.com/connect/ccp#",
        "https://acme.awsapps.com/connect/ccp-v2/",
    ),
    (
        "https://acme.awsapps.com/connect/home",
        "https://acme.awsapps.com/connect/ccp-v2/",
    ),
    (
        "https://acme.awsapps.com",
        "https://acme.awsapps.com/connect/ccp-v2/",
    ),
    (
        "HTTPS://ACME.AWSAPPS.COM/connect",
        "https://acme.awsapps.com/connect/ccp-v2/",
    ),
    (
        "https://acme.govcloud.connect.aws",
        "https://acme.govcloud.connect.aws/ccp-v2/",
    ),
    (
        "https://acme.govcloud.connect.aws/ccp-v2/",
        "https://acme.govcloud.connect.aws/ccp-v2/",
    ),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080/ccp-v2/"),
    (
        "http://127.0.0.1:8080/connect",
        "http://127.0.0.1:8080/connect/ccp-v2/",
    ),
    (
        "http://localhost:9000/ccp-v2/",
        "http://localhost:9000/ccp-v2/",
    ),
    ("http://[::1]:8081/", "http://[::1]:8081/ccp-v2/"),
    ("http://0x7f.1:8080", "http://127.0.0.1:8080/ccp-v2/"),
    ("https://127.0.0.2", "https://127.0.0.2/ccp-v2/"),
];

#[test]
fn every_usable_instance_url_gives_its_ccp_url() {
    for (input, ccp) in DERIVED {
        let d = diagnose(&with_instance(input));
        assert_eq!(
            d.ccp_url.as_deref(),
            Some(*ccp),
            "instance URL {input:?}: {:?}",
            d.findings
        );
        assert!(
            d.ok(),
            "instance URL {input:?} should be usable: {:?}",
            d.findings
        );
    }
}

#[test]
fn a_canonical_instance_url_gives_no_finding() {
    for input in [
        "https://acme.my.connect.aws",
        "https://acme.my.connect.aws/",
    ] {
        assert!(codes(&with_instance(input)).is_empty(), "{input}");
    }
}

#[test]
fn normalisation_and_the_older_domain_are_noted() {
    let c = codes(&with_instance("https://acme.my.connect.aws/agent-app-v2/"));
    assert_eq!(c, vec![(Code::InstanceUrlNormalized, Severity::Info)]);
    let c = codes(&with_instance("https://acme.my.connect.aws/some/where"));
    assert_eq!(c, vec![(Code::InstanceUrlNormalized, Severity::Warning)]);
    let c = codes(&with_instance("https://acme.awsapps.com/connect/"));
    assert_eq!(c, vec![(Code::InstanceUrlLegacyDomain, Severity::Info)]);
    let c = codes(&with_instance("http://127.0.0.1:8080"));
    assert_eq!(c, vec![(Code::LocalStandIn, Severity::Info)]);
}

/// Instance URLs that are refused, each with a word the message or hint must contain.
const REFUSED: &[(&str, &str)] = &[
    ("", "No instance URL"),
    ("acme.my.connect.aws", "https://acme.my.connect.aws"),
    ("javascript:alert(1)", "scheme"),
    ("data:text/html,x", "scheme"),
    ("file:///etc/passwd", "scheme"),
    ("http://acme.my.connect.aws", "https://acme.my.connect.aws"),
    ("https://admin:secret@acme.my.connect.aws", "password"),
    ("https://acme.my.connect.aws:8443", "port"),
    ("https://my.connect.aws", "not an Amazon Connect host"),
    ("https://acme.example.com", "not an Amazon Connect host"),
    ("https://eu.acme.my.connect.aws", "https://acme.my.connect.aws"),
    ("https://-acme.my.connect.aws", "alias"),
    ("https://acme_1.my.connect.aws", "alias"),
    ("https://d-1234567890.awsapps.com/start", "IAM Identity Center"),
    ("https://acme.awsapps.com/start/#/", "IAM Identity Center"),
    (
        "https://us-east-1.console.aws.amazon.com/connect/federate/0a1b2c3d-1111-2222-3333-444455556666",
        "federation endpoint",
    ),
    ("https://signin.aws.amazon.com/saml", "sign-in endpoint"),
    ("https://acme.okta.com/app/amazon_aws/exk1/sso/saml", "SSO Login URL"),
    ("https://\u{0430}cme.my.connect.aws", "U+0430"),
    // The same host in punycode, as a browser's address bar may show it: both forms.
    (
        "https://xn--cme-5cd.my.connect.aws",
        "'xn--cme-5cd.my.connect.aws' ('\u{0430}cme.my.connect.aws' once its punycode is decoded)",
    ),
    (
        "https://acme.my.xn--cnnect-wqf.aws",
        "Retype the host in plain ASCII: 'acme.my.connect.aws'.",
    ),
    ("https://acme.my.connect.aws:99999", "port"),
    ("https://", "no host"),
    ("https://acme.my.connect.aws%2F", "character"),
];

#[test]
fn unusable_instance_urls_are_refused_and_explained() {
    for (input, word) in REFUSED {
        let d = diagnose(&with_instance(input));
        assert_eq!(d.ccp_url, None, "{input:?}");
        assert!(!d.ok(), "{input:?}");
        let f = d
            .findings
            .iter()
            .find(|f| f.code == Code::InstanceUrlInvalid);
        let f = f.unwrap_or_else(|| panic!("{input:?}: {:?}", d.findings));
        assert_eq!(f.field, "instanceUrl");
        let text = format!("{} {}", f.message, f.hint);
        assert!(text.contains(word), "{input:?}: {word:?} not in {text:?}");
    }
}

#[test]
fn an_explicit_ccp_url_is_validated_and_used_as_is() {
    let s = Settings {
        instance_url: "https://acme.my.connect.aws".into(),
        ccp_url: "https://acme.my.connect.aws/ccp-v2/softphone".into(),
        ..Settings::default()
    };
    let d = diagnose(&s);
    assert_eq!(
        d.ccp_url.as_deref(),
        Some("https://acme.my.connect.aws/ccp-v2/softphone")
    );
    assert!(d.findings.is_empty(), "{:?}", d.findings);

    // Alone, without an instance URL.
    let s = Settings {
        ccp_url: "https://acme.awsapps.com/connect/ccp-v2/".into(),
        ..Settings::default()
    };
    let d = diagnose(&s);
    assert_eq!(
        d.ccp_url.as_deref(),
        Some("https://acme.awsapps.com/connect/ccp-v2/")
    );
    assert!(d.ok());

    let refused = [
        "not a url",
        "javascript:alert(1)",
        "http://acme.my.connect.aws/ccp-v2/",
        "https://acme.my.connect.aws/admin",
        "https://u:p@acme.my.connect.aws/ccp-v2/",
        "https://acme.awsapps.com/ccp-v2/",
        // Look-alike hosts in punycode, on the Connect domain or imitating it.
        "https://xn--cme-5cd.my.connect.aws/ccp-v2/",
        "https://acme.my.xn--cnnect-wqf.aws/ccp-v2/",
    ];
    for ccp in refused {
        let s = Settings {
            ccp_url: ccp.into(),
            ..Settings::default()
        };
        let d = diagnose(&s);
        assert_eq!(d.ccp_url, None, "{ccp}");
        assert!(
            d.findings
                .iter()
                .any(|f| f.code == Code::CcpUrlInvalid && f.field == "ccpUrl"),
            "{ccp}"
        );
    }

    // The earlier CCP, and a host outside Connect: warnings, still used.
    for ccp in [
        "https://acme.my.connect.aws/ccp#",
        "https://acme.awsapps.com/connect/ccp#",
        "https://ccp.example.com/",
    ] {
        let s = Settings {
            ccp_url: ccp.into(),
            ..Settings::default()
        };
        let d = diagnose(&s);
        assert_eq!(d.ccp_url.as_deref(), Some(ccp));
        assert!(
            d.findings
                .iter()
                .any(|f| f.code == Code::CcpUrlInvalid && f.severity == Severity::Warning),
            "{ccp}"
        );
    }
}

#[test]
fn a_ccp_url_on_another_domain_than_the_instance_is_flagged() {
    // Failure mode: federation lands on my.connect.aws, the iframe loads awsapps.com.
    let s = Settings {
        instance_url: "https://acme.my.connect.aws".into(),
        ccp_url: "https://acme.awsapps.com/connect/ccp-v2/".into(),
        ..Settings::default()
    };
    let d = diagnose(&s);
    let f = d
        .findings
        .iter()
        .find(|f| f.code == Code::CcpDomainMismatch)
        .expect("mismatch");
    assert_eq!(f.field, "ccpUrl");
    assert!(f.hint.contains("https://acme.my.connect.aws/ccp-v2/"));
}

#[test]
fn region_and_instance_id_are_checked() {
    let s = Settings {
        instance_url: "https://acme.my.connect.aws".into(),
        region: "US-East-1".into(),
        instance_id:
            "arn:aws:connect:us-east-1:123456789012:instance/0a1b2c3d-1111-2222-3333-444455556666"
                .into(),
        ..Settings::default()
    };
    let d = diagnose(&s);
    let region = d
        .findings
        .iter()
        .find(|f| f.code == Code::RegionInvalid)
        .expect("region");
    assert!(region.hint.contains("'us-east-1'"));
    let id = d
        .findings
        .iter()
        .find(|f| f.code == Code::InstanceIdInvalid)
        .expect("id");
    assert!(id.hint.contains("'0a1b2c3d-1111-2222-3333-444455556666'"));
    for ok in [
        "us-east-1",
        "us-gov-west-1",
        "ap-southeast-2",
        "eu-central-1",
        "il-central-1",
    ] {
        let s = Settings {
            instance_url: "https://acme.my.connect.aws".into(),
            region: ok.into(),
            ..Settings::default()
        };
        assert!(codes(&s).is_empty(), "{ok}");
    }
}
