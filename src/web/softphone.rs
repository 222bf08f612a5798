//! The mounted softphone: Streams, the sign-in state machine and the view, tied together.
//!
//! Everything Streams reports arrives through one closure subscribed to each event of
//! interest; the bus passes the event name as the second argument. The closure turns it into
//! an input of the pure state machine, carries out the step it returns and emits the
//! resulting events to the host. Events are emitted only after the state is released, so a
//! host listener may call back into the softphone (even `destroy`) without re-entering it.

use crate::core::config::{self, Plan, Value};
use crate::core::contacts::{agent_state_label, ContactTracker, STREAMS_CONTACT_EVENTS};
use crate::core::problem::ProblemCode;
use crate::core::signin::{Action, Input, LoginMode, Phase, SignIn, Step, Timer};
use crate::core::{Finding, Settings, Severity};
use crate::web::convert::{
    problem_value, to_js, AgentDetail, ContactDetail, DiagnoseResult, InitCcpParams, LiveContact,
    Snapshot, StateDetail,
};
use crate::web::streams::{self, field, text_field, Subscription};
use crate::web::view::View;
use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use js_sys::{Function, Object};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// How long after a login starts the component looks for the login window. Streams opens it
/// under a Web Lock, so it appears a moment after `ack_timeout`.
const LOGIN_WINDOW_CHECK_MS: u32 = 1_000;
/// The login window's size. Passing a size makes Streams open a window rather than a tab.
const LOGIN_WINDOW: (u32, u32) = (440, 620);
const LOGIN_WINDOW_FEATURES: &str = "width=440,height=620,top=0,left=0";
/// The window name Streams gives its login window; reusing it re-navigates that window.
const LOGIN_WINDOW_NAME: &str = "connect::loginPopup";

/// Streams events that drive the sign-in, beyond those with `connect.core.onX` helpers.
const SIGN_IN_EVENTS: [&str; 4] = [
    "ack_timeout",
    "terminated",
    "agent::refresh",
    "agent::state_change",
];

/// How often the softphone checks that its container is still in the page and, while the
/// agent signs in, whether the login window is still open.
const WATCH_MS: u32 = 1_000;
/// How often Streams reloads the CCP once a login has started (at most): a login at an IdP
/// with a session completes in well under a second, and the softphone is ready at the next
/// reload. Streams' own interval is its first-load wait, 5 seconds by default.
const SIGN_IN_RELOAD_MS: u32 = 1_000;

thread_local! {
    /// Streams is one global per page, so one softphone may be mounted at a time.
    static MOUNTED: Cell<bool> = const { Cell::new(false) };
    /// How deep the page is in Streams callbacks of the component: stopping Streams from
    /// inside one would pull its state away under its feet.
    static IN_STREAMS: Cell<u32> = const { Cell::new(0) };
}

type Shared = Rc<RefCell<Inner>>;
type Events = Vec<(&'static str, JsValue)>;

/// A softphone mounted in a container element.
#[wasm_bindgen]
pub struct Softphone {
    inner: Shared,
}

struct Inner {
    plan: Plan,
    signin: SignIn,
    contacts: ContactTracker,
    agent: Option<AgentDetail>,
    view: View,
    emit: Function,
    streams: Option<Running>,
    /// Counts the times Streams was started, so that a deferred stop stops the right one.
    generation: u32,
    sign_in_timer: Option<Timeout>,
    login_window_check: Option<Timeout>,
    /// The phase the host was last told of.
    told_phase: Phase,
    /// The agent state the host was last told of, so that each change is said once.
    told_agent_state: String,
    /// Checks the container and the login window every `WATCH_MS`.
    watch: Option<Interval>,
    /// Closes the login window when the page goes away mid-sign-in.
    _page_hide: Option<EventListener>,
    destroyed: bool,
}

/// Streams while it runs: the closure it calls and the subscriptions that hold it.
struct Running {
    subscriptions: Vec<Subscription>,
    _handler: Closure<dyn Fn(JsValue, JsValue)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        for subscription in &self.subscriptions {
            subscription.unsubscribe();
        }
    }
}

