//! The sign-in state machine.
//!
//! Streams signs the agent in by itself: it loads the CCP in an iframe, opens a login window
//! when the CCP does not acknowledge in time, and reloads the iframe until it does. What it
//! does not do is tell the agent what is going on, notice a login that will never finish, or
//! notice that the Connect session belongs to someone else. This machine turns what the skin
//! observes of Streams into the component's sign-in phases and problems. It owns no timer and
//! no DOM: each step returns what the skin must do, so every transition is tested natively.

use super::problem::ProblemCode;

/// Where the sign-in stands. The names are the values of `data-softphone-state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The CCP is loading; no login has been needed yet.
    Loading,
    /// The login window shows the identity provider (SSO Login URL set).
    SigningInSso,
    /// The login window shows the standard Amazon Connect login (no SSO Login URL).
    SigningInPopup,
    /// The CCP is live and the agent is the expected user.
    Ready,
    /// The Connect session ended (expiry or logout); signing in again takes a click.
    SignedOut,
    /// Sign-in cannot go on by itself; `SignIn::problem` says why.
    Error,
}

impl Phase {
    /// The phase as the host sees it in events and in `data-softphone-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Loading => "loading",
            Phase::SigningInSso => "signing-in-sso",
            Phase::SigningInPopup => "signing-in-popup",
            Phase::Ready => "ready",
            Phase::SignedOut => "signed-out",
            Phase::Error => "error",
        }
    }
}

/// How the agent signs in, fixed by the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginMode {
    /// Through the identity provider: Streams gets the SSO Login URL as `loginUrl`.
    Sso,
    /// Through the standard Amazon Connect login page.
    ConnectLogin,
}

/// What the agent can do about a problem; the skin shows it as a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing the agent can do from here.
    None,
    /// Open the login window from a click (a blocked or missing login window).
    OpenLogin,
    /// Start over: tear Streams down and initialise it again.
    Retry,
    /// Sign in again after the session ended.
    SignIn,
}

impl Action {
    /// The name of the action in the component's API (`softphone.retry()` and so on).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::None => "none",
            Action::OpenLogin => "open-login",
            Action::Retry => "retry",
            Action::SignIn => "sign-in",
        }
    }

    /// The button label shown to the agent.
    pub fn label(self) -> &'static str {
        match self {
            Action::None => "",
            Action::OpenLogin => "Open sign-in window",
            Action::Retry => "Try again",
            Action::SignIn => "Sign in",
        }
    }
}

/// Something the agent must be told, with a stable code for programs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: ProblemCode,
    pub message: String,
    pub action: Action,
}

/// What the skin observed of Streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input<'a> {
    /// Streams timed out waiting for the CCP and started a login (`ack_timeout`).
    LoginStarted,
    /// Shortly after a login started: whether Streams got a login window.
    LoginWindow { opened: bool },
    /// The agent opened the login window from the component's button.
    LoginOpenedByAgent,
    /// The CCP acknowledged for the first time (`init`).
    Initialized,
    /// An agent snapshot arrived; `username` is its Amazon Connect user name.
    AgentUpdated { username: &'a str },
    /// The CCP reported that the session is no longer valid (`auth_fail`).
    AuthFailed,
    /// The agent logged out of the CCP (`terminated`).
    Terminated,
    /// The CCP loaded, but the user may not use it (`access_denied`).
    AccessDenied,
    /// Streams stopped reloading the CCP iframe (`iframe_retries_exhausted`).
    RetriesExhausted,
    /// The sign-in timer started by `Timer::Start` ran out.
    SignInTimedOut,
    /// The login window reads as closed while the sign-in is still under way. It may have
    /// been closed by the agent, or a `Cross-Origin-Opener-Policy` of the identity provider may
    /// hide it while it is open: so this is only a hint.
    LoginWindowClosed,
    /// The container left the document: the CCP iframe in it no longer works.
    Detached,
    /// Streams threw while the component started it; `detail` is its message.
    StreamsFailed { detail: &'a str },
}

/// What the skin must do with the sign-in timer after a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    Keep,
    /// (Re)start the sign-in timer of `sign_in_timeout`.
    Start,
    Cancel,
}

/// The result of one step: everything the skin has to carry out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The new phase, when it changed.
    pub phase: Option<Phase>,
    /// A problem to report (as an `error` event), when one arose.
    pub problem: Option<Problem>,
    pub timer: Timer,
    /// Stop Streams and remove the CCP: it must not stay live for the wrong user.
    pub stop_streams: bool,
    /// Check in a moment whether Streams opened a login window.
    pub check_login_window: bool,
    /// The message shown changed without a new phase or problem event (a hint).
    pub render: bool,
}

