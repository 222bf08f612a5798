//! The SSO Login URL, its identity provider family and its RelayState: a realistic URL for
//! every family, correct and broken in each of the ways admins break them.
#![cfg(not(target_arch = "wasm32"))]

use connect_softphone::core::url::encode_uri_component as enc;
use connect_softphone::core::{diagnose, Code, Diagnosis, IdpFamily, Settings, Severity};

const ID: &str = "0a1b2c3d-1111-2222-3333-444455556666";
const OTHER_ID: &str = "9f8e7d6c-5555-4444-3333-222211110000";

fn fed(region_host: &str, query: &str) -> String {
    format!("https://{region_host}/connect/federate/{ID}{query}")
}

fn fed_ccp() -> String {
    fed("us-east-1.console.aws.amazon.com", "?destination=%2Fccp-v2")
}

fn adfs_nested(target: &str) -> String {
    enc(&format!(
        "RPID={}&RelayState={}",
        enc("urn:amazon:webservices"),
        enc(target)
    ))
}

/// A configuration for acme.my.connect.aws in us-east-1 with the given SSO Login URL.
fn settings(sso: &str) -> Settings {
    Settings {
        instance_url: "https://acme.my.connect.aws".into(),
        sso_login_url: sso.into(),
        region: "us-east-1".into(),
        instance_id: ID.into(),
        ..Settings::default()
    }
}

fn run(s: &Settings) -> Diagnosis {
    diagnose(s)
}

fn has(d: &Diagnosis, code: Code, severity: Severity) -> bool {
    d.findings
        .iter()
        .any(|f| f.code == code && f.severity == severity)
}

