//! The RelayState: where the identity provider sends the agent once AWS has accepted the
//! SAML response. For Connect it must be the federation endpoint of the right instance,
//! `https://<region>.console.aws.amazon.com/connect/federate/<instance id>`, usually with a
//! `destination` that opens the CCP.
//!
//! The RelayState is itself a URL with a query string, carried inside the query string of
//! the SSO Login URL. Vendor examples paste it there unencoded; that only works while its
//! own query has a single, already-encoded parameter. An unencoded `&` makes the rest an
//! outer parameter that the identity provider drops (`&new_domain=true` is the usual victim),
//! and a `#` ends the query for the browser. So the checks read the SSO Login URL exactly as
//! the identity provider will (with `URLSearchParams` decoding), then look at what is left of
//! the RelayState and at what fell off it.
//!
//! Where the identity provider takes the RelayState:
//! - a query parameter: `RelayState` (Okta, Auth0, Salesforce, Keycloak, and by default an
//!   unrecognised IdP), `TargetResource` (PingFederate, which also takes `TARGET` but not
//!   `RelayState`; PingOne);
//! - AD FS: one `RelayState` parameter holding `RPID=<relying party>&RelayState=<target>`,
//!   each part encoded inside, then the whole encoded again;
//! - only the application's settings at the IdP (Entra ID, OneLogin, Google Workspace,
//!   JumpCloud, IAM Identity Center): the URL cannot be checked for it, so the value to enter
//!   there is given instead.

use super::confusables;
use super::diagnose::{add, field, is_instance_id, is_region, partition_of, IdpFamily, Partition};
use super::finding::{Code, Finding, Severity};
use super::instance::{ConnectDomain, Instance};
use super::text;
use super::url::{self, encode_uri_component, parse_form, Url};

/// What the configuration says the RelayState must lead to; each part is optional.
#[derive(Clone, Copy, Debug, Default)]
pub struct Expected<'a> {
    pub instance: Option<&'a Instance>,
    pub region: Option<&'a str>,
    pub instance_id: Option<&'a str>,
}

/// How a family carries the RelayState.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Carrier {
    /// In the query, under these names (the first is the one to use).
    Query(&'static [&'static str]),
    /// AD FS's nested form.
    Adfs,
    /// Only in the application's settings at the IdP; the setting's name.
    AppSettings(&'static str),
}

fn carrier(family: IdpFamily) -> Carrier {
    match family {
        IdpFamily::Adfs => Carrier::Adfs,
        // PingFederate's /idp/startSSO.ping: `TargetResource` or `TARGET` (see
        // `ping_relay_state` for a `RelayState` parameter there).
        IdpFamily::Pingfederate => Carrier::Query(&["TargetResource", "TARGET"]),
        IdpFamily::Pingone => Carrier::Query(&["TargetResource", "RelayState"]),
        IdpFamily::EntraId => Carrier::AppSettings("Relay State (Basic SAML Configuration)"),
        IdpFamily::Onelogin => Carrier::AppSettings("RelayState (Configuration tab)"),
        IdpFamily::GoogleWorkspace => Carrier::AppSettings("Start URL (Service provider details)"),
        IdpFamily::Jumpcloud => Carrier::AppSettings("Default RelayState"),
        IdpFamily::IamIdentityCenter => {
            Carrier::AppSettings("Relay state (Application properties)")
        }
        _ => Carrier::Query(&["RelayState"]),
    }
}

/// Parameters of the federation endpoint that are lost when they end up outside the
/// RelayState.
const INNER_PARAMS: [&str; 2] = ["destination", "new_domain"];

/// The standard relying party identifier of AWS in AD FS.
const AWS_RPID: &str = "urn:amazon:webservices";

/// Checks the RelayState of a parsed SSO Login URL of the given family.
pub fn check(u: &Url, family: IdpFamily, expected: &Expected<'_>, out: &mut Vec<Finding>) {
    match carrier(family) {
        Carrier::Adfs => check_adfs(u, expected, out),
        Carrier::AppSettings(setting) => {
            let names: &[&str] = &["RelayState", "TargetResource"];
            let found = relay_values(u, names);
            let value = expected_federation_url(expected, None);
            let value_text = value
                .as_deref()
                .map(|v| format!("'{v}'"))
                .unwrap_or_else(|| TEMPLATE.to_string());
            if let Some((_, rs)) = found.first() {
                add(
                    out,
                    Code::RelayStateInAppSettings,
                    Severity::Warning,
                    field::SSO_LOGIN_URL,
                    format!(
                        "{} takes the RelayState from the application's settings; the one in \
                         this URL may be ignored.",
                        family.display_name()
                    ),
                    format!(
                        "Set the application's {setting} to the same federation URL, {value_text}."
                    ),
                );
                check_lost_parameters(u, family, names, rs, expected, out);
                check_federation_url(rs, expected, &Outer::AppSettings(setting), out);
            } else {
                add(
                    out,
                    Code::RelayStateInAppSettings,
                    Severity::Info,
                    field::SSO_LOGIN_URL,
                    format!(
                        "{} takes the RelayState from the application's settings, not from \
                         the URL, so it cannot be checked here.",
                        family.display_name()
                    ),
                    format!("Make sure the application's {setting} is {value_text}."),
                );
            }
        }
        Carrier::Query(names) => {
            let found = relay_values(u, names);
            match found.first() {
                None => match relay_values(u, &["RelayState"]).first() {
                    Some((_, rs)) if family == IdpFamily::Pingfederate => {
                        ping_relay_state(u, rs, expected, out);
                    }
                    _ => missing(u, family, names, expected, out),
                },
                Some((_, rs)) => {
                    check_lost_parameters(u, family, names, rs, expected, out);
                    let param = names.first().copied().unwrap_or("RelayState");
                    let outer = Outer::Query { u, param, names };
                    check_federation_url(rs, expected, &outer, out);
                }
            }
        }
    }
}

