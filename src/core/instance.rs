//! The instance URL and the CCP URL derived from it.
//!
//! An admin copies the instance URL from wherever they last saw it: the Connect console's
//! "Access URL", the address bar of the CCP, of the agent workspace or of the admin site.
//! So every page path of a Connect host is accepted and normalised, and the CCP URL is
//! derived from the instance's domain:
//!
//! | domain | instance URL | CCP URL |
//! | --- | --- | --- |
//! | commercial regions | `https://<alias>.my.connect.aws` | `…/ccp-v2/` |
//! | older instances | `https://<alias>.awsapps.com/connect` | `…/connect/ccp-v2/` |
//! | AWS GovCloud (US) | `https://<alias>.govcloud.connect.aws` | `…/ccp-v2/` |
//! | local stand-in | `http://127.0.0.1:<port>[/connect]` | `…[/connect]/ccp-v2/` |
//!
//! The GovCloud domain is the one AWS documents for Connect there ("instances in AWS
//! GovCloud (US) use the domain *.govcloud.connect.aws", latest CCP only); its page paths are
//! inferred to be those of `my.connect.aws`, since AWS does not spell them out. Amazon Connect
//! is not offered in the China or other isolated partitions as far as the public
//! documentation shows, so no other domain is accepted.
//!
//! The CCP is where the session cookie must land: federation sets it on the domain the
//! RelayState leads to, so the domain found here is also what the RelayState checks compare
//! against.

use super::confusables;
use super::diagnose::{add, field, finding};
use super::finding::{Code, Finding, Severity};
use super::text;
use super::url::{self, Url};

/// The domain an Amazon Connect instance is served from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectDomain {
    /// `<alias>.my.connect.aws`, every commercial region.
    MyConnect,
    /// `<alias>.awsapps.com/connect`, instances created before the move to `my.connect.aws`.
    Awsapps,
    /// `<alias>.govcloud.connect.aws`, AWS GovCloud (US-West).
    GovCloud,
    /// A local stand-in on a loopback address.
    Loopback,
}

impl ConnectDomain {
    /// True when the instance's pages live under `/connect` (the older domain).
    pub fn under_connect(self) -> bool {
        self == ConnectDomain::Awsapps
    }

    /// The host suffix of the domain, for messages.
    pub fn suffix(self) -> &'static str {
        match self {
            ConnectDomain::MyConnect => ".my.connect.aws",
            ConnectDomain::Awsapps => ".awsapps.com",
            ConnectDomain::GovCloud => ".govcloud.connect.aws",
            ConnectDomain::Loopback => "",
        }
    }
}

/// An instance recognised from its URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    pub domain: ConnectDomain,
    /// The instance alias (the first label of the host); empty for a local stand-in.
    pub alias: String,
    /// `https://<alias>.my.connect.aws`, or the stand-in's `http://127.0.0.1:<port>`.
    pub origin: String,
    /// `""`, or `"/connect"` for the older domain (and a stand-in that mimics it).
    pub base_path: &'static str,
}

impl Instance {
    /// The instance URL in its canonical form.
    pub fn url(&self) -> String {
        format!("{}{}", self.origin, self.base_path)
    }

    /// The CCP URL the iframe loads.
    pub fn ccp_url(&self) -> String {
        format!("{}{}/ccp-v2/", self.origin, self.base_path)
    }

    /// The RelayState `destination` that opens this instance's CCP: `/ccp-v2` or
    /// `/connect/ccp-v2`.
    pub fn ccp_destination(&self) -> String {
        format!("{}/ccp-v2", self.base_path)
    }

    /// The host, without scheme or port.
    pub fn host(&self) -> &str {
        text::after_first(&self.origin, "://").unwrap_or(&self.origin)
    }
}

/// What a host is, when it is not an instance, so that the message can say so.
fn known_other_host(host: &str, path: &str) -> Option<&'static str> {
    let is = |suffix: &str| host == suffix || host.ends_with(&format!(".{suffix}"));
    if host.ends_with(".awsapps.com") && (path.starts_with("/start") || host.starts_with("d-")) {
        return Some("the IAM Identity Center access portal; it belongs in the SSO Login URL");
    }
    if is("console.aws.amazon.com")
        || is("console.amazonaws-us-gov.com")
        || is("console.amazonaws.cn")
    {
        return Some(if path.starts_with("/connect/federate/") {
            "the Connect federation endpoint; it belongs in the RelayState of the SSO Login URL"
        } else {
            "the AWS Management Console, not the instance's own site"
        });
    }
    if is("signin.aws.amazon.com") || is("signin.amazonaws-us-gov.com") {
        return Some("the AWS sign-in endpoint that receives SAML responses, not the instance");
    }
    if super::sso::idp_family_of(host, path).is_some() {
        return Some("an identity provider's sign-in page; it belongs in the SSO Login URL");
    }
    None
}

