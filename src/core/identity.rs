//! Identity: the workspace's user name, the SAML `RoleSessionName` and the Connect user name.

use super::finding::Finding;

/// Checks the user names; `connect_username` is given only by an admin (doctor).
pub fn check(_username: &str, _connect_username: &str, _out: &mut Vec<Finding>) {}