/// Where the RelayState sits, so that a hint can show the corrected SSO Login URL.
enum Outer<'a> {
    Query {
        u: &'a Url,
        param: &'static str,
        names: &'static [&'static str],
    },
    Adfs {
        u: &'a Url,
        rpid: &'a str,
    },
    AppSettings(&'static str),
}

impl Outer<'_> {
    /// The hint for a RelayState that should be `rs`.
    fn suggest(&self, rs: &str) -> String {
        match self {
            Outer::Query { u, param, names } => format!(
                "Set the RelayState to {rs}, that is: {}",
                corrected_sso_url(u, param, names, rs)
            ),
            Outer::Adfs { u, rpid } => {
                format!(
                    "Set the AD FS target to {rs}, that is: {}",
                    adfs_url(u, rs, rpid)
                )
            }
            Outer::AppSettings(setting) => format!("Set the application's {setting} to {rs}."),
        }
    }
}

/// The AD FS URL with `target` nested as its RelayState.
fn adfs_url(u: &Url, target: &str, rpid: &str) -> String {
    let inner = format!(
        "RPID={}&RelayState={}",
        encode_uri_component(rpid),
        encode_uri_component(target)
    );
    format!(
        "{}{}?RelayState={}",
        u.origin(),
        u.pathname(),
        encode_uri_component(&inner)
    )
}

/// The template shown when the federation URL cannot be computed.
const TEMPLATE: &str =
    "https://<region>.console.aws.amazon.com/connect/federate/<instance id>?destination=%2Fccp-v2";

/// The values of the RelayState parameters, in order, with their names.
fn relay_values(u: &Url, names: &[&str]) -> Vec<(String, String)> {
    u.query_pairs()
        .into_iter()
        .filter(|(n, _)| names.contains(&n.as_str()))
        .collect()
}

/// The federation URL the configuration asks for, when it can be computed. `found` is the
/// RelayState as given, whose region, instance id and `new_domain` fill what the settings
/// leave out.
fn expected_federation_url(expected: &Expected<'_>, found: Option<&Federation>) -> Option<String> {
    let host = expected_console_host(expected, found)?;
    let id = expected
        .instance_id
        .or(found.map(|f| f.instance_id.as_str()))?;
    if !is_instance_id(id) {
        return None;
    }
    let destination = expected
        .instance
        .map_or_else(|| "/ccp-v2".to_string(), Instance::ccp_destination);
    let mut out = format!(
        "https://{host}/connect/federate/{id}?destination={}",
        encode_uri_component(&destination)
    );
    let awsapps = expected.instance.map(|i| i.domain) == Some(ConnectDomain::Awsapps);
    if found.is_some_and(|f| f.new_domain) && !awsapps {
        out.push_str("&new_domain=true");
    }
    Some(out)
}

/// The console host of the federation URL the configuration asks for (region from the
/// settings, else from `found`), when it can be computed.
fn expected_console_host(expected: &Expected<'_>, found: Option<&Federation>) -> Option<String> {
    let domain = expected.instance.map(|i| i.domain);
    if domain == Some(ConnectDomain::Loopback) {
        return None;
    }
    let mut region = expected
        .region
        .or(found.and_then(|f| f.region.as_deref()))?;
    match (domain, partition_of(region)) {
        (Some(ConnectDomain::GovCloud), Partition::GovCloud) => {}
        // Connect in GovCloud runs in us-gov-west-1 only.
        (Some(ConnectDomain::GovCloud), _) => region = "us-gov-west-1",
        (Some(_), Partition::GovCloud) => return None,
        _ => {}
    }
    Some(match partition_of(region) {
        Partition::Commercial => format!("{region}.console.aws.amazon.com"),
        Partition::GovCloud => "console.amazonaws-us-gov.com".to_string(),
        Partition::China => format!("{region}.console.amazonaws.cn"),
    })
}

