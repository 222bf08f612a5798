//! Mount options: what a host passes to `mount`, checked before anything is mounted.
//!
//! The skin reads each known option from the JavaScript object into a [`Value`] and hands the
//! object's own keys over too, so that a misspelt option (`ssoLoginURL`) is caught here rather
//! than silently ignored. The configuration checks proper live in `diagnose`; this module adds
//! the option-level ones and turns a clean configuration into a [`Plan`] for Streams.

use super::diagnose::{diagnose, Diagnosis, Settings};
use super::finding::{Code, Finding, Severity};
use super::signin::LoginMode;
use super::text;

/// The options `mount` and `diagnose` read, in the JavaScript spelling.
pub const OPTION_NAMES: [&str; 9] = [
    "instanceUrl",
    "ccpUrl",
    "ssoLoginUrl",
    "region",
    "instanceId",
    "username",
    "connectUsername",
    "ccpLoadTimeoutMs",
    "signInTimeoutMs",
];

/// Streams' own default for waiting on the CCP's first acknowledgement; it is also the
/// interval at which Streams reloads the CCP iframe while the agent signs in.
pub const DEFAULT_CCP_LOAD_TIMEOUT_MS: u32 = 5_000;
/// How long a login may take before the agent is told that it did not complete. It covers an
/// agent typing a password at the identity provider.
pub const DEFAULT_SIGN_IN_TIMEOUT_MS: u32 = 60_000;

const CCP_LOAD_TIMEOUT_RANGE: (u32, u32) = (500, 120_000);
const SIGN_IN_TIMEOUT_RANGE: (u32, u32) = (1_000, 3_600_000);

/// One option's value as read from JavaScript.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `undefined` or `null`.
    Missing,
    Text(String),
    Number(f64),
    /// Any other type; the name is the JavaScript `typeof`.
    Other(&'static str),
}

/// What `mount` does with a configuration that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub ccp_url: String,
    /// Streams' `loginUrl`: the SSO Login URL, unchanged; `None` for the Connect login.
    pub login_url: Option<String>,
    pub region: String,
    pub username: String,
    pub mode: LoginMode,
    pub ccp_load_timeout_ms: u32,
    pub sign_in_timeout_ms: u32,
    /// Warnings and notes to report through the component's events.
    pub findings: Vec<Finding>,
}

/// Reads the options, checks them all and returns the settings with every finding.
pub fn check_options(
    keys: &[String],
    get: impl Fn(&str) -> Value,
) -> (Settings, u32, u32, Vec<Finding>) {
    let mut findings = Vec::new();
    for key in keys {
        if OPTION_NAMES.contains(&key.as_str()) {
            continue;
        }
        findings.push(unknown_option(key));
    }

    let mut text = |name: &'static str| -> String {
        match get(name) {
            Value::Missing => String::new(),
            Value::Text(s) => s,
            Value::Number(_) => {
                findings.push(wrong_type(name, "number"));
                String::new()
            }
            Value::Other(kind) => {
                findings.push(wrong_type(name, kind));
                String::new()
            }
        }
    };
    let settings = Settings {
        instance_url: text("instanceUrl"),
        ccp_url: text("ccpUrl"),
        sso_login_url: text("ssoLoginUrl"),
        region: text("region"),
        instance_id: text("instanceId"),
        username: text("username"),
        connect_username: text("connectUsername"),
    };

    let load = milliseconds(
        "ccpLoadTimeoutMs",
        get("ccpLoadTimeoutMs"),
        DEFAULT_CCP_LOAD_TIMEOUT_MS,
        CCP_LOAD_TIMEOUT_RANGE,
        &mut findings,
    );
    let sign_in = milliseconds(
        "signInTimeoutMs",
        get("signInTimeoutMs"),
        DEFAULT_SIGN_IN_TIMEOUT_MS,
        SIGN_IN_TIMEOUT_RANGE,
        &mut findings,
    );
    (settings, load, sign_in, findings)
}

