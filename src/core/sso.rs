//! The SSO Login URL: which identity provider it belongs to, whether a browser may open it
//! safely, and where its RelayState is.
//!
//! Each identity provider has its own URL for an IdP-initiated sign-in into AWS, and its own
//! way of carrying the RelayState that sends the agent on to Connect: a `RelayState` query
//! parameter (Okta, Auth0, Salesforce, Keycloak), `TargetResource` (PingFederate), a nested,
//! doubly encoded form (AD FS), or only the application's settings at the IdP (Entra ID,
//! OneLogin, Google Workspace, JumpCloud, IAM Identity Center). The family is recognised from
//! the URL's shape alone, host suffix first and path second, since self-hosted IdPs (AD FS,
//! PingFederate, Keycloak) and custom domains (Okta, Auth0) have only their path to go by.

use super::confusables;
use super::diagnose::{add, field, IdpFamily};
use super::finding::{Code, Finding, Severity};
use super::relay_state::{self, Expected};
use super::text;
use super::url::{self, Url};

/// Host suffixes (with their leading dot) or whole hosts of hosted identity providers.
const HOSTED: &[(&str, IdpFamily)] = &[
    (".okta.com", IdpFamily::Okta),
    (".oktapreview.com", IdpFamily::Okta),
    (".okta-emea.com", IdpFamily::Okta),
    (".okta-gov.com", IdpFamily::Okta),
    (".okta.mil", IdpFamily::Okta),
    ("launcher.myapps.microsoft.com", IdpFamily::EntraId),
    ("myapps.microsoft.com", IdpFamily::EntraId),
    ("myapplications.microsoft.com", IdpFamily::EntraId),
    (
        "account.activedirectory.windowsazure.com",
        IdpFamily::EntraId,
    ),
    ("login.microsoftonline.com", IdpFamily::EntraId),
    ("login.microsoftonline.us", IdpFamily::EntraId),
    ("login.microsoft.com", IdpFamily::EntraId),
    (".onelogin.com", IdpFamily::Onelogin),
    ("accounts.google.com", IdpFamily::GoogleWorkspace),
    (".jumpcloud.com", IdpFamily::Jumpcloud),
    (".pingone.com", IdpFamily::Pingone),
    (".pingone.eu", IdpFamily::Pingone),
    (".pingone.asia", IdpFamily::Pingone),
    (".pingone.ca", IdpFamily::Pingone),
    (".pingone.com.au", IdpFamily::Pingone),
    ("sso.connect.pingidentity.com", IdpFamily::Pingone),
    (".auth0.com", IdpFamily::Auth0),
    (".my.salesforce.com", IdpFamily::Salesforce),
    (".force.com", IdpFamily::Salesforce),
    (".salesforce.com", IdpFamily::Salesforce),
];

fn host_matches(host: &str, pattern: &str) -> bool {
    if pattern.starts_with('.') {
        host.ends_with(pattern) || Some(host) == pattern.get(1..)
    } else {
        host == pattern
    }
}

/// Okta's app-embed and SAML paths: `/app/<app>/<id>/sso/saml`, `/home/<app>/<id>/<n>`.
fn is_okta_path(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').collect();
    match segs.get(1..).unwrap_or(&[]) {
        ["app", app, id, "sso", "saml", ..] => !app.is_empty() && !id.is_empty(),
        ["home", app, id, n, ..] => !app.is_empty() && !id.is_empty() && !n.is_empty(),
        _ => false,
    }
}

/// The IAM Identity Center access portal: `<d-id or alias>.awsapps.com/start`, the
/// GovCloud `start.us-gov-home.awsapps.com`, and the newer `*.portal.<region>.app.aws`
/// (the last one's shape is inferred from AWS announcements, not from a specification).
fn is_identity_center(host: &str, path: &str) -> bool {
    (host.ends_with(".awsapps.com")
        && (path.starts_with("/start") || path.starts_with("/directory") || host.starts_with("d-")))
        || (host.ends_with(".app.aws") && text::contains(host, ".portal."))
}