/// A DNS label as an instance alias: letters, digits and inner hyphens.
fn is_alias(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// Page paths of a Connect instance (after the base path) that an admin may paste; they are
/// dropped silently apart from an `info` finding.
fn is_known_page(first_segment: &str) -> bool {
    matches!(
        first_segment,
        "ccp-v2"
            | "agent-app-v2"
            | "ccp"
            | "home"
            | "login"
            | "logout"
            | "real-time-metrics"
            | "users"
            | "contact-search"
            | "contact-trace-record"
    )
}

/// Explains a host with characters outside ASCII (as written, or in punycode): which
/// character, what it imitates, and the ASCII look-alike.
fn non_ascii_host_message(what: &str, foreign: confusables::ForeignHost) -> (String, String) {
    let message = format!(
        "The {what} host {}. Connect and AWS hosts are plain ASCII, so this is a look-alike \
         or a typing error.",
        foreign.text
    );
    let hint = match foreign.imitates {
        Some(ascii) => format!("Retype the host in plain ASCII: '{ascii}'."),
        None => {
            "Retype the host name in plain ASCII letters, digits, dots and hyphens.".to_string()
        }
    };
    (message, hint)
}

/// Checks the instance URL. Returns the instance when it is usable, with the findings.
pub fn check_instance_url(input: &str) -> (Option<Instance>, Vec<Finding>) {
    let mut out = Vec::new();
    let value = input.trim();
    let invalid = |message: String, hint: String| {
        finding(
            Code::InstanceUrlInvalid,
            Severity::Error,
            field::INSTANCE_URL,
            message,
            hint,
        )
    };
    let parsed = match url::parse(value) {
        Ok(u) => u,
        Err(e) => {
            let mut hint = "Enter it as https://<alias>.my.connect.aws, or \
                            https://<alias>.awsapps.com/connect for an older instance."
                .to_string();
            if e == url::ParseError::MissingScheme {
                if let (Some(i), _) = check_instance_url(&format!("https://{value}")) {
                    hint = format!("Add https:// in front: {}", i.url());
                }
            }
            out.push(invalid(
                format!(
                    "The instance URL '{value}' is not a valid URL: {}.",
                    e.describe()
                ),
                hint,
            ));
            return (None, out);
        }
    };
    match instance_from_url(&parsed, value, field::INSTANCE_URL, &mut out) {
        Some((instance, page)) => {
            normalisation_findings(&parsed, &instance, page, value, &mut out);
            if instance.domain == ConnectDomain::Awsapps {
                add(
                    &mut out,
                    Code::InstanceUrlLegacyDomain,
                    Severity::Info,
                    field::INSTANCE_URL,
                    format!(
                        "The instance '{}' uses the older awsapps.com domain.",
                        instance.alias
                    ),
                    format!(
                        "Nothing to change while it works. When the instance moves to \
                         https://{}.my.connect.aws, change the instance URL and add \
                         new_domain=true to the RelayState together.",
                        instance.alias
                    ),
                );
            }
            (Some(instance), out)
        }
        None => (None, out),
    }
}

/// Where the pasted path was, relative to the instance's base path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Page {
    /// The bare instance URL (with or without a trailing slash).
    Root,
    /// A page of the instance (`/ccp-v2/`, `/agent-app-v2`, `/home`…).
    Known,
    /// Any other path.
    Other,
}