/// The SSO Login URL with its RelayState replaced by `relay_state`, correctly encoded, and
/// every parameter that fell off the RelayState removed.
fn corrected_sso_url(u: &Url, param: &str, names: &[&str], relay_state: &str) -> String {
    let mut out = format!("{}{}", u.origin(), u.pathname());
    let mut sep = '?';
    for raw in u.query().unwrap_or("").split('&').filter(|s| !s.is_empty()) {
        let name = url::form_decode(raw.split('=').next().unwrap_or(""));
        if names.contains(&name.as_str()) || INNER_PARAMS.contains(&name.as_str()) {
            continue;
        }
        out.push(sep);
        out.push_str(raw);
        sep = '&';
    }
    out.push(sep);
    out.push_str(param);
    out.push('=');
    out.push_str(&encode_uri_component(relay_state));
    out
}

fn missing(
    u: &Url,
    family: IdpFamily,
    names: &[&str],
    expected: &Expected<'_>,
    out: &mut Vec<Finding>,
) {
    let param = names.first().copied().unwrap_or("RelayState");
    // A parameter that differs only in case is not read by the IdP.
    let near = u
        .query_pairs()
        .into_iter()
        .map(|(n, _)| n)
        .find(|n| names.iter().any(|p| p.eq_ignore_ascii_case(n)));
    let hint_value = expected_federation_url(expected, None);
    let hint = match &hint_value {
        Some(v) => format!("Use {}", corrected_sso_url(u, param, names, v)),
        None => format!(
            "Add {param}= followed by the encoded federation URL ({TEMPLATE}, encoded with \
             encodeURIComponent)."
        ),
    };
    let (message, severity) = match near {
        Some(n) => (
            format!(
                "The SSO Login URL has a '{n}' parameter, but {} reads '{param}' exactly, so the \
                 agent will not reach Connect.",
                family.display_name()
            ),
            Severity::Error,
        ),
        None if family == IdpFamily::Unknown => (
            format!(
                "The SSO Login URL has no {param} parameter. Unless the identity provider's \
                 application sets a default RelayState, the agent lands on the AWS console \
                 instead of Connect."
            ),
            Severity::Warning,
        ),
        None => (
            format!(
                "The SSO Login URL has no {param} parameter, so {} uses the application's \
                 default relay state, if any; without one the agent lands on the AWS console \
                 instead of Connect.",
                family.display_name()
            ),
            Severity::Warning,
        ),
    };
    add(
        out,
        Code::RelayStateMissing,
        severity,
        field::SSO_LOGIN_URL,
        message,
        hint,
    );
}

/// PingFederate with `RelayState=` where its IdP-initiated endpoint reads `TargetResource`.
///
/// What is documented: PingFederate's IdP endpoints reference lists `TargetResource` (or
/// `TARGET`) as the parameter of `/idp/startSSO.ping` whose value it sends as the SAML
/// RelayState, and says its parameters are case-sensitive; `RelayState` is not among the
/// parameters listed there. What is inferred: that PingFederate then ignores this parameter
/// and sends the SAML response without a RelayState, so that AWS signs the agent in to the
/// console and Connect never gets a session. No Ping statement that it drops `RelayState`
/// on this endpoint was found (only a Shibboleth wiki note saying so for SP-initiated use).
fn ping_relay_state(u: &Url, rs: &str, expected: &Expected<'_>, out: &mut Vec<Finding>) {
    const NAMES: &[&str] = &["TargetResource", "TARGET", "RelayState"];
    add(
        out,
        Code::RelayStateMissing,
        Severity::Error,
        field::SSO_LOGIN_URL,
        "The SSO Login URL passes the RelayState as 'RelayState', but PingFederate's \
         /idp/startSSO.ping takes it from 'TargetResource' (or 'TARGET') and does not read \
         'RelayState', so the agent lands on the AWS console instead of Connect."
            .into(),
        format!(
            "Use TargetResource in place of RelayState, with the same value: {}",
            corrected_sso_url(u, "TargetResource", NAMES, rs)
        ),
    );
    // The value is checked as what it is meant to be; hints put it under TargetResource.
    check_lost_parameters(u, IdpFamily::Pingfederate, NAMES, rs, expected, out);
    let outer = Outer::Query {
        u,
        param: "TargetResource",
        names: NAMES,
    };
    check_federation_url(rs, expected, &outer, out);
}