impl Step {
    fn none() -> Step {
        Step {
            phase: None,
            problem: None,
            timer: Timer::Keep,
            stop_streams: false,
            check_login_window: false,
            render: false,
        }
    }
}

/// The sign-in of one mounted softphone.
#[derive(Clone, Debug)]
pub struct SignIn {
    mode: LoginMode,
    /// The workspace's user name for the agent; empty when the host gave none.
    expected_username: String,
    phase: Phase,
    problem: Option<Problem>,
    /// The Connect user name of the last agent snapshot.
    agent_username: String,
    /// The host page's origin, which the instance must list as an approved origin.
    site: String,
}

impl SignIn {
    /// A sign-in that has just mounted Streams.
    pub fn new(mode: LoginMode, expected_username: &str) -> SignIn {
        SignIn {
            mode,
            expected_username: expected_username.to_string(),
            phase: Phase::Loading,
            problem: None,
            agent_username: String::new(),
            site: String::new(),
        }
    }

    /// Names the host page's origin in messages about approved origins.
    pub fn with_site(mut self, origin: &str) -> SignIn {
        self.site = origin.to_string();
        self
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn mode(&self) -> LoginMode {
        self.mode
    }

    /// The problem behind `Phase::Error` or `Phase::SignedOut`, if any.
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// The Connect user name of the signed-in agent, once known.
    pub fn agent_username(&self) -> &str {
        &self.agent_username
    }

    /// Starts over after the skin re-initialised Streams (`retry`).
    pub fn restart(&mut self) -> Step {
        self.problem = None;
        let mut step = self.enter(Phase::Loading);
        step.timer = Timer::Cancel;
        step
    }

    /// Feeds one observation in and says what to do.
    pub fn step(&mut self, input: Input<'_>) -> Step {
        match input {
            Input::LoginStarted => self.login_started(),
            Input::LoginWindow { opened } => self.login_window(opened),
            Input::LoginOpenedByAgent => {
                self.problem = None;
                let mut step = self.enter(self.signing_in_phase());
                step.timer = Timer::Start;
                step
            }
            Input::Initialized => {
                // The CCP is up; the agent snapshot follows at once. The login is over.
                let mut step = Step::none();
                step.timer = Timer::Cancel;
                step
            }
            Input::AgentUpdated { username } => self.agent_updated(username),
            Input::AuthFailed | Input::Terminated => self.signed_out(input),
            Input::LoginWindowClosed => {
                let signing_in = matches!(self.phase, Phase::SigningInSso | Phase::SigningInPopup);
                if !signing_in || self.problem.is_some() {
                    return Step::none();
                }
                self.problem = Some(Problem {
                    code: ProblemCode::LoginWindowClosed,
                    message: "The sign-in window is closed, and sign-in has not finished. If you \
                              closed it, select \u{201c}Open sign-in window\u{201d} to sign in."
                        .to_string(),
                    action: Action::OpenLogin,
                });
                let mut step = Step::none();
                step.render = true;
                step
            }
            Input::Detached => {
                let problem = Problem {
                    code: ProblemCode::ContainerDetached,
                    message: "The softphone was taken out of the page, and its connection to \
                              Amazon Connect with it. Select \u{201c}Try again\u{201d} once it \
                              is back in the page."
                        .to_string(),
                    action: Action::Retry,
                };
                self.fail(problem, true)
            }
            Input::StreamsFailed { detail } => {
                let mut message =
                    String::from("amazon-connect-streams failed to start the softphone");
                if !detail.is_empty() {
                    message.push_str(": ");
                    message.push_str(detail);
                }
                message.push('.');
                let problem = Problem {
                    code: ProblemCode::StreamsFailed,
                    message,
                    action: Action::Retry,
                };
                self.fail(problem, false)
            }
            Input::AccessDenied => {
                let problem = Problem {
                    code: ProblemCode::AccessDenied,
                    message: "Amazon Connect refused this user access to the softphone. Ask \
                              your administrator to check the user's security profile."
                        .to_string(),
                    action: Action::None,
                };
                self.fail(problem, false)
            }
            Input::RetriesExhausted => {
                if self.phase == Phase::Ready || self.phase == Phase::SignedOut {
                    return Step::none();
                }
                if self.phase == Phase::Error {
                    // Streams stopped reloading the CCP: automatic recovery is over, so the
                    // agent's way out is a retry, whatever the problem was.
                    if let Some(problem) = &mut self.problem {
                        if problem.action == Action::None {
                            problem.action = Action::Retry;
                        }
                    }
                    return Step::none();
                }
                let problem = self.incomplete_problem();
                self.fail(problem, false)
            }
            Input::SignInTimedOut => match self.phase {
                Phase::Loading | Phase::SigningInSso | Phase::SigningInPopup => {
                    let problem = self.incomplete_problem();
                    self.fail(problem, false)
                }
                _ => Step::none(),
            },
        }
    }

    fn signing_in_phase(&self) -> Phase {
        match self.mode {
            LoginMode::Sso => Phase::SigningInSso,
            LoginMode::ConnectLogin => Phase::SigningInPopup,
        }
    }

    fn enter(&mut self, phase: Phase) -> Step {
        let mut step = Step::none();
        if self.phase != phase {
            self.phase = phase;
            step.phase = Some(phase);
        }
        step
    }

    fn fail(&mut self, problem: Problem, stop_streams: bool) -> Step {
        let mut step = self.enter(Phase::Error);
        step.timer = Timer::Cancel;
        step.stop_streams = stop_streams;
        self.problem = Some(problem.clone());
        step.problem = Some(problem);
        step
    }

    fn login_started(&mut self) -> Step {
        match self.phase {
            // A login after the agent was signed in is Streams re-authenticating: the phases
            // below describe it the same way.
            Phase::Loading | Phase::SignedOut | Phase::Ready => {
                self.problem = None;
                let mut step = self.enter(self.signing_in_phase());
                step.timer = Timer::Start;
                step.check_login_window = true;
                step
            }
            Phase::SigningInSso | Phase::SigningInPopup | Phase::Error => Step::none(),
        }
    }

    fn login_window(&mut self, opened: bool) -> Step {
        let signing_in = matches!(self.phase, Phase::SigningInSso | Phase::SigningInPopup);
        if opened || !signing_in {
            return Step::none();
        }
        let problem = Problem {
            code: ProblemCode::LoginWindowBlocked,
            message: "The sign-in window did not open. The browser may have blocked it, or it \
                      is open in another tab. Select \u{201c}Open sign-in window\u{201d}, or \
                      allow pop-ups for this site."
                .to_string(),
            action: Action::OpenLogin,
        };
        // The sign-in is still under way (Streams keeps reloading the CCP), so the timer runs
        // on; only the phase says that the agent must act.
        let mut step = self.fail(problem, false);
        step.timer = Timer::Keep;
        step
    }

    fn agent_updated(&mut self, username: &str) -> Step {
        // Refused access stays refused until the agent starts over, whatever the CCP sends.
        if self.problem.as_ref().map(|p| p.code) == Some(ProblemCode::AccessDenied) {
            return Step::none();
        }
        if self.agent_username != username {
            self.agent_username = username.to_string();
        }
        let expected = self.expected_username.as_str();
        if !expected.is_empty() && username != expected {
            if self.problem.as_ref().map(|p| p.code) == Some(ProblemCode::IdentityMismatch) {
                return Step::none();
            }
            let problem = Problem {
                code: ProblemCode::IdentityMismatch,
                message: mismatch_message(expected, username),
                action: Action::Retry,
            };
            return self.fail(problem, true);
        }
        if self.phase == Phase::Ready {
            return Step::none();
        }
        self.problem = None;
        let mut step = self.enter(Phase::Ready);
        step.timer = Timer::Cancel;
        step
    }

    fn signed_out(&mut self, input: Input<'_>) -> Step {
        // Already told: the CCP may report the end of a session more than once.
        if self.phase == Phase::Error || self.phase == Phase::SignedOut {
            return Step::none();
        }
        let message = if input == Input::Terminated {
            "You signed out of Amazon Connect. Select \u{201c}Sign in\u{201d} to take calls again."
        } else {
            "Your Amazon Connect session has ended. Select \u{201c}Sign in\u{201d} to take calls \
             again."
        };
        let problem = Problem {
            code: if input == Input::Terminated {
                ProblemCode::SignedOut
            } else {
                ProblemCode::SessionExpired
            },
            message: message.to_string(),
            action: Action::SignIn,
        };
        let mut step = self.enter(Phase::SignedOut);
        step.timer = Timer::Cancel;
        self.problem = Some(problem.clone());
        step.problem = Some(problem);
        step
    }

    /// The message for a sign-in that did not finish. The login window's content cannot be
    /// read across origins, so it names what the workspace knows and the likely causes,
    /// without claiming which one it is.
    fn incomplete_problem(&self) -> Problem {
        let mut message = String::from("Sign-in to Amazon Connect did not complete.");
        let expected = self.expected_username.as_str();
        if !expected.is_empty() {
            message.push_str(" This workspace expects the Amazon Connect user name \u{201c}");
            message.push_str(expected);
            message.push_str(
                "\u{201d}: Amazon Connect user names must match it exactly, case included.",
            );
        }
        match self.mode {
            LoginMode::Sso => message.push_str(
                " If the sign-in window says \u{201c}Access denied\u{201d}, ask your \
                 administrator to check that user name in Amazon Connect and in the identity \
                 provider, and that the sign-in role allows connect:GetFederationToken.",
            ),
            LoginMode::ConnectLogin => message
                .push_str(" Sign in with your Amazon Connect user name in the sign-in window."),
        }
        // A login that worked but a CCP the page may not frame looks like this too: the
        // login window then shows the softphone itself.
        message
            .push_str(" If the sign-in window shows the softphone, ask your administrator to add ");
        if self.site.is_empty() {
            message.push_str("this site");
        } else {
            message.push_str("this site (");
            message.push_str(&self.site);
            message.push(')');
        }
        message.push_str(" to the approved origins of the Amazon Connect instance.");
        Problem {
            code: ProblemCode::SignInIncomplete,
            message,
            action: Action::Retry,
        }
    }
}

fn mismatch_message(expected: &str, actual: &str) -> String {
    let mut message = String::from("Amazon Connect is signed in as \u{201c}");
    message.push_str(actual);
    message.push_str("\u{201d}, but this workspace is signed in as \u{201c}");
    message.push_str(expected);
    message.push('\u{201d}');
    if actual.eq_ignore_ascii_case(expected) {
        message.push_str(
            " (the names differ only in case, and Amazon Connect user names are case-sensitive)",
        );
    }
    message.push_str(
        ". The softphone was stopped so that no call reaches the wrong agent. Sign out of \
         Amazon Connect in this browser, then select \u{201c}Try again\u{201d}.",
    );
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem_code(step: &Step) -> Option<ProblemCode> {
        step.problem.as_ref().map(|p| p.code)
    }

    #[test]
    fn seamless_sso_goes_loading_signing_in_ready() {
        let mut s = SignIn::new(LoginMode::Sso, "agent.smith");
        assert_eq!(s.phase(), Phase::Loading);

        let step = s.step(Input::LoginStarted);
        assert_eq!(step.phase, Some(Phase::SigningInSso));
        assert_eq!(step.timer, Timer::Start);
        assert!(step.check_login_window);

        assert_eq!(s.step(Input::LoginWindow { opened: true }), Step::none());
        assert_eq!(s.step(Input::Initialized).timer, Timer::Cancel);

        let step = s.step(Input::AgentUpdated {
            username: "agent.smith",
        });
        assert_eq!(step.phase, Some(Phase::Ready));
        assert_eq!(s.agent_username(), "agent.smith");
        assert!(s.problem().is_none());

        // Later snapshots change nothing.
        assert_eq!(
            s.step(Input::AgentUpdated {
                username: "agent.smith"
            }),
            Step::none()
        );
    }

    #[test]
    fn an_existing_session_is_ready_without_a_login() {
        let mut s = SignIn::new(LoginMode::Sso, "agent.smith");
        s.step(Input::Initialized);
        let step = s.step(Input::AgentUpdated {
            username: "agent.smith",
        });
        assert_eq!(step.phase, Some(Phase::Ready));
    }

    #[test]
    fn without_sso_the_login_is_the_connect_popup() {
        let mut s = SignIn::new(LoginMode::ConnectLogin, "");
        assert_eq!(
            s.step(Input::LoginStarted).phase,
            Some(Phase::SigningInPopup)
        );
        // No expected user name: any agent is accepted.
        assert_eq!(
            s.step(Input::AgentUpdated {
                username: "someone"
            })
            .phase,
            Some(Phase::Ready)
        );
    }

    #[test]
    fn a_stalled_sso_login_names_the_expected_user_name() {
        let mut s = SignIn::new(LoginMode::Sso, "agent.smith");
        s.step(Input::LoginStarted);
        let step = s.step(Input::SignInTimedOut);
        assert_eq!(step.phase, Some(Phase::Error));
        assert_eq!(problem_code(&step), Some(ProblemCode::SignInIncomplete));
        let problem = step.problem.unwrap();
        assert!(problem.message.contains("\u{201c}agent.smith\u{201d}"));
        assert!(problem
            .message
            .contains("must match it exactly, case included"));
        assert!(problem.message.contains("did not complete"));
        assert_eq!(problem.action, Action::Retry);
        // It does not stop Streams: the agent may still finish in the login window.
        assert!(!step.stop_streams);

        // Streams giving up later does not replace the message.
        assert_eq!(s.step(Input::RetriesExhausted), Step::none());
        assert_eq!(s.problem().unwrap().code, ProblemCode::SignInIncomplete);

        // A login that does finish late still reaches ready.
        s.step(Input::Initialized);
        let step = s.step(Input::AgentUpdated {
            username: "agent.smith",
        });
        assert_eq!(step.phase, Some(Phase::Ready));
        assert!(s.problem().is_none());
    }

    #[test]
    fn the_stall_message_names_the_site_for_the_approved_origins() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b").with_site("https://crm.example.com");
        s.step(Input::LoginStarted);
        let problem = s.step(Input::SignInTimedOut).problem.unwrap();
        assert!(problem
            .message
            .contains("add this site (https://crm.example.com) to the approved origins"));
    }