#[wasm_bindgen]
impl Softphone {
    /// Checks `options`, then mounts Streams in `container`. `emit(type, detail)` receives
    /// every event. Throws `{code, message, findings?}` and mounts nothing when it cannot.
    pub fn mount(
        container: HtmlElement,
        options: JsValue,
        emit: Function,
    ) -> Result<Softphone, JsValue> {
        // The configuration first: what to change in it is the most useful answer.
        let plan = read_plan(&options)?;
        if MOUNTED.with(Cell::get) {
            return Err(failure(
                ProblemCode::AlreadyMounted,
                "A softphone is already mounted in this page. Call destroy() on it first.",
            ));
        }
        if !container.is_connected() {
            return Err(failure(
                ProblemCode::ConfigInvalid,
                "The container element is not in the document. Insert it, then mount.",
            ));
        }
        if streams::connect().is_none() {
            return Err(failure(
                ProblemCode::StreamsMissing,
                "amazon-connect-streams is not loaded: the page has no global `connect`. Load \
                 connect-streams-min.js (npm package amazon-connect-streams) before mounting.",
            ));
        }
        if streams::is_initialized() {
            return Err(failure(
                ProblemCode::AlreadyMounted,
                "Streams already runs a CCP in this page (connect.core.initCCP was called). \
                 One CCP per page: remove the other one first.",
            ));
        }

        let view = View::new(&container)?;
        let warnings: Events = plan
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .map(|f| ("warning", to_js(f)))
            .collect();
        let inner = Rc::new(RefCell::new(Inner {
            signin: SignIn::new(plan.mode, &plan.username).with_site(&page_origin()),
            plan,
            contacts: ContactTracker::default(),
            agent: None,
            view,
            emit,
            streams: None,
            generation: 0,
            sign_in_timer: None,
            login_window_check: None,
            told_phase: Phase::Loading,
            told_agent_state: String::new(),
            watch: None,
            _page_hide: None,
            destroyed: false,
        }));
        let weak = Rc::downgrade(&inner);
        inner.borrow_mut().view.on_action(move || {
            if let Some(rc) = weak.upgrade() {
                act(&rc);
            }
        });
        if let Some(window) = web_sys::window() {
            let weak = Rc::downgrade(&inner);
            let listener = EventListener::new(&window, "pagehide", move |_| {
                // A login window must not outlive the page it signs in for.
                let signing_in = weak
                    .upgrade()
                    .is_some_and(|rc| rc.borrow().signin.phase() != Phase::Ready);
                if signing_in {
                    streams::close_login_window();
                }
            });
            inner.borrow_mut()._page_hide = Some(listener);
        }
        watch(&inner);
        inner.borrow().render();

        if let Err(error) = start_streams(&inner, true) {
            let inner = inner.borrow();
            inner.view.remove();
            return Err(failure(ProblemCode::StreamsFailed, &streams_error(&error)));
        }
        MOUNTED.with(|m| m.set(true));
        log("mounted, state loading");

        let mut events = warnings;
        events.insert(0, ("state", to_js(&StateDetail::new(Phase::Loading, None))));
        dispatch(&inner, events);
        Ok(Softphone { inner })
    }

    /// The current state: sign-in phase, agent, live contacts, problem and warnings.
    pub fn state(&self) -> JsValue {
        let inner = self.inner.borrow();
        to_js(&Snapshot {
            state: inner.signin.phase().as_str(),
            mode: mode_name(inner.plan.mode),
            ccp_url: &inner.plan.ccp_url,
            agent: inner.agent.as_ref(),
            contacts: inner
                .contacts
                .live()
                .into_iter()
                .map(|(contact_id, event)| LiveContact {
                    contact_id,
                    state: event.as_str(),
                })
                .collect(),
            problem: inner.signin.problem().map(|p| p.into()),
            findings: &inner.plan.findings,
        })
    }

    /// Tears Streams down and starts the sign-in over.
    pub fn retry(&self) {
        restart(&self.inner);
    }

    /// Opens the login window. Call it from a click: browsers let a click open a window
    /// that a timer may not. Returns whether the window opened.
    #[wasm_bindgen(js_name = openLogin)]
    pub fn open_login(&self) -> bool {
        open_login(&self.inner)
    }