/// Finds parameters of the federation endpoint that an unencoded `&` or `#` cut off the
/// RelayState, and a RelayState given twice.
fn check_lost_parameters(
    u: &Url,
    family: IdpFamily,
    names: &[&str],
    rs: &str,
    expected: &Expected<'_>,
    out: &mut Vec<Finding>,
) {
    let pairs = u.query_pairs();
    let param = names.first().copied().unwrap_or("RelayState");
    let lost: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(n, _)| INNER_PARAMS.iter().any(|p| p.eq_ignore_ascii_case(n)))
        .collect();
    let relay_count = pairs
        .iter()
        .filter(|(n, _)| names.contains(&n.as_str()))
        .count();
    if !lost.is_empty() {
        let mut repaired = rs.to_string();
        for (n, v) in &lost {
            repaired.push(if text::has(&repaired, '?') { '&' } else { '?' });
            repaired.push_str(n);
            repaired.push('=');
            repaired.push_str(&encode_uri_component(v));
        }
        let listed: Vec<String> = lost.iter().map(|(n, v)| format!("'{n}={v}'")).collect();
        add(
            out,
            Code::RelayStateLostParameter,
            Severity::Error,
            field::SSO_LOGIN_URL,
            format!(
                "{} is a parameter of the SSO Login URL itself, not of the RelayState: the '&' \
                 before it was not encoded, so {} drops it and the federation endpoint never \
                 sees it.",
                text::join(&listed, " and "),
                family.display_name()
            ),
            format!(
                "Encode the whole RelayState with encodeURIComponent: {}",
                corrected_sso_url(u, param, names, &repaired)
            ),
        );
    } else if relay_count > 1 {
        add(
            out,
            Code::RelayStateLostParameter,
            Severity::Error,
            field::SSO_LOGIN_URL,
            format!(
                "The SSO Login URL has {relay_count} {param} parameters; the identity provider \
                 uses one and drops the others."
            ),
            format!(
                "Keep a single {param}: {}",
                corrected_sso_url(
                    u,
                    param,
                    names,
                    &expected_federation_url(expected, None).unwrap_or_else(|| rs.to_string())
                )
            ),
        );
    }
    if let Some(fragment) = u.fragment().filter(|f| !f.is_empty()) {
        if family != IdpFamily::IamIdentityCenter {
            let shown = text::first_chars(fragment, 40);
            add(
                out,
                Code::RelayStateLostParameter,
                Severity::Warning,
                field::SSO_LOGIN_URL,
                format!(
                    "The SSO Login URL ends in '#{shown}': the browser never sends the part after \
                     '#', so it cannot be part of the RelayState."
                ),
                "If it belongs to the RelayState, encode it (# is %23) inside the encoded \
                 RelayState; otherwise remove it."
                    .into(),
            );
        }
    }
}

/// AD FS: `RelayState` = enc(`RPID=` enc(rpid) `&RelayState=` enc(target)).
fn check_adfs(u: &Url, expected: &Expected<'_>, out: &mut Vec<Finding>) {
    let pairs = u.query_pairs();
    let outer: Vec<&str> = pairs
        .iter()
        .filter(|(n, _)| n == "RelayState")
        .map(|(_, v)| v.as_str())
        .collect();
    let outer_rpid = pairs.iter().any(|(n, _)| n.eq_ignore_ascii_case("RPID"));
    let build = |target: &str, rpid: &str| adfs_url(u, target, rpid);
    let std_outer = Outer::Adfs { u, rpid: AWS_RPID };
    let format_error =
        |message: String, target: Option<&str>, rpid: &str, out: &mut Vec<Finding>| {
            let target = target
                .map(str::to_string)
                .or_else(|| expected_federation_url(expected, None));
            let hint = match target {
                Some(t) => format!(
                    "Use {} (and enable useRelayStateForIdpInitiatedSignOn in AD FS).",
                    build(&t, rpid)
                ),
                None => format!(
                "Nest it: RelayState=encodeURIComponent('RPID=' + encodeURIComponent('{AWS_RPID}') \
                 + '&RelayState=' + encodeURIComponent(federation URL)), and enable \
                 useRelayStateForIdpInitiatedSignOn in AD FS."
            ),
            };
            add(
                out,
                Code::AdfsRelayStateFormat,
                Severity::Error,
                field::SSO_LOGIN_URL,
                message,
                hint,
            );
        };

    if outer.is_empty() {
        let hint = match expected_federation_url(expected, None) {
            Some(t) => format!("Use {}", build(&t, AWS_RPID)),
            None => format!(
                "Add RelayState=encodeURIComponent('RPID=' + encodeURIComponent('{AWS_RPID}') + \
                 '&RelayState=' + encodeURIComponent('{TEMPLATE}'))."
            ),
        };
        add(
            out,
            Code::RelayStateMissing,
            Severity::Error,
            field::SSO_LOGIN_URL,
            "The AD FS SSO Login URL has no RelayState, so after sign-in the agent lands on the \
             AWS console instead of Connect; AD FS has no default relay state to fall back on."
                .into(),
            hint,
        );
        return;
    }

    if outer.len() > 1 || outer_rpid {
        // `?RelayState=RPID=…&RelayState=https://…`: the nested form was not encoded at all.
        let target = outer.iter().find(|v| v.starts_with("http")).copied();
        format_error(
            "The AD FS RelayState is not encoded: its RPID and RelayState parts became separate \
             parameters of the SSO Login URL, which AD FS does not read as a RelayState."
                .into(),
            target,
            AWS_RPID,
            out,
        );
        if let Some(t) = target {
            check_federation_url(t, expected, &std_outer, out);
        }
        return;
    }

    let value = outer.first().copied().unwrap_or("");
    let inner = parse_form(value);
    let rpid = inner
        .iter()
        .find(|(n, _)| n == "RPID")
        .map(|(_, v)| v.as_str());
    let target = inner
        .iter()
        .find(|(n, _)| n == "RelayState")
        .map(|(_, v)| v.as_str());
    match (rpid, target) {
        (None, None) => {
            // A plain RelayState, as other IdPs take it.
            let plain = value.starts_with("http");
            format_error(
                "AD FS does not read a plain RelayState for an IdP-initiated sign-on; it must be \
                 nested as RPID=…&RelayState=…, encoded twice."
                    .into(),
                plain.then_some(value),
                AWS_RPID,
                out,
            );
            if plain {
                check_federation_url(value, expected, &std_outer, out);
            }
        }
        (None, Some(t)) => {
            format_error(
                "The AD FS RelayState has no RPID part, so AD FS does not know which relying \
                 party it is for."
                    .into(),
                Some(t),
                AWS_RPID,
                out,
            );
            check_federation_url(t, expected, &std_outer, out);
        }
        (Some(r), None) => {
            format_error(
                format!("The AD FS RelayState names the relying party '{r}' but has no RelayState part."),
                None,
                r,
                out,
            );
        }
        (Some(r), Some(t)) => {
            let extra: Vec<String> = inner
                .iter()
                .filter(|(n, _)| n != "RPID" && n != "RelayState")
                .map(|(n, v)| format!("'{n}={v}'"))
                .collect();
            if extra.is_empty() {
                check_federation_url(t, expected, &Outer::Adfs { u, rpid: r }, out);
                return;
            }
            // Encoded once instead of twice: the target's own `&` split it.
            let mut repaired = t.to_string();
            for (n, v) in inner
                .iter()
                .filter(|(n, _)| n != "RPID" && n != "RelayState")
            {
                repaired.push(if text::has(&repaired, '?') { '&' } else { '?' });
                repaired.push_str(n);
                repaired.push('=');
                repaired.push_str(&encode_uri_component(v));
            }
            format_error(
                format!(
                    "The AD FS RelayState is encoded once instead of twice: {} split off the \
                     target URL and is lost.",
                    text::join(&extra, " and ")
                ),
                Some(&repaired),
                r,
                out,
            );
            check_federation_url(&repaired, expected, &Outer::Adfs { u, rpid: r }, out);
        }
    }
}

