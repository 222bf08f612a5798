//! The checks never panic and always answer quickly, whatever they are given: arbitrary
//! strings in every field, realistic URLs mutated at random, and very long inputs.
#![cfg(not(target_arch = "wasm32"))]

use connect_softphone::core::url::encode_uri_component as enc;
use connect_softphone::core::{diagnose, url, Settings};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// A ceiling that only a hang or a blow-up would reach: a call takes microseconds, and even
/// the 20,000-character inputs below take milliseconds in a debug build. How the time grows
/// with the input is checked apart, as a ratio (`time_grows_linearly_with_the_input`).
const BOUND: Duration = Duration::from_secs(1);

fn timed(s: &Settings) {
    let start = Instant::now();
    let d = diagnose(s);
    let took = start.elapsed();
    assert!(took < BOUND, "diagnose took {took:?} on {s:?}");
    // Every finding is complete.
    for f in &d.findings {
        assert!(
            !f.message.is_empty() && !f.hint.is_empty() && !f.field.is_empty(),
            "{f:?}"
        );
    }
}

const ID: &str = "0a1b2c3d-1111-2222-3333-444455556666";

fn realistic() -> Vec<String> {
    let fed = format!(
        "https://us-east-1.console.aws.amazon.com/connect/federate/{ID}?destination=%2Fccp-v2"
    );
    let nested = enc(&format!(
        "RPID={}&RelayState={}",
        enc("urn:amazon:webservices"),
        enc(&fed)
    ));
    vec![
        "https://acme.my.connect.aws".into(),
        "https://xn--cme-5cd.my.connect.aws".into(),
        format!("https://xn--cme-5cd.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={}", enc(&enc(&fed))),
        format!("https://sso.example.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&RelayState={}", enc(&fed)),
        "https://acme.awsapps.com/connect/ccp-v2/".into(),
        "https://acme.govcloud.connect.aws/ccp-v2/".into(),
        "http://127.0.0.1:8080/connect".into(),
        format!("https://acme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={}", enc(&fed)),
        format!("https://acme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={fed}&new_domain=true"),
        format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={nested}"),
        format!("https://pf.acme.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&TargetResource={}", enc(&fed)),
        "https://launcher.myapps.microsoft.com/api/signin/1c2d?tenantId=72f9".into(),
        "https://d-1234567890.awsapps.com/start/#/saml/default/Connect/ins-1".into(),
        "http://[::1]:9000/app/amazon_aws/x/sso/saml?RelayState=http%3A%2F%2F127.0.0.1%2Fconnect%2Ffederate%2Fx".into(),
        fed,
        ID.into(),
        "us-gov-west-1".into(),
        "j.doe@acme.com".into(),
        "j\u{043e}hn".into(),
    ]
}

/// A realistic value with a few random edits.
fn mutated() -> impl Strategy<Value = String> {
    let picks = prop::sample::select(realistic());
    let edits = prop::collection::vec(
        (
            any::<usize>(),
            0u8..5,
            prop::sample::select(vec![
                "/",
                "\\",
                ":",
                "@",
                ".",
                "%",
                "%2",
                "%25",
                "?",
                "#",
                "&",
                "=",
                "[",
                "]",
                "::",
                " ",
                "\t",
                "\u{0}",
                "0x",
                "..",
                "%2e",
                "\u{430}",
                "xn--",
                "xn--cme-5cd",
                "\u{ff0e}",
                "RelayState=",
                "RPID%3D",
                "https://",
                "&destination=",
                "&new_domain=true",
                "%26",
                "+",
                "\u{feff}",
                "9999999999",
            ]),
        ),
        0..6,
    );
    (picks, edits).prop_map(|(base, edits)| {
        let mut chars: Vec<char> = base.chars().collect();
        for (at, kind, text) in edits {
            let at = at % (chars.len() + 1);
            match kind {
                0 | 1 => {
                    let ins: Vec<char> = text.chars().collect();
                    chars.splice(at..at, ins);
                }
                2 if at < chars.len() => {
                    chars.remove(at);
                }
                3 => chars.truncate(at),
                _ => {
                    // Repeat a slice, as a paste gone wrong would.
                    let end = (at + 12).min(chars.len());
                    let piece: Vec<char> = chars[at..end].to_vec();
                    chars.splice(at..at, piece);
                }
            }
        }
        chars.into_iter().collect()
    })
}

fn any_field() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => mutated(),
        2 => any::<String>(),
        1 => "[a-zA-Z0-9:/?#%&=@.\\[\\]+ -]{0,80}",
        1 => Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn diagnose_never_panics_and_answers_quickly(
        instance_url in any_field(),
        ccp_url in any_field(),
        sso_login_url in any_field(),
        region in any_field(),
        instance_id in any_field(),
        username in any_field(),
        connect_username in any_field(),
    ) {
        timed(&Settings { instance_url, ccp_url, sso_login_url, region, instance_id, username, connect_username });
    }

    #[test]
    fn the_url_parser_never_panics_and_round_trips(input in any_field()) {
        if let Ok(u) = url::parse(&input) {
            // A serialised URL parses to itself, as the standard requires.
            let href = u.href();
            let again = url::parse(&href).map(|v| v.href());
            prop_assert_eq!(again.as_deref(), Ok(href.as_str()));
        }
    }
}

fn every_field(value: &str) -> Settings {
    Settings {
        instance_url: value.to_string(),
        ccp_url: value.to_string(),
        sso_login_url: value.to_string(),
        region: value.to_string(),
        instance_id: value.to_string(),
        username: value.to_string(),
        connect_username: value.to_string(),
    }
}

/// The fastest of a few runs: the least disturbed by whatever else the machine does.
fn fastest(s: &Settings) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(diagnose(std::hint::black_box(s)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Ten times the input may take about ten times as long, never a hundred (quadratic) or more.
/// Measured as a ratio in one process, so the machine's speed cancels out.
#[test]
fn time_grows_linearly_with_the_input() {
    let shapes: [fn(usize) -> String; 5] = [
        |n| format!("https://{}.my.connect.aws", "a".repeat(n)),
        |n| format!("https://h/{}", "../".repeat(n / 3)),
        |n| format!("https://h/?{}", "a=b&".repeat(n / 4)),
        |n| "%41".repeat(n / 3),
        |n| "\u{430}".repeat(n / 2),
    ];
    for shape in shapes {
        let small = fastest(&every_field(&shape(2_000)));
        let large = fastest(&every_field(&shape(20_000)));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        assert!(
            ratio < 35.0,
            "10x the input took {ratio:.1}x the time ({small:?} -> {large:?}) for {}",
            &shape(40)
        );
    }
}

#[test]
fn very_long_inputs_answer_within_the_bound() {
    let fed = format!(
        "https://us-east-1.console.aws.amazon.com/connect/federate/{ID}?destination=%2Fccp-v2"
    );
    let long = [
        "%".repeat(20_000),
        format!("https://{}.my.connect.aws", "a".repeat(20_000)),
        format!("https://[{}]", "1:".repeat(10_000)),
        format!("https://h/{}", "../".repeat(10_000)),
        format!("https://h/?{}", "a=b&".repeat(5_000)),
        format!(
            "https://acme.okta.com/app/amazon_aws/x/sso/saml?{}",
            format!("RelayState={}&", enc(&fed)).repeat(200)
        ),
        format!("https://{}", "1.".repeat(10_000)),
        "\u{430}".repeat(20_000),
        " ".repeat(20_000),
    ];
    for value in &long {
        timed(&every_field(value));
    }
}