    /// Signs in again after the session ended (`signed-out`).
    #[wasm_bindgen(js_name = signIn)]
    pub fn sign_in(&self) {
        restart(&self.inner);
    }

    /// Stops Streams, closes a login window it left open and removes the component's DOM.
    /// The softphone emits nothing afterwards.
    pub fn destroy(&self) {
        let mut inner = self.inner.borrow_mut();
        if inner.destroyed {
            return;
        }
        inner.destroyed = true;
        inner.watch = None;
        if IN_STREAMS.with(Cell::get) > 0 {
            // Called from a listener of an event Streams is still delivering: the softphone
            // goes now, Streams right after Streams is done. Until then the page counts as
            // having one, so that a new mount cannot start a second Streams.
            inner.sign_in_timer = None;
            inner.login_window_check = None;
            inner.streams = None;
            inner.view.remove();
            after_streams(|| {
                stop_streams_and_window();
                MOUNTED.with(|m| m.set(false));
            });
        } else {
            inner.stop_streams();
            inner.view.remove();
            MOUNTED.with(|m| m.set(false));
        }
        log("destroyed");
    }
}

/// Runs every check on `options` without mounting: `{ok, idp, ccpUrl, findings}`.
#[wasm_bindgen]
pub fn diagnose(options: JsValue) -> JsValue {
    let (settings, _, _, mut findings) = read_options(&options);
    let diagnosis = crate::core::diagnose(&settings);
    findings.extend(diagnosis.findings);
    let ok = !findings.iter().any(|f| f.severity == Severity::Error);
    to_js(&DiagnoseResult {
        ok,
        idp: diagnosis.idp,
        ccp_url: diagnosis.ccp_url.as_deref(),
        findings: &findings,
    })
}

impl Inner {
    /// Carries out a step of the state machine and returns the events it produced.
    fn apply(&mut self, weak: &Weak<RefCell<Inner>>, step: Step) -> Events {
        match step.timer {
            Timer::Keep => {}
            Timer::Cancel => self.sign_in_timer = None,
            Timer::Start => {
                let weak = weak.clone();
                let timer = Timeout::new(self.plan.sign_in_timeout_ms, move || {
                    feed(&weak, Input::SignInTimedOut);
                });
                self.sign_in_timer = Some(timer);
            }
        }
        if step.check_login_window {
            let weak = weak.clone();
            let check = Timeout::new(LOGIN_WINDOW_CHECK_MS, move || {
                let opened = streams::login_window().is_some();
                feed(&weak, Input::LoginWindow { opened });
            });
            self.login_window_check = Some(check);
        }
        if step.stop_streams {
            // This runs inside a Streams callback; Streams finishes its own work first. The
            // CCP is hidden from now on (the phase is no longer ready).
            let weak = weak.clone();
            let generation = self.generation;
            after_streams(move || {
                if let Some(rc) = weak.upgrade() {
                    let mut inner = rc.borrow_mut();
                    // Unless a listener started Streams over in the meantime.
                    if inner.generation == generation {
                        inner.stop_streams();
                    }
                }
            });
        }

        let mut events = Events::new();
        if let Some(phase) = step.phase {
            let previous = std::mem::replace(&mut self.told_phase, phase);
            log_phase(phase);
            events.push(("state", to_js(&StateDetail::new(phase, Some(previous)))));
            if phase == Phase::Ready {
                // Streams closes its login window on the CCP's first answer after a login; a
                // window the component opened, or one Streams missed, must not linger.
                streams::close_login_window();
                if let Some(agent) = &self.agent {
                    self.told_agent_state = agent.state.clone();
                    events.push(("agent", to_js(agent)));
                }
            }
        }
        if let Some(problem) = &step.problem {
            log_problem(problem.code);
            events.push((
                "error",
                problem_value(
                    problem.code.as_str(),
                    &problem.message,
                    problem.action,
                    None,
                ),
            ));
        }
        if step.phase.is_some() || step.problem.is_some() || step.render {
            self.render();
        }
        events
    }