/// A federation URL, as far as it could be read.
struct Federation {
    /// The region, explicit or implied (`None` where no default is documented).
    region: Option<String>,
    /// True when the console host has no region and the region is the partition's default.
    region_implied: bool,
    partition: Partition,
    instance_id: String,
    new_domain: bool,
    loopback: bool,
    /// The path and query as written (`/connect/federate/<id>?destination=%2Fccp-v2%2F`).
    path_and_query: String,
}

/// The console host of a federation URL: partition and region, explicit or implied.
fn console_host(host: &str) -> Option<(Partition, Option<String>, bool)> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let table: [(&str, Partition, Option<&str>); 3] = [
        // Without a region the commercial console is us-east-1 (documented for Connect
        // federation); the GovCloud console's default is us-gov-west-1, the only GovCloud
        // region with Connect. No default is documented for the China console.
        (
            "console.aws.amazon.com",
            Partition::Commercial,
            Some("us-east-1"),
        ),
        (
            "console.amazonaws-us-gov.com",
            Partition::GovCloud,
            Some("us-gov-west-1"),
        ),
        ("console.amazonaws.cn", Partition::China, None),
    ];
    for (suffix, partition, default) in table {
        if host == suffix {
            return Some((partition, default.map(str::to_string), true));
        }
        if let Some(region) = host.strip_suffix(suffix).and_then(|h| h.strip_suffix('.')) {
            if is_region(region) {
                return Some((partition, Some(region.to_string()), false));
            }
        }
    }
    None
}

/// The RelayState as meant, when what the identity provider passes on is still encoded: a
/// value that is not a URL but becomes an http(s) URL after one to three more rounds of
/// percent-decoding (`https%3A%2F%2F…`, from `https%253A%252F%252F…` in the SSO Login URL).
/// Returns it with how many times it was encoded in all.
fn encoded_again(rs: &str) -> Option<(String, &'static str)> {
    let mut value = rs.to_string();
    for times in ["twice", "three times", "four times"] {
        let decoded = String::from_utf8_lossy(&url::percent_decode(value.as_bytes())).into_owned();
        if decoded == value {
            return None;
        }
        if url::parse(&decoded).is_ok_and(|u| u.scheme() == "https" || u.scheme() == "http") {
            return Some((decoded, times));
        }
        value = decoded;
    }
    None
}

