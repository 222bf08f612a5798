//! The user names: `RoleSessionName` rules, and the workspace name against the Connect name.
#![cfg(not(target_arch = "wasm32"))]

use connect_softphone::core::{diagnose, Code, Finding, Settings, Severity};

fn names(username: &str, connect_username: &str) -> Vec<Finding> {
    let s = Settings {
        instance_url: "https://acme.my.connect.aws".into(),
        username: username.into(),
        connect_username: connect_username.into(),
        ..Settings::default()
    };
    diagnose(&s).findings
}

#[test]
fn valid_names_that_match_pass() {
    for name in [
        "jdoe",
        "j.doe@acme.com",
        "agent_01",
        "a-b",
        "ab",
        &"x".repeat(64),
    ] {
        let f = names(name, name);
        assert!(f.is_empty(), "{name}: {f:?}");
    }
    // Without a Connect user name, only the workspace name's rules are checked.
    assert!(names("jdoe", "").is_empty());
}

#[test]
fn names_breaking_the_role_session_name_rules_are_invalid() {
    let cases: &[(&str, &str)] = &[
        ("j", "1 character"),
        (&"x".repeat(65), "65 characters"),
        ("john doe", "position 5"),
        (" jdoe", "Remove them: 'jdoe'"),
        ("jdoe\u{200b}", "Remove them: 'jdoe'"),
        ("j\u{043e}hn", "U+043E, Cyrillic small letter o"),
        ("j\u{043e}hn", "'john'"),
        ("\u{ff4a}doe", "full-width"),
        ("jos\u{e9}", "U+00E9"),
        ("j.doe+agent@acme.com", "'+' at position 6"),
        ("a,b", "Connect user name"),
        ("jdoe/acme", "position 5"),
    ];
    for (name, says) in cases {
        let f = names(name, "");
        let f = f
            .iter()
            .find(|f| f.code == Code::UsernameInvalid)
            .unwrap_or_else(|| panic!("{name:?}"));
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.field, "username");
        let text = format!("{} {}", f.message, f.hint);
        assert!(text.contains(says), "{name:?}: {says:?} not in {text:?}");
    }
    // The Connect user name is held to the same rules, on its own field.
    let f = names("jdoe", "j doe");
    assert!(f
        .iter()
        .any(|f| f.code == Code::UsernameInvalid && f.field == "connectUsername"));
}

#[test]
fn a_difference_is_explained_precisely() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "JDoe",
            "jdoe",
            "only in case ('J'/'j' at position 1, 'D'/'d' at position 2)",
        ),
        ("jdoe", "jdoe ", "only in spaces"),
        ("JDoe", " jdoe", "in case and in spaces"),
        (
            "jdoe@acme.com",
            "jdoe",
            "workspace's name is an email address ('@acme.com')",
        ),
        (
            "jdoe",
            "jdoe@acme.com",
            "Connect user name is an email address",
        ),
        ("JDoe@acme.com", "jdoe", "in another case too"),
        (
            "john",
            "j\u{043e}hn",
            "Connect user name has 'о' (U+043E, Cyrillic small letter o",
        ),
        ("j\u{0430}ne", "jane", "workspace's name has 'а' (U+0430"),
        ("jdoe", "jsmith", "first differ at character 2"),
        ("jdoe", "jdoe2", "first differ at character 5"),
    ];
    for (a, b, says) in cases {
        let f = names(a, b);
        let f = f
            .iter()
            .find(|f| f.code == Code::IdentityMismatch)
            .unwrap_or_else(|| panic!("{a:?} {b:?}: {f:?}"));
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.field, "connectUsername");
        assert!(
            f.message.contains(says),
            "{a:?} vs {b:?}: {says:?} not in {:?}",
            f.message
        );
        assert!(f.message.contains("not onboarded"));
    }
}

#[test]
fn a_connect_name_without_a_workspace_name_is_a_warning() {
    let f = names("", "jdoe");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].code, f[0].severity, f[0].field),
        (Code::UsernameMissing, Severity::Warning, "username")
    );
}