    fn render(&self) {
        let phase = self.signin.phase();
        let (message, action) = match (phase, self.signin.problem()) {
            // In an error, after a sign-out, and for a hint while the agent signs in.
            (
                Phase::Error | Phase::SignedOut | Phase::SigningInSso | Phase::SigningInPopup,
                Some(problem),
            ) => (problem.message.clone(), problem.action),
            (Phase::Ready, _) => (ready_message(self.agent.as_ref()), Action::None),
            (Phase::Loading, _) => ("Loading the softphone\u{2026}".to_string(), Action::None),
            (Phase::SigningInSso, _) => (
                "Signing in to Amazon Connect with single sign-on\u{2026}".to_string(),
                Action::None,
            ),
            (Phase::SigningInPopup, _) => (
                "Sign in to Amazon Connect in the sign-in window.".to_string(),
                Action::None,
            ),
            (_, None) => (String::new(), Action::None),
        };
        self.view.show(phase, &message, action);
    }

    /// Stops Streams and removes its iframe; the view stays.
    fn stop_streams(&mut self) {
        self.sign_in_timer = None;
        self.login_window_check = None;
        if self.streams.take().is_none() {
            return;
        }
        stop_streams_and_window();
        self.view.ccp().set_inner_html("");
        self.contacts.clear();
        self.agent = None;
    }

    fn login_url(&self) -> &str {
        self.plan.login_url.as_deref().unwrap_or(&self.plan.ccp_url)
    }
}

/// Stops Streams and closes a login window it left open: it would sign in a session nobody
/// uses any more.
fn stop_streams_and_window() {
    streams::stop();
    streams::close_login_window();
}

/// Runs `f` once the current task is over: after Streams has finished delivering the event
/// the page is in. The closure is freed once it has run.
fn after_streams(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }
}

/// Starts the watch: the container must stay in the page; while the agent signs in, Streams
/// keeps reloading the CCP and a login window that reads as closed gets a hint.
fn watch(rc: &Shared) {
    let weak = Rc::downgrade(rc);
    let interval = Interval::new(WATCH_MS, move || {
        let Some(rc) = weak.upgrade() else {
            return;
        };
        let (attached, signing_in) = {
            let inner = rc.borrow();
            let phase = inner.signin.phase();
            (
                inner.view.is_attached(),
                matches!(phase, Phase::SigningInSso | Phase::SigningInPopup),
            )
        };
        let weak = Rc::downgrade(&rc);
        if !attached {
            rc.borrow_mut().watch = None;
            feed(&weak, Input::Detached);
            return;
        }
        if signing_in {
            streams::keep_reloading();
            if streams::login_window().is_some_and(|w| w.closed().unwrap_or(false)) {
                feed(&weak, Input::LoginWindowClosed);
            }
        }
    });
    rc.borrow_mut().watch = Some(interval);
}

fn ready_message(agent: Option<&AgentDetail>) -> String {
    match agent {
        Some(agent) if !agent.state.is_empty() => {
            let mut message = agent.name.clone();
            message.push_str(" \u{b7} ");
            message.push_str(agent_state_label(&agent.state));
            message
        }
        Some(agent) => agent.name.clone(),
        None => "Signed in to Amazon Connect.".to_string(),
    }
}

/// Initialises Streams in the view's CCP element and subscribes to its events. With
/// `login_popup` false Streams opens no login window: the component opened one already.
fn start_streams(rc: &Shared, login_popup: bool) -> Result<(), JsValue> {
    let weak = Rc::downgrade(rc);
    let handler = Closure::<dyn Fn(JsValue, JsValue)>::new(move |data: JsValue, name: JsValue| {
        if let Some(rc) = weak.upgrade() {
            IN_STREAMS.with(|depth| depth.set(depth.get() + 1));
            on_streams_event(
                &rc,
                &data,
                name.as_string().as_deref().unwrap_or("agent::init"),
            );
            IN_STREAMS.with(|depth| depth.set(depth.get().saturating_sub(1)));
        }
    });
    let (ccp, params) = {
        let inner = rc.borrow();
        let plan = &inner.plan;
        let params = InitCcpParams::new(
            &plan.ccp_url,
            plan.login_url.as_deref(),
            &plan.region,
            plan.ccp_load_timeout_ms,
            LOGIN_WINDOW,
            login_popup,
        );
        (inner.view.ccp().clone(), to_js(&params))
    };
    // Streams calls nothing back synchronously here, but no borrow is held in case it does.
    streams::init_ccp(&ccp, &params)?;
    let first_wait = rc.borrow().plan.ccp_load_timeout_ms;
    streams::set_reload_interval(first_wait.min(SIGN_IN_RELOAD_MS));

    let f: &Function = handler.as_ref().unchecked_ref();
    let mut subscriptions = vec![
        streams::on_initialized(f),
        streams::on_auth_fail(f),
        streams::on_access_denied(f),
        streams::on_iframe_retries_exhausted(f),
        streams::agent(f),
    ];
    let bus = streams::event_bus();
    for name in SIGN_IN_EVENTS.iter().chain(STREAMS_CONTACT_EVENTS.iter()) {
        subscriptions.push(bus.subscribe(name, f));
    }
    let mut inner = rc.borrow_mut();
    inner.generation = inner.generation.wrapping_add(1);
    inner.streams = Some(Running {
        subscriptions,
        _handler: handler,
    });
    Ok(())
}