/// Recognises a Connect host in a parsed URL; pushes findings for what is wrong.
/// `what` names the field in messages.
fn instance_from_url(
    u: &Url,
    value: &str,
    field_name: &'static str,
    out: &mut Vec<Finding>,
) -> Option<(Instance, Page)> {
    let (code, what) = if field_name == field::CCP_URL {
        (Code::CcpUrlInvalid, "CCP URL")
    } else {
        (Code::InstanceUrlInvalid, "instance URL")
    };
    let mut invalid = |message: String, hint: String| {
        add(out, code, Severity::Error, field_name, message, hint);
    };
    let scheme = u.scheme();
    if scheme != "https" && scheme != "http" {
        invalid(
            format!(
                "The {what} '{value}' uses the scheme '{scheme}:'; it must be an https:// URL."
            ),
            "Enter it as https://<alias>.my.connect.aws.".into(),
        );
        return None;
    }
    if u.has_userinfo() {
        invalid(
            format!("The {what} contains a user name or password before '@'."),
            "Remove everything between :// and @; Connect never takes credentials in the URL."
                .into(),
        );
        return None;
    }
    let segments: Vec<&str> = u
        .path_segments()
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    let under_connect = segments.first() == Some(&"connect");
    if u.is_loopback() {
        let base_path = if under_connect { "/connect" } else { "" };
        let after = if under_connect {
            segments.get(1)
        } else {
            segments.first()
        };
        let page = match after {
            None => Page::Root,
            Some(s) if is_known_page(s) => Page::Known,
            Some(_) => Page::Other,
        };
        let instance = Instance {
            domain: ConnectDomain::Loopback,
            alias: String::new(),
            origin: u.origin(),
            base_path,
        };
        return Some((instance, page));
    }
    let host = u.host_str();
    if let Some(foreign) = confusables::foreign_host(&host) {
        let (message, hint) = non_ascii_host_message(what, foreign);
        invalid(message, hint);
        return None;
    }
    let bare = host.strip_suffix('.').unwrap_or(&host);
    let found = [
        ConnectDomain::MyConnect,
        ConnectDomain::GovCloud,
        ConnectDomain::Awsapps,
    ]
    .into_iter()
    .find_map(|d| bare.strip_suffix(d.suffix()).map(|alias| (d, alias)));
    let path = u.pathname();
    let Some((domain, alias)) = found.filter(|(_, a)| !a.is_empty()) else {
        let why = known_other_host(bare, &path)
            .map(|w| format!(": it is {w}"))
            .unwrap_or_else(|| ", which is not an Amazon Connect host".to_string());
        invalid(
            format!("The {what} '{value}' points at '{host}'{why}."),
            "Use the instance's own address, https://<alias>.my.connect.aws (or \
             https://<alias>.awsapps.com/connect); the Connect console shows it as the \
             instance's access URL."
                .into(),
        );
        return None;
    };
    if domain == ConnectDomain::Awsapps
        && (alias.starts_with("d-") || segments.first() == Some(&"start"))
    {
        invalid(
            format!(
                "The {what} '{value}' is the IAM Identity Center access portal, not an Amazon \
                 Connect instance."
            ),
            "Put the portal's application URL in the SSO Login URL, and the instance's own \
             https://<alias>.my.connect.aws address here."
                .into(),
        );
        return None;
    }
    if !is_alias(alias) {
        let hint = match text::after_last(alias, ".") {
            Some(last) if is_alias(last) => {
                format!("Use the alias alone: https://{last}{}.", domain.suffix())
            }
            _ => "The alias is one name of letters, digits and hyphens, as shown in the \
                  Connect console."
                .to_string(),
        };
        invalid(
            format!(
                "The {what} host '{host}' does not start with a valid instance alias ('{alias}')."
            ),
            hint,
        );
        return None;
    }
    let canonical = if domain.under_connect() {
        format!("https://{alias}{}/connect", domain.suffix())
    } else {
        format!("https://{alias}{}", domain.suffix())
    };
    if scheme != "https" {
        invalid(
            format!("The {what} '{value}' uses http://; Amazon Connect is served over https only."),
            format!("Use https: {canonical}"),
        );
        return None;
    }
    if let Some(port) = u.port() {
        invalid(
            format!("The {what} names port {port}; Amazon Connect is served on the default port."),
            format!("Remove the port: {canonical}"),
        );
        return None;
    }
    let after: &[&str] = if domain.under_connect() && under_connect {
        segments.get(1..).unwrap_or(&[])
    } else {
        &segments
    };
    let page = match after.first() {
        None if domain.under_connect() && !under_connect => Page::Known,
        None => Page::Root,
        Some(s) if is_known_page(s) => Page::Known,
        Some(_) => Page::Other,
    };
    let instance = Instance {
        domain,
        alias: alias.to_string(),
        origin: format!("https://{alias}{}", domain.suffix()),
        base_path: if domain.under_connect() {
            "/connect"
        } else {
            ""
        },
    };
    Some((instance, page))
}

/// Tells what the normalisation dropped, and notes a local stand-in.
fn normalisation_findings(
    u: &Url,
    instance: &Instance,
    page: Page,
    value: &str,
    out: &mut Vec<Finding>,
) {
    if instance.domain == ConnectDomain::Loopback {
        add(out, Code::LocalStandIn,
            Severity::Info,
            field::INSTANCE_URL,
            format!("The instance URL '{value}' is a loopback address: a local stand-in."),
            "Nothing to change for local testing; a real instance is https://<alias>.my.connect.aws."
                .into());
    }
    let host_dot = u.host_str().ends_with('.');
    let extra = u.query().is_some() || u.fragment().is_some() || host_dot;
    let (severity, what) = match page {
        Page::Root if !extra => return,
        Page::Root | Page::Known => (Severity::Info, "was normalised"),
        Page::Other => (
            Severity::Warning,
            "has a path that is not a page of the instance",
        ),
    };
    add(
        out,
        Code::InstanceUrlNormalized,
        severity,
        field::INSTANCE_URL,
        format!(
            "The instance URL '{value}' {what}; the CCP URL is derived as {}.",
            instance.ccp_url()
        ),
        format!(
            "Enter the instance URL as {} to avoid surprises.",
            instance.url()
        ),
    );
}

