//! The codes of runtime problems: what the component reports through its `error` event.
//! Configuration findings have codes of their own (`finding.rs`); where both name the same
//! idea (`identity-mismatch`) they use the same word.

/// A stable code for programs; the message that goes with it is for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemCode {
    /// The page has not loaded `amazon-connect-streams` (no global `connect`).
    StreamsMissing,
    /// The configuration has an `error` finding; nothing was mounted.
    ConfigInvalid,
    /// Streams is already running in this page (one CCP per page).
    AlreadyMounted,
    /// The login window did not open (blocked, or open in another tab).
    LoginWindowBlocked,
    /// The login did not finish in time, or Streams gave up reloading the CCP.
    SignInIncomplete,
    /// The Connect session belongs to another user than the workspace's.
    IdentityMismatch,
    /// The CCP refused the signed-in user (security profile).
    AccessDenied,
    /// The Connect session expired.
    SessionExpired,
    /// The agent logged out of the CCP.
    SignedOut,
    /// Streams threw while the component called it.
    StreamsFailed,
    /// The login window was closed before the sign-in finished (a hint).
    LoginWindowClosed,
    /// The container left the document while mounted.
    ContainerDetached,
}

impl ProblemCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::StreamsMissing => "streams-missing",
            ProblemCode::ConfigInvalid => "config-invalid",
            ProblemCode::AlreadyMounted => "already-mounted",
            ProblemCode::LoginWindowBlocked => "login-window-blocked",
            ProblemCode::SignInIncomplete => "sign-in-incomplete",
            ProblemCode::IdentityMismatch => "identity-mismatch",
            ProblemCode::AccessDenied => "access-denied",
            ProblemCode::SessionExpired => "session-expired",
            ProblemCode::SignedOut => "signed-out",
            ProblemCode::StreamsFailed => "streams-failed",
            ProblemCode::LoginWindowClosed => "login-window-closed",
            ProblemCode::ContainerDetached => "container-detached",
        }
    }
}