/// Turns checked options into a plan, or returns every finding when one is an error.
pub fn plan(
    settings: &Settings,
    ccp_load_timeout_ms: u32,
    sign_in_timeout_ms: u32,
    mut findings: Vec<Finding>,
) -> Result<Plan, Vec<Finding>> {
    let Diagnosis {
        findings: checks,
        ccp_url,
        ..
    } = diagnose(settings);
    findings.extend(checks);
    if settings.instance_url.trim().is_empty() && settings.ccp_url.trim().is_empty() {
        findings.push(Finding {
            code: Code::InstanceUrlInvalid,
            severity: Severity::Error,
            field: "instanceUrl",
            message: "No instance URL was given.".to_string(),
            hint: "Set instanceUrl to the Amazon Connect instance, e.g. \
                   https://your-alias.my.connect.aws."
                .to_string(),
        });
    }
    let ccp_url = match ccp_url {
        Some(url) if !has_error(&findings) => url,
        _ => {
            dedupe(&mut findings);
            return Err(findings);
        }
    };
    let sso = settings.sso_login_url.trim();
    let login_url = if sso.is_empty() {
        None
    } else {
        Some(settings.sso_login_url.clone())
    };
    Ok(Plan {
        ccp_url,
        mode: if login_url.is_some() {
            LoginMode::Sso
        } else {
            LoginMode::ConnectLogin
        },
        login_url,
        region: settings.region.trim().to_string(),
        username: settings.username.clone(),
        ccp_load_timeout_ms,
        sign_in_timeout_ms,
        findings,
    })
}