/// Correct URLs, one or more per family: the family is recognised and nothing is an error
/// or a warning.
fn correct() -> Vec<(IdpFamily, String)> {
    let e = enc(&fed_ccp());
    vec![
        (IdpFamily::Okta, format!("https://acme.okta.com/app/amazon_aws/exk1a2b3c4d5e6f7/sso/saml?RelayState={e}")),
        // Unencoded but harmless: one inner parameter, already encoded.
        (IdpFamily::Okta, format!("https://acme.okta.com/app/amazon_aws/exk1a2b3c4d5e6f7/sso/saml?RelayState={}", fed_ccp())),
        (IdpFamily::Okta, format!("https://acme.okta.com/home/amazon_aws/0oa1b2c3d4/272?RelayState={e}")),
        (IdpFamily::Okta, format!("https://login.acme.com/app/amazon_aws/exk1a2/sso/saml?RelayState={e}")),
        (IdpFamily::Adfs, format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={}", adfs_nested(&fed_ccp()))),
        (IdpFamily::Pingfederate, format!("https://pf.acme.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&TargetResource={e}")),
        // PingFederate's other name for it.
        (IdpFamily::Pingfederate, format!("https://pf.acme.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&TARGET={e}")),
        (IdpFamily::Pingone, format!("https://auth.pingone.com/5a6b7c8d/saml20/idp/startsso?spEntityId=urn:amazon:webservices&TargetResource={e}")),
        (IdpFamily::Keycloak, format!("https://kc.acme.com/realms/acme/protocol/saml/clients/amazon-connect?RelayState={e}")),
        (IdpFamily::Auth0, format!("https://acme.us.auth0.com/samlp/AbCdEf123456?RelayState={e}")),
        (IdpFamily::Salesforce, format!("https://acme.my.salesforce.com/idp/login?app=0sp5g000000abcd&RelayState={e}")),
        (IdpFamily::Unknown, format!("https://sso.acme.example/launch/aws?RelayState={e}")),
        // Families that take the RelayState from the app's settings.
        (IdpFamily::EntraId, "https://launcher.myapps.microsoft.com/api/signin/1c2d3e4f-aaaa-bbbb-cccc-ddddeeeeffff?tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47".into()),
        (IdpFamily::EntraId, "https://myapps.microsoft.com/signin/1c2d3e4f-aaaa-bbbb-cccc-ddddeeeeffff?tenantId=72f988bf".into()),
        (IdpFamily::Onelogin, "https://acme.onelogin.com/trust/saml2/launch/1234567".into()),
        (IdpFamily::GoogleWorkspace, "https://accounts.google.com/o/saml2/initsso?idpid=C01abcd&spid=123456789&forceauthn=false".into()),
        (IdpFamily::Jumpcloud, "https://sso.jumpcloud.com/saml2/amazon-connect".into()),
        (IdpFamily::IamIdentityCenter, "https://d-1234567890.awsapps.com/start/#/saml/default/Amazon%20Connect/ins-0123456789abcdef".into()),
    ]
}

#[test]
fn every_family_is_recognised_and_its_correct_url_passes() {
    for (family, sso) in correct() {
        let d = run(&settings(&sso));
        assert_eq!(d.idp, family, "{sso}");
        let bad: Vec<_> = d
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .collect();
        assert!(bad.is_empty(), "{sso}: {bad:?}");
        assert_eq!(
            d.ccp_url.as_deref(),
            Some("https://acme.my.connect.aws/ccp-v2/")
        );
    }
    assert_eq!(run(&settings("")).idp, IdpFamily::None);
}

#[test]
fn families_that_take_the_relay_state_from_settings_say_what_to_set() {
    let d = run(&settings(
        "https://acme.onelogin.com/trust/saml2/launch/1234567",
    ));
    let f = d
        .findings
        .iter()
        .find(|f| f.code == Code::RelayStateInAppSettings)
        .expect("note");
    assert_eq!(f.severity, Severity::Info);
    assert!(f.hint.contains(&fed_ccp()), "{}", f.hint);

    // A RelayState in the URL of such a family is checked, and may be ignored.
    let sso = format!(
        "https://launcher.myapps.microsoft.com/api/signin/1c2d?tenantId=72f9&RelayState={}",
        enc(&fed(
            "eu-central-1.console.aws.amazon.com",
            "?destination=%2Fccp-v2"
        ))
    );
    let d = run(&settings(&sso));
    assert!(has(&d, Code::RelayStateInAppSettings, Severity::Warning));
    assert!(has(&d, Code::RelayStateRegionMismatch, Severity::Error));
}

#[test]
fn the_local_stand_in_passes_the_same_checks() {
    let rs = format!("http://127.0.0.1:8082/connect/federate/{ID}?destination=%2Fccp-v2");
    let s = Settings {
        instance_url: "http://127.0.0.1:8080".into(),
        sso_login_url: format!(
            "http://127.0.0.1:8081/app/amazon_aws/local/sso/saml?RelayState={}",
            enc(&rs)
        ),
        instance_id: ID.into(),
        ..Settings::default()
    };
    let d = run(&s);
    assert_eq!(d.idp, IdpFamily::Okta);
    assert!(d.ok(), "{:?}", d.findings);
    assert!(
        d.findings.iter().all(|f| f.severity == Severity::Info),
        "{:?}",
        d.findings
    );
    assert_eq!(
        d.findings
            .iter()
            .filter(|f| f.code == Code::LocalStandIn)
            .count(),
        3
    );
    assert_eq!(d.ccp_url.as_deref(), Some("http://127.0.0.1:8080/ccp-v2/"));

    for host in ["localhost:9000", "[::1]:9000", "127.1:9000"] {
        let sso = format!(
            "http://{host}/app/amazon_aws/local/sso/saml?RelayState={}",
            enc(&rs)
        );
        let d = run(&Settings {
            sso_login_url: sso.clone(),
            ..s.clone()
        });
        assert!(d.ok(), "{sso}: {:?}", d.findings);
        assert_eq!(d.idp, IdpFamily::Okta);
    }
}

/// One broken configuration: what it is, the settings, and a finding it must produce.
struct Broken {
    what: &'static str,
    settings: Settings,
    code: Code,
    severity: Severity,
    /// Text the message or the hint must contain.
    says: &'static str,
}

fn broken() -> Vec<Broken> {
    let okta = "https://acme.okta.com/app/amazon_aws/exk1a2b3c4d5e6f7/sso/saml";
    let e = enc(&fed_ccp());
    let with = |sso: String| settings(&sso);
    vec![
        Broken { what: "not a URL", settings: with("acme.okta.com/app/amazon_aws/x/sso/saml".into()), code: Code::SsoUrlInvalid, severity: Severity::Error, says: "scheme" },
        Broken { what: "javascript:", settings: with("javascript:alert(document.cookie)".into()), code: Code::SsoUrlInvalid, severity: Severity::Error, says: "'javascript:'" },
        Broken { what: "data:", settings: with("data:text/html,<script>alert(1)</script>".into()), code: Code::SsoUrlInvalid, severity: Severity::Error, says: "'data:'" },
        Broken { what: "file:", settings: with("file:///C:/sso.html".into()), code: Code::SsoUrlInvalid, severity: Severity::Error, says: "'file:'" },
        Broken { what: "credentials", settings: with(format!("https://agent:hunter2@acme.okta.com/app/amazon_aws/x/sso/saml?RelayState={e}")), code: Code::SsoUrlInvalid, severity: Severity::Error, says: "password" },
        Broken { what: "bad port", settings: with("https://acme.okta.com:70000/app".into()), code: Code::SsoUrlInvalid, severity: Severity::Error, says: "port" },
        Broken { what: "http", settings: with(format!("http://acme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={e}")), code: Code::SsoUrlInsecure, severity: Severity::Error, says: "https://acme.okta.com/app/amazon_aws/exk1/sso/saml?" },
        Broken { what: "Cyrillic look-alike host", settings: with(format!("https://\u{0430}cme.okta.com/app/amazon_aws/exk1/sso/saml?RelayState={e}")), code: Code::SsoUrlNonAsciiHost, severity: Severity::Error, says: "U+0430" },
        Broken { what: "Cyrillic look-alike host in punycode", settings: with(format!("https://xn--cme-5cd.okta.com/app/amazon_aws/x/sso/saml?RelayState={e}")), code: Code::SsoUrlNonAsciiHost, severity: Severity::Error, says: "'xn--cme-5cd.okta.com' ('\u{0430}cme.okta.com' once its punycode is decoded)" },
        Broken { what: "look-alike console host in punycode", settings: with(format!("{okta}?RelayState={}", enc(&fed_ccp().replace("us-east-1.console", "us-east-1.xn--cnsole-wqf")))), code: Code::RelayStateNotFederation, severity: Severity::Error, says: "U+043E" },
        Broken { what: "look-alike console host", settings: with(format!("{okta}?RelayState={}", enc(&fed_ccp().replace("us-east-1.console", "us-east-1.c\u{43e}nsole")))), code: Code::RelayStateNotFederation, severity: Severity::Error, says: "It imitates 'us-east-1.console.aws.amazon.com'" },
        Broken { what: "internationalised host", settings: with(format!("https://sso.b\u{fc}cher.example/x?RelayState={e}")), code: Code::SsoUrlNonAsciiHost, severity: Severity::Warning, says: "U+00FC" },
        Broken { what: "the instance itself", settings: with("https://acme.my.connect.aws/ccp-v2/".into()), code: Code::SsoUrlNotIdpInitiated, severity: Severity::Error, says: "Session expired" },
        Broken { what: "the AWS sign-in endpoint", settings: with("https://signin.aws.amazon.com/saml".into()), code: Code::SsoUrlNotIdpInitiated, severity: Severity::Error, says: "sign-in endpoint" },
        Broken { what: "the federation endpoint itself", settings: with(fed_ccp()), code: Code::SsoUrlNotIdpInitiated, severity: Severity::Error, says: "RelayState" },
        Broken { what: "Entra's SP endpoint", settings: with("https://login.microsoftonline.com/72f988bf/saml2".into()), code: Code::SsoUrlNotIdpInitiated, severity: Severity::Error, says: "launcher.myapps.microsoft.com" },
        Broken { what: "Okta org home", settings: with("https://acme.okta.com/app/UserHome".into()), code: Code::SsoUrlNotIdpInitiated, severity: Severity::Warning, says: "embed link" },
        Broken { what: "unknown IdP", settings: with(format!("https://sso.acme.example/launch?RelayState={e}")), code: Code::IdpUnrecognized, severity: Severity::Info, says: "sso.acme.example" },
        // RelayState missing.
        Broken { what: "Okta without RelayState", settings: with(okta.into()), code: Code::RelayStateMissing, severity: Severity::Warning, says: "default relay state" },
        Broken { what: "RelayState in the wrong case", settings: with(format!("{okta}?relaystate={e}")), code: Code::RelayStateMissing, severity: Severity::Error, says: "'relaystate'" },
        Broken { what: "Ping with RelayState instead of TargetResource", settings: with(format!("https://sso.example.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&RelayState={e}")), code: Code::RelayStateMissing, severity: Severity::Error, says: "https://sso.example.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&TargetResource=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F0a1b2c3d-1111-2222-3333-444455556666%3Fdestination%3D%252Fccp-v2" },
        Broken { what: "Ping with RelayState instead of TargetResource, unencoded", settings: with(format!("https://sso.example.com/idp/startSSO.ping?RelayState={}&PartnerSpId=urn:amazon:webservices", fed_ccp())), code: Code::RelayStateMissing, severity: Severity::Error, says: "?PartnerSpId=urn:amazon:webservices&TargetResource=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F0a1b2c3d-1111-2222-3333-444455556666%3Fdestination%3D%2Fccp-v2" },
        Broken { what: "Ping with RelayState going elsewhere", settings: with(format!("https://sso.example.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&RelayState={}", enc(&fed("eu-west-2.console.aws.amazon.com", "?destination=%2Fccp-v2")))), code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "&TargetResource=https%3A%2F%2Fus-east-1.console" },
        Broken { what: "Ping with RelayState missing", settings: with("https://pf.acme.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices".into()), code: Code::RelayStateMissing, severity: Severity::Warning, says: "TargetResource=" },
        Broken { what: "AD FS without RelayState", settings: with("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices".into()), code: Code::RelayStateMissing, severity: Severity::Error, says: "RelayState=RPID%3D" },
        // Not a federation URL.
        Broken { what: "console home", settings: with(format!("{okta}?RelayState={}", enc("https://console.aws.amazon.com/console/home"))), code: Code::RelayStateNotFederation, severity: Severity::Error, says: "/connect/federate/" },
        Broken { what: "the instance as RelayState", settings: with(format!("{okta}?RelayState={}", enc("https://acme.my.connect.aws/ccp-v2/"))), code: Code::RelayStateNotFederation, severity: Severity::Error, says: "Session expired" },
        Broken { what: "RelayState encoded twice", settings: with(format!("{okta}?RelayState={}", enc(&e))), code: Code::RelayStateDoubleEncoded, severity: Severity::Error, says: "encoded twice" },
        Broken { what: "RelayState encoded twice, the corrected URL", settings: with(format!("{okta}?RelayState={}", enc(&e))), code: Code::RelayStateDoubleEncoded, severity: Severity::Error, says: "that is: https://acme.okta.com/app/amazon_aws/exk1a2b3c4d5e6f7/sso/saml?RelayState=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F0a1b2c3d-1111-2222-3333-444455556666%3Fdestination%3D%252Fccp-v2" },
        Broken { what: "RelayState encoded three times", settings: with(format!("{okta}?RelayState={}", enc(&enc(&e)))), code: Code::RelayStateDoubleEncoded, severity: Severity::Error, says: "encoded three times" },
        Broken { what: "RelayState encoded twice and elsewhere", settings: with(format!("{okta}?RelayState={}", enc(&enc(&fed("eu-west-2.console.aws.amazon.com", "?destination=%2Fccp-v2"))))), code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "'eu-west-2'" },
        Broken { what: "AD FS target encoded once more than the nested form", settings: with(format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={}", adfs_nested(&e))), code: Code::RelayStateDoubleEncoded, severity: Severity::Error, says: "IdpInitiatedSignOn.aspx?RelayState=RPID%3Durn%253Aamazon%253Awebservices%26RelayState%3Dhttps%253A%252F%252F" },
        Broken { what: "RelayState not a URL", settings: with(format!("{okta}?RelayState=connect")), code: Code::RelayStateNotFederation, severity: Severity::Error, says: "'connect'" },
        Broken { what: "http federation", settings: with(format!("{okta}?RelayState={}", enc(&fed_ccp().replace("https:", "http:")))), code: Code::RelayStateNotFederation, severity: Severity::Error, says: "https://" },
        Broken { what: "bad instance id", settings: with(format!("{okta}?RelayState={}", enc("https://us-east-1.console.aws.amazon.com/connect/federate/my-instance"))), code: Code::RelayStateNotFederation, severity: Severity::Error, says: "'my-instance'" },
        Broken { what: "upper-case instance id", settings: with(format!("{okta}?RelayState={}", enc(&fed_ccp().replace(ID, &ID.to_uppercase())))), code: Code::RelayStateNotFederation, severity: Severity::Error, says: ID },
        Broken { what: "lookalike console host", settings: with(format!("{okta}?RelayState={}", enc(&fed_ccp().replace("amazon.com", "amazon.co")))), code: Code::RelayStateNotFederation, severity: Severity::Error, says: "amazon.co'" },
        // Lost parameters.
        Broken { what: "unencoded new_domain", settings: Settings { instance_url: "https://acme.my.connect.aws".into(), ..with(format!("{okta}?RelayState={}&new_domain=true", fed_ccp())) }, code: Code::RelayStateLostParameter, severity: Severity::Error, says: "new_domain%3Dtrue" },
        Broken { what: "unencoded second destination", settings: with(format!("{okta}?RelayState={}&destination=%2Fagent-app-v2", fed("us-east-1.console.aws.amazon.com", "?new_domain=true"))), code: Code::RelayStateLostParameter, severity: Severity::Error, says: "'destination=/agent-app-v2'" },
        Broken { what: "destination twice inside", settings: with(format!("{okta}?RelayState={}", enc(&fed("us-east-1.console.aws.amazon.com", "?destination=%2Fccp-v2&destination=%2Fagent-app-v2")))), code: Code::RelayStateLostParameter, severity: Severity::Error, says: "2 times" },
        Broken { what: "RelayState twice", settings: with(format!("{okta}?RelayState={e}&RelayState={e}")), code: Code::RelayStateLostParameter, severity: Severity::Error, says: "2 RelayState" },
        Broken { what: "a fragment", settings: with(format!("{okta}?RelayState={}#/ccp-v2", fed("us-east-1.console.aws.amazon.com", "?destination="))), code: Code::RelayStateLostParameter, severity: Severity::Warning, says: "'#/ccp-v2'" },
        Broken { what: "Ping TargetResource unencoded", settings: with(format!("https://pf.acme.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&TargetResource={}&new_domain=true", fed_ccp())), code: Code::RelayStateLostParameter, severity: Severity::Error, says: "TargetResource=https%3A%2F%2F" },
        // Region.
        Broken { what: "other region", settings: with(format!("{okta}?RelayState={}", enc(&fed("eu-central-1.console.aws.amazon.com", "?destination=%2Fccp-v2")))), code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "'eu-central-1'" },
        Broken { what: "other region, destination kept as written", settings: with(format!("{okta}?RelayState={}", enc(&fed("eu-central-1.console.aws.amazon.com", "?destination=%2Fccp-v2%2F&new_domain=true")))), code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "Set the RelayState to https://us-east-1.console.aws.amazon.com/connect/federate/0a1b2c3d-1111-2222-3333-444455556666?destination=%2Fccp-v2%2F&new_domain=true," },
        Broken { what: "other region, or the region setting", settings: with(format!("{okta}?RelayState={}", enc(&fed("eu-central-1.console.aws.amazon.com", "?destination=%2Fccp-v2")))), code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "Or set region to 'eu-central-1' if that is where the instance is." },
        Broken { what: "region-less is us-east-1", settings: Settings { region: "eu-west-2".into(), ..with(format!("{okta}?RelayState={}", enc(&fed("console.aws.amazon.com", "?destination=%2Fccp-v2")))) }, code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "without a region" },
        Broken { what: "GovCloud instance, commercial console", settings: Settings { instance_url: "https://acme.govcloud.connect.aws".into(), region: String::new(), ..with(format!("{okta}?RelayState={e}")) }, code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "console.amazonaws-us-gov.com" },
        Broken { what: "GovCloud console, commercial region", settings: with(format!("{okta}?RelayState={}", enc(&fed("console.amazonaws-us-gov.com", "?destination=%2Fccp-v2")))), code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "GovCloud" },
        // Destination.
        Broken { what: "awsapps destination on my.connect.aws", settings: with(format!("{okta}?RelayState={}", enc(&fed("us-east-1.console.aws.amazon.com", "?destination=%2Fconnect%2Fccp-v2")))), code: Code::RelayStateDestinationMismatch, severity: Severity::Error, says: "destination%3D%252Fccp-v2" },
        Broken { what: "my.connect.aws destination on awsapps", settings: Settings { instance_url: "https://acme.awsapps.com/connect".into(), ..with(format!("{okta}?RelayState={e}")) }, code: Code::RelayStateDestinationMismatch, severity: Severity::Error, says: "/connect/ccp-v2" },
        Broken { what: "old CCP destination", settings: Settings { instance_url: "https://acme.awsapps.com/connect".into(), ..with(format!("{okta}?RelayState={}", enc(&fed("us-east-1.console.aws.amazon.com", "?destination=%2Fconnect%2Fccp")))) }, code: Code::RelayStateDestinationMismatch, severity: Severity::Warning, says: "earlier CCP" },
        Broken { what: "admin home destination", settings: with(format!("{okta}?RelayState={}", enc(&fed("us-east-1.console.aws.amazon.com", "?destination=%2Fhome")))), code: Code::RelayStateDestinationMismatch, severity: Severity::Warning, says: "not the CCP" },
        Broken { what: "no destination", settings: with(format!("{okta}?RelayState={}", enc(&fed("us-east-1.console.aws.amazon.com", "")))), code: Code::RelayStateNoDestination, severity: Severity::Info, says: "destination%3D%252Fccp-v2" },
        Broken { what: "external destination", settings: with(format!("{okta}?RelayState={}", enc(&fed("us-east-1.console.aws.amazon.com", "?destination=https%3A%2F%2Fcrm.acme.com%2Fagent")))), code: Code::RelayStateExternalDestination, severity: Severity::Info, says: "Approved Origins" },
        Broken { what: "new_domain with awsapps CCP", settings: Settings { instance_url: "https://acme.awsapps.com/connect".into(), ..with(format!("{okta}?RelayState={}", enc(&fed("us-east-1.console.aws.amazon.com", "?destination=%2Fccp-v2&new_domain=true")))) }, code: Code::CcpDomainMismatch, severity: Severity::Error, says: "https://acme.my.connect.aws" },
        // Instance id.
        Broken { what: "other instance", settings: Settings { instance_id: OTHER_ID.into(), ..with(format!("{okta}?RelayState={e}")) }, code: Code::RelayStateInstanceMismatch, severity: Severity::Error, says: OTHER_ID },
        // AD FS.
        Broken { what: "AD FS plain RelayState", settings: with(format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={e}")), code: Code::AdfsRelayStateFormat, severity: Severity::Error, says: "RelayState=RPID%3Durn%253Aamazon%253Awebservices%26RelayState%3Dhttps%253A%252F%252F" },
        Broken { what: "AD FS not encoded", settings: with(format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState=RPID=urn:amazon:webservices&RelayState={}", fed_ccp())), code: Code::AdfsRelayStateFormat, severity: Severity::Error, says: "not encoded" },
        Broken { what: "AD FS encoded once", settings: with(format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={}", enc(&format!("RPID=urn:amazon:webservices&RelayState={}&new_domain=true", fed_ccp())))), code: Code::AdfsRelayStateFormat, severity: Severity::Error, says: "'new_domain=true'" },
        Broken { what: "AD FS without RPID", settings: with(format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={}", enc(&format!("RelayState={}", enc(&fed_ccp()))))), code: Code::AdfsRelayStateFormat, severity: Severity::Error, says: "RPID" },
        Broken { what: "AD FS without target", settings: with(format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={}", enc("RPID=urn%3Aamazon%3Awebservices"))), code: Code::AdfsRelayStateFormat, severity: Severity::Error, says: "no RelayState part" },
        Broken { what: "AD FS target elsewhere", settings: with(format!("https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={}", adfs_nested(&fed("us-west-2.console.aws.amazon.com", "?destination=%2Fccp-v2")))), code: Code::RelayStateRegionMismatch, severity: Severity::Error, says: "'us-west-2'" },
        // Stand-in against a real instance.
        Broken { what: "stand-in RelayState for a real instance", settings: with(format!("{okta}?RelayState={}", enc(&format!("http://127.0.0.1:8082/connect/federate/{ID}?destination=%2Fccp-v2")))), code: Code::RelayStateNotFederation, severity: Severity::Warning, says: "same environment" },
    ]
}

#[test]
fn every_broken_configuration_is_caught_and_explained() {
    let mut failures = Vec::new();
    for b in broken() {
        let d = run(&b.settings);
        let f = d
            .findings
            .iter()
            .find(|f| f.code == b.code && f.severity == b.severity);
        match f {
            None => failures.push(format!(
                "{}: no {:?}/{:?} in {:#?}",
                b.what, b.code, b.severity, d.findings
            )),
            Some(f) => {
                let text = format!("{} {}", f.message, f.hint);
                if !text.contains(b.says) {
                    failures.push(format!("{}: {:?} not in {text:?}", b.what, b.says));
                }
                if b.severity == Severity::Error && d.ok() {
                    failures.push(format!("{}: ok() despite an error", b.what));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn messages_never_quote_the_whole_query_string() {
    let secretish = "RelayState=https%3A%2F%2Fexample.com%2Fx&session_hint=abcdef0123456789";
    for sso in [
        format!("http://acme.okta.com/app/amazon_aws/x/sso/saml?{secretish}"),
        format!("https://u:p@acme.okta.com/app/amazon_aws/x/sso/saml?{secretish}"),
        format!("https://acme.okta.com:99999/app?{secretish}"),
        format!("https://sso.acme.example/x?{secretish}"),
    ] {
        let d = run(&settings(&sso));
        for f in &d.findings {
            assert!(!f.message.contains("session_hint"), "{sso}: {}", f.message);
        }
    }
}

#[test]
fn the_corrected_url_in_a_hint_is_itself_clean() {
    // Applying the hint of a lost-parameter finding gives a configuration without errors.
    let okta = "https://acme.okta.com/app/amazon_aws/exk1a2b3c4d5e6f7/sso/saml";
    let s = Settings {
        instance_url: "https://acme.my.connect.aws".into(),
        ..settings(&format!("{okta}?RelayState={}&new_domain=true", fed_ccp()))
    };
    let d = run(&s);
    let f = d
        .findings
        .iter()
        .find(|f| f.code == Code::RelayStateLostParameter)
        .expect("lost");
    let fixed = f
        .hint
        .split_once(": ")
        .map(|(_, u)| u.to_string())
        .expect("url in hint");
    let d = run(&settings(&fixed));
    assert!(d.ok(), "{fixed}: {:?}", d.findings);
    assert!(!has(&d, Code::RelayStateLostParameter, Severity::Error));

    // Same for AD FS's nested form.
    let sso = format!(
        "https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx?RelayState={}",
        enc(&fed_ccp())
    );
    let d = run(&settings(&sso));
    let f = d
        .findings
        .iter()
        .find(|f| f.code == Code::AdfsRelayStateFormat)
        .expect("adfs");
    let fixed = f
        .hint
        .strip_prefix("Use ")
        .and_then(|h| h.split(' ').next())
        .expect("url");
    let d = run(&settings(fixed));
    assert!(
        d.findings.iter().all(|f| f.severity == Severity::Info),
        "{fixed}: {:?}",
        d.findings
    );
}

#[test]
fn the_stand_in_stack_defaults_pass() {
    // The shape `sim/stack.mjs` hands to the demo: four loopback origins, Okta's path, the
    // destination written with a trailing slash, a region and an instance id.
    let id = "3f1c9a52-7e4b-4d2a-9b61-0c8e5f2d7a94";
    let rs = format!("http://127.0.0.1:8082/connect/federate/{id}?destination=%2Fccp-v2%2F");
    for sso in [
        format!(
            "http://127.0.0.1:8081/app/amazon_aws/connect/sso/saml?RelayState={}",
            enc(&rs)
        ),
        format!("http://127.0.0.1:8081/app/amazon_aws/connect/sso/saml?RelayState={rs}"),
    ] {
        let s = Settings {
            instance_url: "http://127.0.0.1:8083".into(),
            sso_login_url: sso.clone(),
            region: "us-east-1".into(),
            instance_id: id.into(),
            username: "agent.smith".into(),
            ..Settings::default()
        };
        let d = run(&s);
        assert!(
            d.findings.iter().all(|f| f.severity == Severity::Info),
            "{sso}: {:?}",
            d.findings
        );
        assert_eq!(d.idp, IdpFamily::Okta);
        assert_eq!(d.ccp_url.as_deref(), Some("http://127.0.0.1:8083/ccp-v2/"));
    }
}

#[test]
fn the_corrected_urls_of_the_newer_hints_are_clean() {
    // (SSO Login URL, the finding, what precedes the corrected URL in its hint)
    let okta = "https://acme.okta.com/app/amazon_aws/exk1a2b3c4d5e6f7/sso/saml";
    let adfs = "https://adfs.acme.com/adfs/ls/IdpInitiatedSignOn.aspx";
    let e = enc(&fed_ccp());
    let cases = [
        (
            format!("https://sso.example.com/idp/startSSO.ping?PartnerSpId=urn:amazon:webservices&RelayState={e}"),
            Code::RelayStateMissing,
            "with the same value: ",
        ),
        (
            format!("{okta}?RelayState={}", enc(&e)),
            Code::RelayStateDoubleEncoded,
            "that is: ",
        ),
        (
            format!("{adfs}?RelayState={}", adfs_nested(&e)),
            Code::RelayStateDoubleEncoded,
            "that is: ",
        ),
        (
            format!(
                "{okta}?RelayState={}",
                enc(&fed(
                    "eu-central-1.console.aws.amazon.com",
                    "?destination=%2Fccp-v2%2F"
                ))
            ),
            Code::RelayStateRegionMismatch,
            "that is: ",
        ),
    ];
    for (sso, code, before) in cases {
        let d = run(&settings(&sso));
        let f = d
            .findings
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("{sso}: no {code:?} in {:?}", d.findings));
        let fixed = f
            .hint
            .split_once(before)
            .and_then(|(_, rest)| rest.split(' ').next())
            .unwrap_or_else(|| panic!("no URL in {:?}", f.hint));
        let d = run(&settings(fixed));
        assert!(
            d.findings.iter().all(|f| f.severity == Severity::Info),
            "{sso} -> {fixed}: {:?}",
            d.findings
        );
    }
}