    #[test]
    fn the_stall_message_without_a_user_name_claims_no_name() {
        let mut s = SignIn::new(LoginMode::ConnectLogin, "");
        s.step(Input::LoginStarted);
        let problem = s.step(Input::SignInTimedOut).problem.unwrap();
        assert!(!problem.message.contains('\u{201c}'));
        assert!(problem.message.contains("did not complete"));
    }

    #[test]
    fn retries_exhausted_before_the_timer_is_an_incomplete_sign_in() {
        let mut s = SignIn::new(LoginMode::Sso, "agent.smith");
        s.step(Input::LoginStarted);
        let step = s.step(Input::RetriesExhausted);
        assert_eq!(problem_code(&step), Some(ProblemCode::SignInIncomplete));
        assert_eq!(step.timer, Timer::Cancel);
    }

    #[test]
    fn a_timer_after_ready_is_ignored() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        s.step(Input::LoginStarted);
        s.step(Input::AgentUpdated { username: "a.b" });
        assert_eq!(s.step(Input::SignInTimedOut), Step::none());
        assert_eq!(s.phase(), Phase::Ready);
    }

    #[test]
    fn a_session_of_another_user_stops_the_softphone() {
        let mut s = SignIn::new(LoginMode::Sso, "agent.smith");
        s.step(Input::Initialized);
        let step = s.step(Input::AgentUpdated {
            username: "Agent.Smith",
        });
        assert_eq!(step.phase, Some(Phase::Error));
        assert!(step.stop_streams);
        let problem = step.problem.unwrap();
        assert_eq!(problem.code, ProblemCode::IdentityMismatch);
        assert!(problem.message.contains("\u{201c}Agent.Smith\u{201d}"));
        assert!(problem.message.contains("\u{201c}agent.smith\u{201d}"));
        assert!(problem.message.contains("differ only in case"));

        // The same snapshot again reports nothing new.
        assert_eq!(
            s.step(Input::AgentUpdated {
                username: "Agent.Smith"
            }),
            Step::none()
        );
    }

    #[test]
    fn a_mismatch_of_different_names_does_not_mention_case() {
        let mut s = SignIn::new(LoginMode::Sso, "agent.smith");
        let problem = s
            .step(Input::AgentUpdated {
                username: "supervisor",
            })
            .problem
            .unwrap();
        assert!(!problem.message.contains("case"));
    }

    #[test]
    fn a_blocked_login_window_asks_for_a_click() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        s.step(Input::LoginStarted);
        let step = s.step(Input::LoginWindow { opened: false });
        assert_eq!(step.phase, Some(Phase::Error));
        assert_eq!(step.timer, Timer::Keep);
        assert_eq!(s.problem().unwrap().action, Action::OpenLogin);

        let step = s.step(Input::LoginOpenedByAgent);
        assert_eq!(step.phase, Some(Phase::SigningInSso));
        assert_eq!(step.timer, Timer::Start);
        assert!(s.problem().is_none());
    }

    #[test]
    fn session_expiry_signs_out_and_sign_in_returns_to_ready() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        s.step(Input::AgentUpdated { username: "a.b" });

        let step = s.step(Input::AuthFailed);
        assert_eq!(step.phase, Some(Phase::SignedOut));
        assert_eq!(problem_code(&step), Some(ProblemCode::SessionExpired));
        assert_eq!(s.problem().unwrap().action, Action::SignIn);
        // A second report of the same end says nothing new.
        assert_eq!(s.step(Input::AuthFailed), Step::none());
        assert_eq!(s.step(Input::Terminated), Step::none());

        // Signing in again starts over, with the login window the agent's click opened.
        assert_eq!(s.restart().phase, Some(Phase::Loading));
        let step = s.step(Input::LoginOpenedByAgent);
        assert_eq!(step.phase, Some(Phase::SigningInSso));
        assert_eq!(step.timer, Timer::Start);

        let step = s.step(Input::AgentUpdated { username: "a.b" });
        assert_eq!(step.phase, Some(Phase::Ready));
    }

    #[test]
    fn logout_is_signed_out_not_expired() {
        let mut s = SignIn::new(LoginMode::ConnectLogin, "");
        s.step(Input::AgentUpdated { username: "x.y" });
        let step = s.step(Input::Terminated);
        assert_eq!(problem_code(&step), Some(ProblemCode::SignedOut));
    }

    #[test]
    fn access_denied_is_an_error_without_action_until_retries_end() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        let step = s.step(Input::AccessDenied);
        assert_eq!(problem_code(&step), Some(ProblemCode::AccessDenied));
        assert_eq!(s.problem().unwrap().action, Action::None);
        s.step(Input::RetriesExhausted);
        assert_eq!(s.problem().unwrap().action, Action::Retry);
    }

    #[test]
    fn access_denied_is_not_undone_by_the_next_snapshot() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        s.step(Input::AgentUpdated { username: "a.b" });
        s.step(Input::AccessDenied);
        assert_eq!(
            s.step(Input::AgentUpdated { username: "a.b" }),
            Step::none()
        );
        assert_eq!(s.phase(), Phase::Error);
        assert_eq!(s.restart().phase, Some(Phase::Loading));
        assert_eq!(
            s.step(Input::AgentUpdated { username: "a.b" }).phase,
            Some(Phase::Ready)
        );
    }

    #[test]
    fn a_closed_login_window_is_a_hint_not_an_error() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        assert_eq!(s.step(Input::LoginWindowClosed), Step::none());
        s.step(Input::LoginStarted);
        let step = s.step(Input::LoginWindowClosed);
        assert!(step.render);
        assert_eq!(step.phase, None);
        assert_eq!(step.problem, None);
        assert_eq!(s.phase(), Phase::SigningInSso);
        assert_eq!(s.problem().unwrap().action, Action::OpenLogin);
        // The sign-in can still finish; then the hint is gone.
        assert_eq!(
            s.step(Input::AgentUpdated { username: "a.b" }).phase,
            Some(Phase::Ready)
        );
        assert!(s.problem().is_none());
    }

    #[test]
    fn a_detached_container_stops_streams() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        s.step(Input::AgentUpdated { username: "a.b" });
        let step = s.step(Input::Detached);
        assert_eq!(step.phase, Some(Phase::Error));
        assert!(step.stop_streams);
        assert_eq!(step.problem.unwrap().code, ProblemCode::ContainerDetached);
    }

    #[test]
    fn a_streams_failure_says_so_and_guesses_nothing() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        let step = s.step(Input::StreamsFailed { detail: "boom" });
        let problem = step.problem.unwrap();
        assert_eq!(problem.code, ProblemCode::StreamsFailed);
        assert!(problem.message.ends_with("softphone: boom."));
        assert!(!problem.message.contains("user name"));
    }

    #[test]
    fn restart_returns_to_loading() {
        let mut s = SignIn::new(LoginMode::Sso, "a.b");
        s.step(Input::AgentUpdated { username: "c.d" });
        let step = s.restart();
        assert_eq!(step.phase, Some(Phase::Loading));
        assert!(s.problem().is_none());
        assert_eq!(
            s.step(Input::AgentUpdated { username: "a.b" }).phase,
            Some(Phase::Ready)
        );
    }

    #[test]
    fn phase_names_are_the_documented_ones() {
        let names: Vec<&str> = [
            Phase::Loading,
            Phase::SigningInSso,
            Phase::SigningInPopup,
            Phase::Ready,
            Phase::SignedOut,
            Phase::Error,
        ]
        .iter()
        .map(|p| p.as_str())
        .collect();
        assert_eq!(
            names,
            [
                "loading",
                "signing-in-sso",
                "signing-in-popup",
                "ready",
                "signed-out",
                "error"
            ]
        );
    }
}