/// Checks that `rs` is the federation endpoint of the configured instance.
fn check_federation_url(
    rs: &str,
    expected: &Expected<'_>,
    outer: &Outer<'_>,
    out: &mut Vec<Finding>,
) {
    let not_federation = |message: String, hint: String, out: &mut Vec<Finding>| {
        add(
            out,
            Code::RelayStateNotFederation,
            Severity::Error,
            field::SSO_LOGIN_URL,
            message,
            hint,
        );
    };
    let computed = expected_federation_url(expected, None);
    let use_hint = |what: &str| match &computed {
        Some(v) => outer.suggest(v),
        None => format!("{what} {TEMPLATE}"),
    };
    let shown = text::first_chars(rs, 200);
    let u = match url::parse(rs) {
        Ok(u) => u,
        Err(e) => {
            if let Some((decoded, times)) = encoded_again(rs) {
                add(
                    out,
                    Code::RelayStateDoubleEncoded,
                    Severity::Error,
                    field::SSO_LOGIN_URL,
                    format!(
                        "The RelayState is encoded {times}: the identity provider decodes it once \
                         and passes on '{shown}', which is not a URL. Decoded once more, it is \
                         '{}'.",
                        text::first_chars(&decoded, 200)
                    ),
                    outer.suggest(&decoded),
                );
                check_federation_url(&decoded, expected, outer, out);
                return;
            }
            not_federation(
                format!("The RelayState '{shown}' is not a URL: {}.", e.describe()),
                use_hint("Set it to the Connect federation URL,"),
                out,
            );
            return;
        }
    };
    let segments: Vec<&str> = u.path_segments().iter().map(String::as_str).collect();
    let (id, tail_ok) = match segments.as_slice() {
        ["connect", "federate", id] => (Some(*id), true),
        ["connect", "federate", id, ""] => (Some(*id), true),
        _ => (None, false),
    };
    let fed = if u.is_loopback() && (u.scheme() == "http" || u.scheme() == "https") {
        if !tail_ok {
            not_federation(
                format!("The RelayState '{shown}' is a local stand-in, but not its /connect/federate/<instance id> page."),
                "Point it at the stand-in's federation page, /connect/federate/<instance id>.".into(),
                out,
            );
            return;
        }
        add(
            out,
            Code::LocalStandIn,
            Severity::Info,
            field::SSO_LOGIN_URL,
            format!("The RelayState leads to a local stand-in ({}).", u.origin()),
            "Nothing to change for local testing.".into(),
        );
        Federation {
            region: None,
            region_implied: false,
            partition: Partition::Commercial,
            instance_id: id.unwrap_or("").to_string(),
            new_domain: false,
            loopback: true,
            path_and_query: String::new(),
        }
    } else {
        let host = u.host_str();
        let Some((partition, region, region_implied)) = console_host(&host) else {
            // A look-alike of the console's host, as written or in punycode.
            if let Some(foreign) = confusables::foreign_host(&host) {
                let imitates = foreign
                    .imitates
                    .map(|ascii| format!(" It imitates '{ascii}'."))
                    .unwrap_or_default();
                not_federation(
                    format!(
                        "The RelayState '{shown}' leads to the host {}.{imitates}",
                        foreign.text
                    ),
                    use_hint("Set it to"),
                    out,
                );
                return;
            }
            let why = if host.ends_with(".my.connect.aws")
                || host.ends_with(".awsapps.com")
                || host.ends_with(".govcloud.connect.aws")
            {
                "the instance itself; Connect accepts SAML only through the federation endpoint \
                 (an instance opened directly says \"Session expired\")"
            } else if host.ends_with("signin.aws.amazon.com") {
                "the AWS sign-in endpoint, which receives the SAML response, not the RelayState"
            } else {
                "not the AWS console's Connect federation endpoint"
            };
            not_federation(
                format!("The RelayState '{shown}' leads to '{host}': {why}."),
                use_hint("Set it to"),
                out,
            );
            return;
        };
        if u.scheme() != "https" {
            not_federation(
                format!("The RelayState '{shown}' does not use https://."),
                use_hint("Set it to"),
                out,
            );
            return;
        }
        if !tail_ok {
            not_federation(
                format!(
                    "The RelayState '{shown}' is on the AWS console but not its Connect \
                     federation endpoint (/connect/federate/<instance id>); the agent would \
                     land on the console."
                ),
                use_hint("Set it to"),
                out,
            );
            return;
        }
        Federation {
            region,
            region_implied,
            partition,
            instance_id: id.unwrap_or("").to_string(),
            new_domain: false,
            loopback: false,
            path_and_query: match u.query() {
                Some(q) => format!("{}?{q}", u.pathname()),
                None => u.pathname(),
            },
        }
    };
    let mut fed = fed;
    if !is_instance_id(&fed.instance_id) {
        let lower = fed.instance_id.to_ascii_lowercase();
        let hint = if is_instance_id(&lower) {
            format!("Instance ids are lowercase: /connect/federate/{lower}")
        } else {
            use_hint("The last part is the instance id (a UUID), as in")
        };
        not_federation(
            format!(
                "The RelayState's instance id '{}' is not an instance id.",
                fed.instance_id
            ),
            hint,
            out,
        );
        return;
    }
    let params = u.query_pairs();
    fed.new_domain = params
        .iter()
        .any(|(n, v)| n == "new_domain" && v.eq_ignore_ascii_case("true"));

    check_partition_and_region(&fed, expected, outer, out);
    if let Some(want) = expected.instance_id {
        if want != fed.instance_id {
            let hint = expected_federation_url(expected, Some(&fed))
                .map(|v| format!("{} Or correct the instance id setting.", outer.suggest(&v)))
                .unwrap_or_else(|| format!("Use /connect/federate/{want} in the RelayState."));
            add(
                out,
                Code::RelayStateInstanceMismatch,
                Severity::Error,
                field::SSO_LOGIN_URL,
                format!(
                    "The RelayState federates into instance '{}', but the instance id setting is \
                     '{want}'.",
                    fed.instance_id
                ),
                hint,
            );
        }
    }
    if let Some(inst) = expected.instance {
        let local = inst.domain == ConnectDomain::Loopback;
        if local != fed.loopback {
            let (a, b) = if local {
                ("a local stand-in", "a real AWS federation endpoint")
            } else {
                ("a real instance", "a local stand-in")
            };
            add(out, Code::RelayStateNotFederation,
                Severity::Warning,
                field::SSO_LOGIN_URL,
                format!("The instance URL is {a} but the RelayState leads to {b}; the session would be set where the CCP does not look."),
                "Point the instance URL and the RelayState at the same environment.".into());
        }
    }
    check_destination(&params, &fed, expected, outer, out);
}