/// Turns one Streams event into inputs and events.
fn on_streams_event(rc: &Shared, data: &JsValue, name: &str) {
    let weak = Rc::downgrade(rc);
    match name {
        "init" => feed(&weak, Input::Initialized),
        "ack_timeout" => feed(&weak, Input::LoginStarted),
        "auth_fail" => feed(&weak, Input::AuthFailed),
        "terminated" => feed(&weak, Input::Terminated),
        "access_denied" => feed(&weak, Input::AccessDenied),
        "iframe_retries_exhausted" => feed(&weak, Input::RetriesExhausted),
        "agent::init" | "agent::refresh" => on_agent(rc, data, None),
        "agent::state_change" => {
            let previous = text_field(data, "oldState");
            on_agent(rc, &field(data, "agent"), Some(previous));
        }
        _ => on_contact(rc, data, name),
    }
}

/// An agent snapshot: check who it is, then tell the host when its state changed.
fn on_agent(rc: &Shared, agent: &JsValue, previous: Option<String>) {
    let previous_given = previous.is_some();
    let configuration = streams::call(agent, "getConfiguration");
    let username = text_field(&configuration, "username");
    let state = streams::call(agent, "getState");
    let detail = AgentDetail {
        name: streams::call(agent, "getName")
            .as_string()
            .unwrap_or_default(),
        username: username.clone(),
        state: text_field(&state, "name"),
        state_type: text_field(&state, "type"),
        previous_state: previous,
    };
    let weak = Rc::downgrade(rc);
    let events = {
        let mut inner = rc.borrow_mut();
        if inner.destroyed {
            return;
        }
        let step = inner.signin.step(Input::AgentUpdated {
            username: &username,
        });
        if inner.signin.phase() != Phase::Ready {
            // Not the expected agent, or not signed in: nothing about it reaches the host.
            return dispatch_after(rc, inner, &weak, step);
        }
        let mut detail = detail;
        if let Some(known) = &inner.agent {
            // A snapshot without a change keeps the state the last change came from.
            if detail.previous_state.is_none() && known.state == detail.state {
                detail.previous_state = known.previous_state.clone();
            }
        }
        let is_change = previous_given && inner.told_agent_state != detail.state;
        inner.agent = Some(detail);
        let became_ready = step.phase == Some(Phase::Ready);
        let mut events = inner.apply(&weak, step);
        if is_change && !became_ready {
            let told = inner
                .agent
                .as_ref()
                .map(|agent| (agent.state.clone(), to_js(agent)));
            if let Some((state, detail)) = told {
                inner.told_agent_state = state;
                events.push(("agent", detail));
            }
            inner.render();
        }
        events
    };
    dispatch(rc, events);
}

/// Carries out a step while `inner` is borrowed, then emits its events once it is not.
fn dispatch_after(
    rc: &Shared,
    mut inner: std::cell::RefMut<'_, Inner>,
    weak: &Weak<RefCell<Inner>>,
    step: Step,
) {
    let events = inner.apply(weak, step);
    drop(inner);
    dispatch(rc, events);
}