/// Checks an explicit CCP URL; `instance` is the one from the instance URL, if usable.
/// Returns the URL to load (as given, trimmed) when it is usable.
pub fn check_ccp_url(input: &str, instance: Option<&Instance>) -> (Option<String>, Vec<Finding>) {
    let mut out = Vec::new();
    let value = input.trim();
    let parsed = match url::parse(value) {
        Ok(u) => u,
        Err(e) => {
            add(
                &mut out,
                Code::CcpUrlInvalid,
                Severity::Error,
                field::CCP_URL,
                format!(
                    "The CCP URL '{value}' is not a valid URL: {}.",
                    e.describe()
                ),
                ccp_hint(instance),
            );
            return (None, out);
        }
    };
    let host = parsed.host_str();
    // A host outside ASCII (as written or in punycode) is explained by `instance_from_url`.
    if parsed.scheme() == "https"
        && !parsed.is_loopback()
        && confusables::foreign_host(&host).is_none()
    {
        let bare = host.strip_suffix('.').unwrap_or(&host);
        let on_connect = [".my.connect.aws", ".govcloud.connect.aws", ".awsapps.com"]
            .iter()
            .any(|s| bare.ends_with(s));
        let other = known_other_host(bare, &parsed.pathname()).is_some();
        if !on_connect && !other && !parsed.has_userinfo() {
            // Streams loads whatever CCP URL it is given; a proxy or a custom CCP page may be
            // intended, so this is a warning rather than a refusal.
            add(
                &mut out,
                Code::CcpUrlInvalid,
                Severity::Warning,
                field::CCP_URL,
                format!("The CCP URL '{value}' is not on an Amazon Connect domain ('{host}')."),
                ccp_hint(instance),
            );
            return (Some(value.to_string()), out);
        }
    }
    let Some((ccp, _)) = instance_from_url(&parsed, value, field::CCP_URL, &mut out) else {
        return (None, out);
    };
    if ccp.domain == ConnectDomain::Loopback {
        add(
            &mut out,
            Code::LocalStandIn,
            Severity::Info,
            field::CCP_URL,
            format!("The CCP URL '{value}' is a loopback address: a local stand-in."),
            "Nothing to change for local testing.".into(),
        );
    } else {
        let path = parsed.pathname();
        let rest = path.strip_prefix(ccp.base_path).unwrap_or("");
        let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
        if first == "ccp" || (first.is_empty() && parsed.fragment().is_some()) {
            add(
                &mut out,
                Code::CcpUrlInvalid,
                Severity::Warning,
                field::CCP_URL,
                format!("The CCP URL '{value}' opens the earlier CCP, which AWS has retired."),
                format!("Use the current CCP: {}", ccp.ccp_url()),
            );
        } else if !(first == "ccp-v2" || first == "agent-app-v2")
            || !path.starts_with(ccp.base_path)
        {
            add(
                &mut out,
                Code::CcpUrlInvalid,
                Severity::Error,
                field::CCP_URL,
                format!("The CCP URL '{value}' is not the CCP page of the instance."),
                format!(
                    "Use {}, or leave the CCP URL empty to derive it.",
                    ccp.ccp_url()
                ),
            );
            return (None, out);
        }
    }
    if let Some(inst) = instance {
        if inst.origin != ccp.origin {
            add(
                &mut out,
                Code::CcpDomainMismatch,
                Severity::Warning,
                field::CCP_URL,
                format!(
                    "The CCP URL is on '{}' but the instance URL is on '{}'. Federation sets the \
                     Connect session on one host; a CCP on another never signs in.",
                    ccp.host(),
                    inst.host()
                ),
                format!(
                    "Use {} (or leave the CCP URL empty), or correct the instance URL.",
                    inst.ccp_url()
                ),
            );
        }
    }
    (Some(value.to_string()), out)
}

fn ccp_hint(instance: Option<&Instance>) -> String {
    match instance {
        Some(i) => format!(
            "Use {}, or leave the CCP URL empty to derive it.",
            i.ccp_url()
        ),
        None => "Leave the CCP URL empty to derive it from the instance URL, or enter \
                 https://<alias>.my.connect.aws/ccp-v2/."
            .into(),
    }
}
