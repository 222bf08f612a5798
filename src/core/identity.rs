//! Identity: the workspace's user name, the SAML `RoleSessionName` and the Connect user name
//! must be one and the same string.
//!
//! AWS binds the federation token to `RoleSessionName` (the policy's `${aws:userid}` ends in
//! it), and Connect looks the user up by that name, exactly and case-sensitively. A name
//! that differs in one character gives "Access Denied … not onboarded" on an AWS page inside
//! the login window, which the host page cannot read. So the names are checked here, and a
//! difference is explained in the terms a person can act on: only case, surrounding spaces,
//! an email address against a bare name, or a look-alike character.
//!
//! The rules:
//! - `RoleSessionName`: 2 to 64 characters, each a letter, a digit or one of `+=,.@_-`
//!   (IAM's `[\w+=,.@-]{2,64}`; `\w` is ASCII there);
//! - a Connect user name of an instance using SAML: letters, digits and `_-.@` only, up to
//!   64 characters (the CreateUser rules). `+`, `=` and `,` pass IAM but no Connect user can
//!   have them, so the name that must satisfy both has to avoid them.

use super::confusables;
use super::diagnose::{add, field};
use super::finding::{Code, Finding, Severity};
use super::lowercase::to_lowercase;
use super::text;

/// Why a name cannot be a `RoleSessionName` that matches a Connect user.
fn name_problem(name: &str) -> Option<(String, String)> {
    let len = name.chars().count();
    let trimmed =
        name.trim_matches(|c: char| c.is_whitespace() || confusables::imitates(c) == Some(None));
    if trimmed.len() != name.len() && !trimmed.is_empty() {
        return Some((
            "has spaces or invisible characters around it".into(),
            format!("Remove them: '{trimmed}'."),
        ));
    }
    if len < 2 {
        return Some((
            format!("is {len} character long; a RoleSessionName needs 2 to 64"),
            "Use the full user name.".into(),
        ));
    }
    if len > 64 {
        return Some((
            format!("is {len} characters long; a RoleSessionName has at most 64"),
            "Map a shorter attribute (such as the user principal name's local part) to \
             RoleSessionName and use the same for the Connect user."
                .into(),
        ));
    }
    for (i, c) in name.chars().enumerate() {
        let pos = i + 1;
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '_' | '-') {
            continue;
        }
        if matches!(c, '+' | '=' | ',') {
            return Some((
                format!(
                    "has '{c}' at position {pos}: allowed in a RoleSessionName but not in an \
                     Amazon Connect user name, so no Connect user can match it"
                ),
                "Use a name of letters, digits and . @ _ - only, in the IdP and in Connect.".into(),
            ));
        }
        let skeleton = confusables::skeleton(name);
        let fix = if skeleton != name
            && skeleton
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || text::has(".@_-", c))
        {
            format!("Retype it in plain ASCII: '{skeleton}'.")
        } else {
            "A RoleSessionName takes letters, digits and + = , . @ _ - only.".to_string()
        };
        return Some((
            format!(
                "has {} at position {pos}, which a RoleSessionName cannot contain",
                confusables::describe(c)
            ),
            fix,
        ));
    }
    None
}

/// Explains how two different names differ, or `None` if no simple explanation fits.
fn explain(a: &str, b: &str) -> String {
    if a.trim() == b.trim() {
        return "they differ only in spaces around them".into();
    }
    if to_lowercase(a) == to_lowercase(b) {
        // The first five differences.
        let mut positions = Vec::new();
        for (i, (x, y)) in a.chars().zip(b.chars()).enumerate() {
            if x != y && positions.len() < 5 {
                positions.push(format!("'{x}'/'{y}' at position {}", i + 1));
            }
        }
        return format!(
            "they differ only in case ({}), and the comparison is case-sensitive",
            text::join(&positions, ", ")
        );
    }
    if to_lowercase(a.trim()) == to_lowercase(b.trim()) {
        return "they differ in case and in spaces around them; the comparison is exact".into();
    }
    let (sa, sb) = (confusables::skeleton(a), confusables::skeleton(b));
    if sa == sb || to_lowercase(&sa) == to_lowercase(&sb) {
        let culprit = a
            .chars()
            .chain(b.chars())
            .find(|c| confusables::imitates(*c).is_some());
        let which = match culprit {
            Some(c) if text::has(a, c) => {
                format!("the workspace's name has {}", confusables::describe(c))
            }
            Some(c) => format!("the Connect user name has {}", confusables::describe(c)),
            None => "one of them has a look-alike character".into(),
        };
        return format!("they look the same, but {which}");
    }
    for (email, bare, which) in [(a, b, "workspace's name"), (b, a, "Connect user name")] {
        if let Some((local, domain)) = email.split_once('@') {
            if !text::has(bare, '@') && local.eq_ignore_ascii_case(bare) {
                return format!(
                    "the {which} is an email address ('@{domain}') and the other is the bare \
                     user name{}",
                    if local == bare {
                        ""
                    } else {
                        ", in another case too"
                    }
                );
            }
        }
    }
    let first = a
        .chars()
        .zip(b.chars())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.chars().count().min(b.chars().count()));
    format!("they first differ at character {}", first + 1)
}

/// Checks the user names; `connect_username` is given only by an admin (doctor).
pub fn check(username: &str, connect_username: &str, out: &mut Vec<Finding>) {
    let mut invalid = |field_name: &'static str, who: &str, name: &str| {
        if let Some((why, hint)) = name_problem(name) {
            add(
                out,
                Code::UsernameInvalid,
                Severity::Error,
                field_name,
                format!("The {who} '{name}' {why}."),
                hint,
            );
        }
    };
    if !username.is_empty() {
        invalid(field::USERNAME, "user name", username);
    }
    if !connect_username.is_empty() {
        invalid(
            field::CONNECT_USERNAME,
            "Connect user name",
            connect_username,
        );
    }
    if connect_username.is_empty() {
        return;
    }
    if username.is_empty() {
        add(
            out,
            Code::UsernameMissing,
            Severity::Warning,
            field::USERNAME,
            format!(
                "A Connect user name ('{connect_username}') was given to compare, but no \
                 workspace user name."
            ),
            "Give the name the agent signs in to the workspace with, which the identity \
             provider sends as RoleSessionName."
                .into(),
        );
        return;
    }
    if username != connect_username {
        add(
            out,
            Code::IdentityMismatch,
            Severity::Error,
            field::CONNECT_USERNAME,
            format!(
                "The workspace user name '{username}' and the Connect user name \
                 '{connect_username}' differ: {}. Amazon Connect would answer \"Access Denied \
                 … not onboarded\".",
                explain(username, connect_username)
            ),
            format!(
                "Make the Connect user name exactly the RoleSessionName the identity provider \
                 sends, '{}', or map RoleSessionName to the attribute that holds \
                 '{connect_username}'.",
                username.trim()
            ),
        );
    }
}