/// The family a host and path belong to; `None` when nothing matches.
/// `host` is lowercase ASCII; `path` is the URL's pathname.
pub fn idp_family_of(host: &str, path: &str) -> Option<IdpFamily> {
    let lower = path.to_ascii_lowercase();
    if lower.starts_with("/adfs/ls") {
        return Some(IdpFamily::Adfs);
    }
    if lower.starts_with("/idp/startsso.ping") {
        return Some(IdpFamily::Pingfederate);
    }
    if text::contains(&lower, "/realms/") && text::contains(&lower, "/protocol/saml") {
        return Some(IdpFamily::Keycloak);
    }
    if is_identity_center(host, path) {
        return Some(IdpFamily::IamIdentityCenter);
    }
    if let Some((_, family)) = HOSTED.iter().find(|(p, _)| host_matches(host, p)) {
        return Some(*family);
    }
    if is_okta_path(path) {
        return Some(IdpFamily::Okta);
    }
    if lower.starts_with("/samlp/") {
        return Some(IdpFamily::Auth0);
    }
    if lower.starts_with("/idp/login") {
        return Some(IdpFamily::Salesforce);
    }
    None
}

/// The SSO Login URL up to its query, for messages: the query may be long and is never
/// quoted whole.
fn without_query(value: &str) -> String {
    let cut = text::query_or_fragment_start(value).unwrap_or(value.len());
    let head = text::first_chars(value.get(..cut).unwrap_or(value), 200);
    if cut < value.len() {
        format!("{head}?…")
    } else {
        head.to_string()
    }
}

/// Checks the SSO Login URL and its RelayState; returns the identity provider family.
pub fn check_sso_login_url(
    input: &str,
    expected: &Expected<'_>,
    out: &mut Vec<Finding>,
) -> IdpFamily {
    let value = input.trim();
    if value.is_empty() {
        return IdpFamily::None;
    }
    let shown = without_query(value);
    let invalid = |message: String, hint: &str, out: &mut Vec<Finding>| {
        add(
            out,
            Code::SsoUrlInvalid,
            Severity::Error,
            field::SSO_LOGIN_URL,
            message,
            hint.to_string(),
        );
    };
    let u =
        match url::parse(value) {
            Ok(u) => u,
            Err(e) => {
                invalid(
                format!("The SSO Login URL '{shown}' is not a valid URL: {}.", e.describe()),
                "Copy the identity provider's IdP-initiated sign-in URL for the AWS application \
                 again, starting with https://.",
                out,
            );
                return IdpFamily::Unknown;
            }
        };
    let scheme = u.scheme();
    if scheme != "https" && scheme != "http" {
        invalid(
            format!(
                "The SSO Login URL uses the scheme '{scheme}:', which is refused: only https:// \
                 sign-in pages can be opened."
            ),
            "Enter the identity provider's https:// sign-in URL for the AWS application.",
            out,
        );
        return IdpFamily::Unknown;
    }
    if u.has_userinfo() {
        invalid(
            format!(
                "The SSO Login URL '{}://…@{}' carries a user name or password before '@'.",
                scheme,
                u.host_str()
            ),
            "Remove everything between :// and @: credentials in a URL leak into logs and \
             history, and identity providers ignore them.",
            out,
        );
        return IdpFamily::Unknown;
    }
    let host = u.host_str();
    let family = idp_family_of(&host, &u.pathname()).unwrap_or(IdpFamily::Unknown);
    if u.is_loopback() {
        add(
            out,
            Code::LocalStandIn,
            Severity::Info,
            field::SSO_LOGIN_URL,
            format!("The SSO Login URL '{shown}' is a loopback address: a local stand-in."),
            "Nothing to change for local testing.".into(),
        );
    } else if scheme != "https" {
        let https = format!("https{}", u.href().get(4..).unwrap_or(""));
        add(out, Code::SsoUrlInsecure,
            Severity::Error,
            field::SSO_LOGIN_URL,
            format!("The SSO Login URL '{shown}' uses http://; the sign-in would travel unencrypted and the identity provider will refuse it."),
            format!("Use https: {}", without_query(&https)));
    }
    // Characters outside ASCII, as written or in punycode (`xn--cme-5cd` is `аcme`).
    if let Some(foreign) = confusables::foreign_host(&host) {
        let (severity, hint) = match &foreign.imitates {
            Some(ascii) => (
                Severity::Error,
                format!("It imitates '{ascii}'; retype the host in plain ASCII."),
            ),
            None => (
                Severity::Warning,
                "Check that this internationalised host name is really the identity provider's; \
                 most are plain ASCII."
                    .to_string(),
            ),
        };
        add(
            out,
            Code::SsoUrlNonAsciiHost,
            severity,
            field::SSO_LOGIN_URL,
            format!("The SSO Login URL's host {}.", foreign.text),
            hint,
        );
    }
    if not_idp_initiated(&u, family, &shown, out) {
        return family;
    }
    if family == IdpFamily::Unknown {
        add(
            out,
            Code::IdpUnrecognized,
            Severity::Info,
            field::SSO_LOGIN_URL,
            format!("The identity provider of '{shown}' is not one whose URL shape is known here."),
            "Nothing to change if sign-in works; the RelayState was checked as a RelayState \
             query parameter."
                .into(),
        );
    }
    relay_state::check(&u, family, expected, out);
    family
}