/// A contact event: said to the host only for the expected, signed-in agent.
fn on_contact(rc: &Shared, contact: &JsValue, name: &str) {
    let contact_id = streams::call(contact, "getContactId")
        .as_string()
        .unwrap_or_default();
    let state = text_field(&streams::call(contact, "getState"), "type");
    let inbound = streams::call(contact, "isInbound")
        .as_bool()
        .unwrap_or(true);
    let events = {
        let mut inner = rc.borrow_mut();
        if inner.destroyed || inner.signin.phase() != Phase::Ready {
            return;
        }
        let said = inner
            .contacts
            .on_streams_event(name, &contact_id, inbound, &state);
        if said.is_empty() {
            return;
        }
        let connection = streams::call(contact, "getInitialConnection");
        let endpoint = streams::call(&connection, "getEndpoint");
        let kind = streams::call(contact, "getType")
            .as_string()
            .unwrap_or_default();
        let phone_number = field(&endpoint, "phoneNumber").as_string();
        said.into_iter()
            .map(|event| {
                let detail = ContactDetail {
                    event: event.as_str(),
                    contact_id: contact_id.clone(),
                    kind: kind.clone(),
                    phone_number: phone_number.clone(),
                };
                ("contact", to_js(&detail))
            })
            .collect::<Events>()
    };
    dispatch(rc, events);
}

/// Feeds one input to the state machine, carries out the step and emits its events.
fn feed(weak: &Weak<RefCell<Inner>>, input: Input<'_>) {
    let Some(rc) = weak.upgrade() else {
        return;
    };
    let events = {
        let mut inner = rc.borrow_mut();
        if inner.destroyed {
            return;
        }
        let step = inner.signin.step(input);
        inner.apply(weak, step)
    };
    dispatch(&rc, events);
}

/// Emits events to the host, after every borrow is released.
fn dispatch(rc: &Shared, events: Events) {
    if events.is_empty() {
        return;
    }
    let emit = rc.borrow().emit.clone();
    for (kind, detail) in events {
        if rc.borrow().destroyed {
            return;
        }
        let _ = emit.call2(&JsValue::NULL, &JsValue::from_str(kind), &detail);
    }
}

/// The action button: does what the current problem offers.
fn act(rc: &Shared) {
    let action = rc
        .borrow()
        .signin
        .problem()
        .map(|p| p.action)
        .unwrap_or(Action::None);
    match action {
        Action::None => {}
        Action::OpenLogin => {
            open_login(rc);
        }
        Action::Retry | Action::SignIn => restart(rc),
    }
}

/// Stops Streams and starts it again. Called from a click, the component opens the login
/// window at once (a click may, a timer may not) and Streams only reloads the CCP; if the
/// Connect session turns out to be alive, the window is closed when the softphone is ready.
fn restart(rc: &Shared) {
    let weak = Rc::downgrade(rc);
    let events = {
        let mut inner = rc.borrow_mut();
        if inner.destroyed || !inner.view.is_attached() {
            // Streams needs its container in the page; the agent tries again once it is.
            return;
        }
        inner.stop_streams();
        let step = inner.signin.restart();
        inner.apply(&weak, step)
    };
    log("restarting");
    dispatch(rc, events);
    if rc.borrow().watch.is_none() {
        watch(rc);
    }

    let opened = open_login_window(rc);
    match start_streams(rc, !opened) {
        Ok(()) if opened => feed(&weak, Input::LoginOpenedByAgent),
        Ok(()) => {}
        Err(error) => {
            let detail = text_field(&error, "message");
            feed(&weak, Input::StreamsFailed { detail: &detail });
        }
    }
}

fn open_login(rc: &Shared) -> bool {
    {
        let inner = rc.borrow();
        // Only while a login is under way or waits for the agent: a ready softphone needs none.
        let waiting = matches!(
            inner.signin.phase(),
            Phase::SigningInSso | Phase::SigningInPopup
        ) || inner.signin.problem().map(|p| p.action) == Some(Action::OpenLogin);
        if inner.streams.is_none() || !waiting {
            return false;
        }
    }
    let opened = open_login_window(rc);
    if opened {
        feed(&Rc::downgrade(rc), Input::LoginOpenedByAgent);
    }
    opened
}