fn check_partition_and_region(
    fed: &Federation,
    expected: &Expected<'_>,
    outer: &Outer<'_>,
    out: &mut Vec<Finding>,
) {
    if fed.loopback {
        return;
    }
    let partition_name = |p: Partition| match p {
        Partition::Commercial => "the commercial AWS console",
        Partition::GovCloud => "the AWS GovCloud (US) console",
        Partition::China => "the AWS China console",
    };
    let instance_partition = expected.instance.and_then(|i| match i.domain {
        ConnectDomain::GovCloud => Some(Partition::GovCloud),
        ConnectDomain::MyConnect | ConnectDomain::Awsapps => Some(Partition::Commercial),
        ConnectDomain::Loopback => None,
    });
    // Only the console host changes; the rest stays as written (destination included).
    let hint = expected_console_host(expected, Some(fed))
        .map(|host| outer.suggest(&format!("https://{host}{}", fed.path_and_query)))
        .unwrap_or_else(|| {
            "Use the console host of the instance's own region and partition.".into()
        });
    if let Some(p) = instance_partition {
        if p != fed.partition {
            add(
                out,
                Code::RelayStateRegionMismatch,
                Severity::Error,
                field::SSO_LOGIN_URL,
                format!(
                    "The RelayState federates through {}, but the instance is served from {}.",
                    partition_name(fed.partition),
                    expected.instance.map(|i| i.host()).unwrap_or("")
                ),
                hint,
            );
            return;
        }
    }
    if let (Some(want), Some(got)) = (expected.region, fed.region.as_deref()) {
        if want != got {
            let implied = if fed.region_implied {
                " (a console host without a region means that one)"
            } else {
                ""
            };
            add(
                out,
                Code::RelayStateRegionMismatch,
                Severity::Error,
                field::SSO_LOGIN_URL,
                format!(
                    "The RelayState federates in region '{got}'{implied}, but the instance is in \
                     '{want}'."
                ),
                format!("{hint} Or set region to '{got}' if that is where the instance is."),
            );
        }
    } else if let Some(want) = expected.region {
        if partition_of(want) != fed.partition {
            add(
                out,
                Code::RelayStateRegionMismatch,
                Severity::Error,
                field::SSO_LOGIN_URL,
                format!(
                    "The RelayState federates through {}, but the region setting is '{want}'.",
                    partition_name(fed.partition)
                ),
                hint,
            );
        }
    }
}