/// Refuses URLs that are not an IdP-initiated sign-in at all; true when one was found.
fn not_idp_initiated(u: &Url, family: IdpFamily, shown: &str, out: &mut Vec<Finding>) -> bool {
    let host = u.host_str();
    let path = u.pathname();
    let lower = path.to_ascii_lowercase();
    let ends = |s: &str| host == s.trim_start_matches('.') || host.ends_with(s);
    let problem: Option<(Severity, &str, &str)> = if ends(".my.connect.aws")
        || ends(".govcloud.connect.aws")
        || (ends(".awsapps.com") && path.starts_with("/connect"))
    {
        Some((
            Severity::Error,
            "is the Connect instance itself. Connect does not accept SP-initiated sign-in: \
             opening the instance directly ends in \"Session expired\"",
            "Use the identity provider's IdP-initiated URL for the AWS application, with the \
             federation endpoint in its RelayState.",
        ))
    } else if ends(".signin.aws.amazon.com")
        || ends(".signin.amazonaws-us-gov.com")
        || ends(".signin.amazonaws.cn")
    {
        Some((
            Severity::Error,
            "is the AWS sign-in endpoint, which receives the SAML response from the identity \
             provider; a browser cannot start a sign-in there",
            "Use the identity provider's IdP-initiated URL for the AWS application.",
        ))
    } else if (ends(".console.aws.amazon.com")
        || ends(".console.amazonaws-us-gov.com")
        || ends(".console.amazonaws.cn"))
        && path.starts_with("/connect/federate/")
    {
        Some((
            Severity::Error,
            "is the Connect federation endpoint, which only works after a SAML sign-in: it \
             belongs in the RelayState of the identity provider's URL",
            "Use the identity provider's IdP-initiated URL, with this federation URL encoded in \
             its RelayState.",
        ))
    } else if family == IdpFamily::EntraId && text::contains(&lower, "/saml2") {
        Some((
            Severity::Error,
            "is Entra ID's SAML endpoint, which expects a SAMLRequest from the service \
             provider; opened directly it shows an error",
            "Use the application's user access URL from Entra ID (Properties), such as \
             https://launcher.myapps.microsoft.com/api/signin/<app id>?tenantId=<tenant id>.",
        ))
    } else if family == IdpFamily::Okta && !is_okta_path(&path) && !u.is_loopback() {
        Some((
            Severity::Warning,
            "is an Okta address but not an application's sign-in link \
             (/app/<app>/<id>/sso/saml or /home/<app>/<id>/<n>)",
            "Copy the AWS application's embed link from Okta (General tab, App Embed Link).",
        ))
    } else {
        None
    };
    let Some((severity, why, hint)) = problem else {
        return false;
    };
    add(
        out,
        Code::SsoUrlNotIdpInitiated,
        severity,
        field::SSO_LOGIN_URL,
        format!("The SSO Login URL '{shown}' {why}."),
        hint.to_string(),
    );
    severity == Severity::Error
}