/// Opens the login window and hands it to Streams, which closes it when the CCP answers.
/// Only from a user's action (a click): a window opened otherwise would be blocked or, with
/// a live session, flash open for nothing.
fn open_login_window(rc: &Shared) -> bool {
    let url = {
        let inner = rc.borrow();
        if inner.destroyed || !user_is_acting() {
            return false;
        }
        inner.login_url().to_string()
    };
    web_sys::window()
        .and_then(|w| {
            w.open_with_url_and_target_and_features(&url, LOGIN_WINDOW_NAME, LOGIN_WINDOW_FEATURES)
                .ok()
                .flatten()
        })
        .map(|window| streams::set_login_window(&window))
        .is_some()
}

/// The host page's origin (`location.origin`).
fn page_origin() -> String {
    text_field(&field(&js_sys::global(), "location"), "origin")
}

/// `navigator.userActivation.isActive`: true while the page handles a click or a key press.
/// Browsers without it are given the benefit of the doubt.
fn user_is_acting() -> bool {
    let navigator = field(&js_sys::global(), "navigator");
    let activation = field(&navigator, "userActivation");
    if !activation.is_object() {
        return true;
    }
    field(&activation, "isActive").as_bool().unwrap_or(true)
}

fn failure(code: ProblemCode, message: &str) -> JsValue {
    problem_value(code.as_str(), message, Action::None, None)
}

fn streams_error(error: &JsValue) -> String {
    let detail = text_field(error, "message");
    let mut message = String::from("amazon-connect-streams failed to start the CCP");
    if !detail.is_empty() {
        message.push_str(": ");
        message.push_str(&detail);
    }
    message.push('.');
    message
}

fn read_plan(options: &JsValue) -> Result<Plan, JsValue> {
    let (settings, load, sign_in, findings) = read_options(options);
    config::plan(&settings, load, sign_in, findings).map_err(|findings| {
        let errors = findings.iter().filter(|f| f.severity == Severity::Error);
        let mut message = String::from("The softphone configuration is invalid");
        if let Some(first) = errors.clone().next() {
            message.push_str(": ");
            message.push_str(first.field);
            message.push_str(": ");
            message.push_str(&first.message);
        } else {
            message.push('.');
        }
        problem_value(
            ProblemCode::ConfigInvalid.as_str(),
            &message,
            Action::None,
            Some(&findings),
        )
    })
}

/// Reads the options object the way `config::check_options` wants it.
fn read_options(options: &JsValue) -> (Settings, u32, u32, Vec<Finding>) {
    let keys: Vec<String> = if options.is_object() {
        Object::keys(options.unchecked_ref::<Object>())
            .iter()
            .filter_map(|k| k.as_string())
            .collect()
    } else {
        Vec::new()
    };
    config::check_options(&keys, |name| {
        // Own properties only: one inherited from Object.prototype is no configuration.
        let own = options.is_object()
            && Object::has_own(options.unchecked_ref::<Object>(), &JsValue::from_str(name));
        if !own {
            return Value::Missing;
        }
        let Ok(value) = js_sys::Reflect::get(options, &JsValue::from_str(name)) else {
            return Value::Other("value whose getter throws");
        };
        if value.is_undefined() || value.is_null() {
            Value::Missing
        } else if let Some(s) = value.as_string() {
            Value::Text(s)
        } else if let Some(n) = value.as_f64() {
            Value::Number(n)
        } else if value.is_function() {
            Value::Other("function")
        } else if value.is_object() {
            Value::Other("object")
        } else {
            Value::Other("boolean")
        }
    })
}

fn mode_name(mode: LoginMode) -> &'static str {
    match mode {
        LoginMode::Sso => "sso",
        LoginMode::ConnectLogin => "connect-login",
    }
}

fn log(what: &str) {
    web_sys::console::info_2(
        &JsValue::from_str("connect-softphone:"),
        &JsValue::from_str(what),
    );
}

fn log_phase(phase: Phase) {
    log(phase.as_str());
}

fn log_problem(code: ProblemCode) {
    web_sys::console::warn_2(
        &JsValue::from_str("connect-softphone: problem"),
        &JsValue::from_str(code.as_str()),
    );
}