fn has_error(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Drops a finding that says again what an earlier one on the same field and code said.
fn dedupe(findings: &mut Vec<Finding>) {
    let mut seen: Vec<(Code, &'static str)> = Vec::new();
    findings.retain(|f| {
        let key = (f.code, f.field);
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

/// Names people use for the options, by their letters alone (see [`letters`]): Streams' own
/// `loginUrl`, the custom element's attribute names, and a few natural guesses.
const ALIASES: [(&str, &str); 9] = [
    ("loginurl", "ssoLoginUrl"),
    ("ssourl", "ssoLoginUrl"),
    ("ssologin", "ssoLoginUrl"),
    ("idpurl", "ssoLoginUrl"),
    ("samlurl", "ssoLoginUrl"),
    ("instance", "instanceUrl"),
    ("connecturl", "instanceUrl"),
    ("ccp", "ccpUrl"),
    ("user", "username"),
];

/// A name's letters and digits, lowercased: `sso-login-url`, `sso_login_url` and
/// `ssoLoginURL` are all `ssologinurl`.
fn letters(name: &str) -> Vec<u8> {
    name.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

fn unknown_option(key: &str) -> Finding {
    let spelled = letters(key);
    let near = OPTION_NAMES
        .iter()
        .copied()
        .find(|known| letters(known) == spelled || close_spelling(known, key))
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| alias.as_bytes() == spelled.as_slice())
                .map(|(_, known)| *known)
        });
    match near {
        // A misspelling of a known option silently changes behaviour (no SSO, say): refuse it.
        Some(known) => Finding {
            code: Code::OptionUnknown,
            severity: Severity::Error,
            field: known,
            message: format!("Unknown option \u{201c}{key}\u{201d}; it looks like {known}."),
            hint: format!("Rename \u{201c}{key}\u{201d} to \u{201c}{known}\u{201d}."),
        },
        None => Finding {
            code: Code::OptionUnknown,
            severity: Severity::Warning,
            field: "",
            message: format!("Unknown option \u{201c}{key}\u{201d} is ignored."),
            hint: format!(
                "Remove it, or use one of: {}.",
                text::join(&OPTION_NAMES, ", ")
            ),
        },
    }
}

/// True when the two names differ by at most one edit once case is ignored.
fn close_spelling(known: &str, key: &str) -> bool {
    let a: Vec<u8> = known.bytes().map(|b| b.to_ascii_lowercase()).collect();
    let b: Vec<u8> = key.bytes().map(|b| b.to_ascii_lowercase()).collect();
    if a.len().abs_diff(b.len()) > 1 || a.len() < 4 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let mut i = 0;
    let mut j = 0;
    let mut edits = 0;
    while i < short.len() && j < long.len() {
        if short[i] == long[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        if short.len() == long.len() {
            i += 1;
        }
        j += 1;
    }
    edits + (long.len() - j) + (short.len() - i) <= 1
}

fn wrong_type(name: &'static str, kind: &str) -> Finding {
    Finding {
        code: Code::OptionInvalid,
        severity: Severity::Error,
        field: name,
        message: format!("{name} must be a string, not a {kind}."),
        hint: format!("Pass {name} as text, or leave it out."),
    }
}

fn milliseconds(
    name: &'static str,
    value: Value,
    default: u32,
    (low, high): (u32, u32),
    findings: &mut Vec<Finding>,
) -> u32 {
    let number = match value {
        Value::Missing => return default,
        Value::Number(n) => n,
        Value::Text(_) => {
            findings.push(out_of_range(name, "a string", low, high));
            return default;
        }
        Value::Other(kind) => {
            findings.push(out_of_range(name, kind, low, high));
            return default;
        }
    };
    // Compared as floats first so that NaN, infinities and fractions never reach the cast.
    let in_range = number >= f64::from(low) && number <= f64::from(high);
    if !in_range || number.fract() != 0.0 {
        findings.push(out_of_range(name, "out of range", low, high));
        return default;
    }
    number as u32
}

fn out_of_range(name: &'static str, what: &str, low: u32, high: u32) -> Finding {
    Finding {
        code: Code::OptionInvalid,
        severity: Severity::Error,
        field: name,
        message: format!("{name} must be a whole number of milliseconds; it is {what}."),
        hint: format!(
            "Use a number from {} to {}, or leave it out for the default.",
            low, high
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options<'a>(pairs: &'a [(&'a str, Value)]) -> (Vec<String>, impl Fn(&str) -> Value + 'a) {
        let keys = pairs.iter().map(|(k, _)| k.to_string()).collect();
        let get = move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or(Value::Missing)
        };
        (keys, get)
    }

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    fn plan_of(pairs: &[(&str, Value)]) -> Result<Plan, Vec<Finding>> {
        let (keys, get) = options(pairs);
        let (settings, load, sign_in, findings) = check_options(&keys, get);
        plan(&settings, load, sign_in, findings)
    }

    #[test]
    fn sso_login_url_goes_to_streams_unchanged() {
        let sso = "https://example.okta.com/app/amazon_aws/exk1/sso/saml?RelayState=https%3A%2F%2F\
                   us-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F3f1c9a52-7e4b-4d2a-9b61-0c8e5f2d7a94%3Fdestination%3D%252Fccp-v2";
        let plan = plan_of(&[
            ("instanceUrl", text("https://demo.my.connect.aws")),
            ("ssoLoginUrl", text(sso)),
            ("username", text("agent.smith")),
        ])
        .unwrap();
        assert_eq!(plan.login_url.as_deref(), Some(sso));
        assert_eq!(plan.mode, LoginMode::Sso);
        assert_eq!(plan.ccp_url, "https://demo.my.connect.aws/ccp-v2/");
        assert_eq!(plan.ccp_load_timeout_ms, DEFAULT_CCP_LOAD_TIMEOUT_MS);
        assert_eq!(plan.sign_in_timeout_ms, DEFAULT_SIGN_IN_TIMEOUT_MS);
    }

    #[test]
    fn an_empty_sso_login_url_means_the_connect_login() {
        for sso in [Value::Missing, text(""), text("   ")] {
            let plan = plan_of(&[
                ("instanceUrl", text("https://demo.my.connect.aws")),
                ("ssoLoginUrl", sso),
            ])
            .unwrap();
            assert_eq!(plan.login_url, None);
            assert_eq!(plan.mode, LoginMode::ConnectLogin);
        }
    }

    #[test]
    fn a_missing_instance_url_is_refused_naming_the_field() {
        let findings = plan_of(&[("username", text("a.b"))]).unwrap_err();
        let f = findings.iter().find(|f| f.field == "instanceUrl").unwrap();
        assert_eq!(f.code, Code::InstanceUrlInvalid);
        assert_eq!(f.severity, Severity::Error);
    }

    #[test]
    fn a_misspelt_option_is_an_error_naming_the_right_one() {
        let findings = plan_of(&[
            ("instanceUrl", text("https://demo.my.connect.aws")),
            ("ssoLoginURL", text("https://idp.example.com/sso")),
        ])
        .unwrap_err();
        assert_eq!(findings[0].code, Code::OptionUnknown);
        assert_eq!(findings[0].field, "ssoLoginUrl");
        assert!(findings[0].hint.contains("\u{201c}ssoLoginUrl\u{201d}"));

        let findings = plan_of(&[
            ("instanceUrl", text("https://demo.my.connect.aws")),
            ("usernme", text("a.b")),
        ])
        .unwrap_err();
        assert_eq!(findings[0].field, "username");

        // Other spellings of the SSO Login URL would silently turn SSO off: all refused.
        for key in [
            "loginUrl",
            "sso_login_url",
            "sso-login-url",
            "ssoUrl",
            "SSO_LOGIN_URL",
        ] {
            let findings = plan_of(&[
                ("instanceUrl", text("https://demo.my.connect.aws")),
                (key, text("https://idp.example.com/sso")),
            ])
            .unwrap_err();
            assert_eq!(findings[0].field, "ssoLoginUrl", "{key}");
            assert_eq!(findings[0].severity, Severity::Error, "{key}");
        }
    }

    #[test]
    fn an_unrelated_unknown_option_is_only_a_warning() {
        let plan = plan_of(&[
            ("instanceUrl", text("https://demo.my.connect.aws")),
            ("theme", text("dark")),
        ])
        .unwrap();
        assert_eq!(plan.findings.len(), 1);
        assert_eq!(plan.findings[0].severity, Severity::Warning);
        assert!(plan.findings[0].message.contains("\u{201c}theme\u{201d}"));
    }

    #[test]
    fn wrong_types_are_refused() {
        let findings = plan_of(&[
            ("instanceUrl", Value::Number(5.0)),
            ("username", Value::Other("object")),
        ])
        .unwrap_err();
        let fields: Vec<&str> = findings
            .iter()
            .filter(|f| f.code == Code::OptionInvalid)
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["instanceUrl", "username"]);
        assert!(findings[0].message.contains("not a number"));
    }

    #[test]
    fn timeouts_are_whole_milliseconds_in_range() {
        let base = ("instanceUrl", text("https://demo.my.connect.aws"));
        let plan = plan_of(&[
            base.clone(),
            ("ccpLoadTimeoutMs", Value::Number(1500.0)),
            ("signInTimeoutMs", Value::Number(4000.0)),
        ])
        .unwrap();
        assert_eq!(
            (plan.ccp_load_timeout_ms, plan.sign_in_timeout_ms),
            (1500, 4000)
        );

        for bad in [
            Value::Number(f64::NAN),
            Value::Number(f64::INFINITY),
            Value::Number(-1.0),
            Value::Number(0.0),
            Value::Number(1500.5),
            Value::Number(1e12),
            text("5000"),
            Value::Other("boolean"),
        ] {
            let findings =
                plan_of(&[base.clone(), ("ccpLoadTimeoutMs", bad.clone())]).expect_err("refused");
            assert_eq!(findings[0].field, "ccpLoadTimeoutMs", "{bad:?}");
            assert!(findings[0].hint.contains("500 to 120000"));
        }
    }

    #[test]
    fn close_spelling_allows_one_edit() {
        assert!(close_spelling("username", "usernam"));
        assert!(close_spelling("username", "usernamee"));
        assert!(close_spelling("username", "usermame"));
        assert!(!close_spelling("username", "user"));
        assert!(!close_spelling("region", "legion2"));
    }
}
