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

use super::diagnose::IdpFamily;

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
    let segs: Vec<&str> = path.split('/').skip(1).collect();
    match segs.as_slice() {
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
        || (host.ends_with(".app.aws") && host.contains(".portal."))
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
    if lower.contains("/realms/") && lower.contains("/protocol/saml") {
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

/// Checks the SSO Login URL and returns the family.
pub fn check_sso_login_url(
    input: &str,
    _expected: &super::relay_state::Expected<'_>,
    _out: &mut Vec<super::finding::Finding>,
) -> IdpFamily {
    let value = input.trim();
    if value.is_empty() {
        return IdpFamily::None;
    }
    match super::url::parse(value) {
        Ok(u) => idp_family_of(&u.host_str(), &u.pathname()).unwrap_or(IdpFamily::Unknown),
        Err(_) => IdpFamily::Unknown,
    }
}
