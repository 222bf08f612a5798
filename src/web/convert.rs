//! Every value that crosses to JavaScript, in one place: the `initCCP` parameters, the event
//! details, the state snapshot and thrown problems. Each is a plain serialisable struct
//! turned into a plain object by `serde-wasm-bindgen`; `None` becomes `null`.

use crate::core::signin::{Action, Phase, Problem};
use crate::core::{Finding, IdpFamily};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Converts to a plain JavaScript object (`null` for `None`, arrays for `Vec`).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// `connect.core.initCCP`'s second argument. Only plain data: Streams posts parts of it to
/// the CCP iframe, so it must survive structured cloning.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InitCcpParams<'a> {
    ccp_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    login_url: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    region: &'a str,
    login_popup: bool,
    login_popup_auto_close: bool,
    login_options: LoginOptions,
    softphone: SoftphoneParams,
    ccp_load_timeout: u32,
    /// The iframe's style: Streams' own (full size) without the browser's default border.
    style: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoginOptions {
    auto_close: bool,
    width: u32,
    height: u32,
    top: u32,
    left: u32,
    /// Without it Streams re-opens the login window by itself after a logout or session
    /// expiry, which with a live IdP session silently signs the agent back in and, with an
    /// ended one, loops. The component asks the agent instead (`signed-out`).
    disable_auth_popup_after_logout: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SoftphoneParams {
    allow_framed_softphone: bool,
}

impl<'a> InitCcpParams<'a> {
    pub fn new(
        ccp_url: &'a str,
        login_url: Option<&'a str>,
        region: &'a str,
        ccp_load_timeout: u32,
        (width, height): (u32, u32),
        login_popup: bool,
    ) -> Self {
        InitCcpParams {
            ccp_url,
            login_url,
            region,
            login_popup,
            login_popup_auto_close: true,
            login_options: LoginOptions {
                auto_close: true,
                width,
                height,
                top: 0,
                left: 0,
                disable_auth_popup_after_logout: true,
            },
            softphone: SoftphoneParams {
                allow_framed_softphone: true,
            },
            ccp_load_timeout,
            style: "width:100%;height:100%;border:0;display:block",
        }
    }
}

/// The `state` event.
#[derive(Serialize)]
pub struct StateDetail {
    state: &'static str,
    previous: Option<&'static str>,
}

impl StateDetail {
    pub fn new(state: Phase, previous: Option<Phase>) -> Self {
        StateDetail {
            state: state.as_str(),
            previous: previous.map(Phase::as_str),
        }
    }
}

/// The `agent` event, and `state().agent`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentDetail {
    pub name: String,
    pub username: String,
    /// The agent state's name, as the CCP shows it (`Available`, `Offline`, …).
    pub state: String,
    /// Its routing type: `routable`, `not_routable`, `offline`, …
    pub state_type: String,
    pub previous_state: Option<String>,
}

/// The `contact` event.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactDetail {
    pub event: &'static str,
    pub contact_id: String,
    /// `voice`, `chat`, `task`, …
    #[serde(rename = "type")]
    pub kind: String,
    pub phone_number: Option<String>,
}

/// `{code, message, action}` of a problem, as in the `error` event.
#[derive(Serialize)]
pub struct ProblemDetail<'a> {
    code: &'static str,
    message: &'a str,
    action: &'static str,
}

impl<'a> From<&'a Problem> for ProblemDetail<'a> {
    fn from(problem: &'a Problem) -> Self {
        ProblemDetail {
            code: problem.code.as_str(),
            message: &problem.message,
            action: problem.action.as_str(),
        }
    }
}

#[derive(Serialize)]
struct ProblemWithFindings<'a> {
    code: &'static str,
    message: &'a str,
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<&'a [Finding]>,
}

/// A problem as a plain object; with `findings` for a refused configuration.
pub fn problem_value(
    code: &'static str,
    message: &str,
    action: Action,
    findings: Option<&[Finding]>,
) -> JsValue {
    to_js(&ProblemWithFindings {
        code,
        message,
        action: action.as_str(),
        findings,
    })
}

/// What `softphone.state()` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot<'a> {
    pub state: &'static str,
    pub mode: &'static str,
    pub ccp_url: &'a str,
    pub agent: Option<&'a AgentDetail>,
    pub contacts: Vec<LiveContact<'a>>,
    pub problem: Option<ProblemDetail<'a>>,
    pub findings: &'a [Finding],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveContact<'a> {
    pub contact_id: &'a str,
    /// The last contact event said of it.
    pub state: &'static str,
}

/// What `diagnose` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnoseResult<'a> {
    pub ok: bool,
    pub idp: IdpFamily,
    pub ccp_url: Option<&'a str>,
    pub findings: &'a [Finding],
}