/// Checks `destination` (and `new_domain`) against the instance's domain.
fn check_destination(
    params: &[(String, String)],
    fed: &Federation,
    expected: &Expected<'_>,
    outer: &Outer<'_>,
    out: &mut Vec<Finding>,
) {
    let destinations: Vec<&str> = params
        .iter()
        .filter(|(n, _)| n == "destination")
        .map(|(_, v)| v.as_str())
        .collect();
    let inst = expected.instance;
    let want_base = match inst {
        // new_domain=true lands on my.connect.aws, where pages are at the root.
        Some(i) if i.domain == ConnectDomain::Awsapps && !fed.new_domain => Some("/connect"),
        Some(i) if i.domain == ConnectDomain::Loopback => Some(i.base_path),
        Some(_) => Some(""),
        None => None,
    };
    let want = want_base.map(|b| format!("{b}/ccp-v2"));
    let fix = |d: &str| {
        expected_federation_url(expected, Some(fed))
            .map(|v| outer.suggest(&v))
            .unwrap_or_else(|| {
                format!(
                    "Use destination={} in the RelayState.",
                    encode_uri_component(d)
                )
            })
    };

    if fed.new_domain && inst.is_some_and(|i| i.domain == ConnectDomain::Awsapps) {
        let alias = inst.map(|i| i.alias.as_str()).unwrap_or("");
        add(
            out,
            Code::CcpDomainMismatch,
            Severity::Error,
            field::INSTANCE_URL,
            format!(
                "The RelayState has new_domain=true, so federation signs the agent in on \
                 {alias}.my.connect.aws, but the CCP is loaded from {alias}.awsapps.com, which \
                 never gets the session."
            ),
            format!(
                "Change the instance URL to https://{alias}.my.connect.aws, or remove \
                 new_domain=true from the RelayState."
            ),
        );
    }

    if destinations.len() > 1 {
        add(
            out,
            Code::RelayStateLostParameter,
            Severity::Error,
            field::SSO_LOGIN_URL,
            format!(
                "The RelayState gives destination {} times ({}); the federation endpoint uses \
                 one of them.",
                destinations.len(),
                text::join(
                    &destinations
                        .iter()
                        .map(|d| format!("'{d}'"))
                        .collect::<Vec<_>>(),
                    ", "
                )
            ),
            fix(want.as_deref().unwrap_or("/ccp-v2")),
        );
        return;
    }
    let Some(dest) = destinations.first().copied() else {
        add(
            out,
            Code::RelayStateNoDestination,
            Severity::Info,
            field::SSO_LOGIN_URL,
            "The RelayState has no destination, so the login window opens the instance's home \
             page rather than the CCP."
                .into(),
            fix(want.as_deref().unwrap_or("/ccp-v2")),
        );
        return;
    };
    if dest.starts_with("http://") || dest.starts_with("https://") {
        add(
            out,
            Code::RelayStateExternalDestination,
            Severity::Info,
            field::SSO_LOGIN_URL,
            format!("The RelayState's destination is an external page, '{dest}'."),
            "Add its origin to the instance's Approved Origins, or the CCP refuses to be framed \
             there."
                .into(),
        );
        return;
    }
    // The path part of the destination, before its own query (the VDI variant has one).
    let path = dest
        .get(..text::query_or_fragment_start(dest).unwrap_or(dest.len()))
        .unwrap_or(dest);
    let path = path.trim_end_matches('/');
    let (base, page) = if let Some(rest) = path.strip_prefix("/connect/") {
        ("/connect", rest)
    } else {
        ("", path.strip_prefix('/').unwrap_or(path))
    };
    let page_name = page.split('/').next().unwrap_or("");
    let mismatch = |out: &mut Vec<Finding>, why: String| {
        add(
            out,
            Code::RelayStateDestinationMismatch,
            Severity::Error,
            field::SSO_LOGIN_URL,
            why,
            fix(want.as_deref().unwrap_or("/ccp-v2")),
        );
    };
    if !dest.starts_with('/') {
        mismatch(
            out,
            format!("The RelayState's destination '{dest}' is not a path of the instance."),
        );
        return;
    }
    if page_name == "ccp" {
        add(out, Code::RelayStateDestinationMismatch,
            Severity::Warning,
            field::SSO_LOGIN_URL,
            format!("The RelayState's destination '{dest}' opens the earlier CCP, which AWS has retired."),
            fix(want.as_deref().unwrap_or("/ccp-v2")));
        return;
    }
    if let Some(want_base) = want_base {
        if base != want_base {
            let domain = inst.map(|i| i.host()).unwrap_or("");
            let why = if fed.new_domain && want_base.is_empty() {
                format!(
                    "The RelayState's destination '{dest}' is an awsapps.com path, but \
                     new_domain=true lands on my.connect.aws, where the CCP is at /ccp-v2."
                )
            } else if want_base.is_empty() {
                format!(
                    "The RelayState's destination '{dest}' is a path of the older awsapps.com \
                     domain, but the instance is on '{domain}', where the CCP is at /ccp-v2."
                )
            } else {
                format!(
                    "The RelayState's destination '{dest}' is a my.connect.aws path, but the \
                     instance is on '{domain}', where the CCP is at /connect/ccp-v2."
                )
            };
            mismatch(out, why);
            return;
        }
    }
    if page_name != "ccp-v2" && page_name != "agent-app-v2" {
        add(
            out,
            Code::RelayStateDestinationMismatch,
            Severity::Warning,
            field::SSO_LOGIN_URL,
            format!(
                "The RelayState's destination '{dest}' is not the CCP, so the login window \
                 shows another page of the instance."
            ),
            fix(want.as_deref().unwrap_or("/ccp-v2")),
        );
    }
}
