//! The browser skin in headless Chromium, against the real `amazon-connect-streams` bundle.
//!
//! These tests need no stand-in: they check what the skin hands Streams, what it refuses
//! before mounting, what it shows, and that `destroy` leaves nothing behind. The whole
//! sign-in against the stand-ins is in `tests/e2e/`.
#![cfg(target_arch = "wasm32")]

use connect_softphone::web::softphone::Softphone;
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const STREAMS: &str =
    include_str!("../node_modules/amazon-connect-streams/release/connect-streams-min.js");
const SSO_LOGIN_URL: &str = "http://127.0.0.1:9/app/amazon_aws/exk1/sso/saml?RelayState=\
    http%3A%2F%2F127.0.0.1%3A9%2Fconnect%2Ffederate%2F5f5d8c3e-0d5a-4a4b-9d6e-3c1f2b7a9e10\
    %3Fdestination%3D%252Fccp-v2%252F";

/// Loads Streams into the page once, and records uncaught errors from then on.
fn setup() {
    let global = js_sys::global();
    if get(&global, "__streamsLoaded").is_truthy() {
        return;
    }
    Function::new_no_args(STREAMS)
        .call0(&JsValue::UNDEFINED)
        .unwrap();
    Function::new_no_args(
        "window.__pageErrors = [];
         window.addEventListener('error', (e) => window.__pageErrors.push(String(e.message)));
         window.addEventListener('unhandledrejection', (e) => window.__pageErrors.push(String(e.reason)));",
    )
    .call0(&JsValue::UNDEFINED)
    .unwrap();
    Reflect::set(&global, &"__streamsLoaded".into(), &JsValue::TRUE).unwrap();
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn page_errors() -> Vec<String> {
    Array::from(&get(&js_sys::global(), "__pageErrors"))
        .iter()
        .filter_map(|e| e.as_string())
        .collect()
}

fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    element
        .set_attribute("style", "width:320px;height:480px")
        .unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        Reflect::set(&object, &(*key).into(), value).unwrap();
    }
    object.into()
}

/// An `emit` function that records `[type, detail]` pairs.
fn recorder() -> (Function, Array) {
    let events = Array::new();
    let push = Function::new_with_args("events", "return (t, d) => events.push([t, d]);")
        .call1(&JsValue::UNDEFINED, &events)
        .unwrap()
        .unchecked_into();
    (push, events)
}

fn event_types(events: &Array) -> Vec<String> {
    events
        .iter()
        .map(|e| Array::from(&e).get(0).as_string().unwrap())
        .collect()
}

fn find_event(events: &Array, kind: &str) -> Option<JsValue> {
    events
        .iter()
        .map(|e| Array::from(&e))
        .find(|e| e.get(0).as_string().as_deref() == Some(kind))
        .map(|e| e.get(1))
}

fn streams_params() -> JsValue {
    get(&get(&js_sys::global(), "connect"), "initCCPParams")
}

/// `connect.core.initialized`: whether Streams runs a CCP in the page.
fn streams_initialized() -> bool {
    get(
        &get(&get(&js_sys::global(), "connect"), "core"),
        "initialized",
    )
    .is_truthy()
}

fn iframes(element: &HtmlElement) -> u32 {
    element.query_selector_all("iframe").unwrap().length()
}

#[wasm_bindgen_test]
async fn missing_streams_is_refused_and_nothing_is_mounted() {
    setup();
    let global = js_sys::global();
    let connect = get(&global, "connect");
    Reflect::delete_property(global.unchecked_ref::<Object>(), &"connect".into()).unwrap();

    let element = container();
    let (emit, events) = recorder();
    let result = Softphone::mount(
        element.clone(),
        options(&[("instanceUrl", "https://demo.my.connect.aws".into())]),
        emit,
    );
    Reflect::set(&global, &"connect".into(), &connect).unwrap();

    let error = result.err().expect("refused");
    assert_eq!(get(&error, "code").as_string().unwrap(), "streams-missing");
    assert!(get(&error, "message")
        .as_string()
        .unwrap()
        .contains("amazon-connect-streams"));
    assert_eq!(element.child_element_count(), 0);
    assert_eq!(events.length(), 0);
    element.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_configuration_is_refused_naming_the_field() {
    setup();
    let element = container();
    let (emit, _) = recorder();
    let result = Softphone::mount(
        element.clone(),
        options(&[
            ("instanceUrl", "https://demo.my.connect.aws".into()),
            ("ssoLoginURL", "https://idp.example.com/sso".into()),
        ]),
        emit,
    );
    let error = result.err().expect("refused");
    assert_eq!(get(&error, "code").as_string().unwrap(), "config-invalid");
    let message = get(&error, "message").as_string().unwrap();
    assert!(message.contains("ssoLoginUrl"), "{message}");
    let findings = Array::from(&get(&error, "findings"));
    let first = findings.get(0);
    assert_eq!(get(&first, "field").as_string().unwrap(), "ssoLoginUrl");
    assert_eq!(get(&first, "severity").as_string().unwrap(), "error");
    assert_eq!(element.child_element_count(), 0);
    assert!(!streams_initialized());
    element.remove();
}

#[wasm_bindgen_test]
async fn the_sso_login_url_reaches_streams_unchanged_and_destroy_cleans_up() {
    setup();
    let element = container();
    let (emit, events) = recorder();
    let softphone = Softphone::mount(
        element.clone(),
        options(&[
            ("instanceUrl", "http://127.0.0.1:9".into()),
            ("ssoLoginUrl", SSO_LOGIN_URL.into()),
            ("region", "us-east-1".into()),
            ("username", "agent.smith".into()),
            ("ccpLoadTimeoutMs", 60_000.into()),
        ]),
        emit,
    )
    .expect("mounted");

    let params = streams_params();
    assert_eq!(get(&params, "loginUrl").as_string().unwrap(), SSO_LOGIN_URL);
    assert_eq!(
        get(&params, "ccpUrl").as_string().unwrap(),
        "http://127.0.0.1:9/ccp-v2/"
    );
    assert_eq!(get(&params, "region").as_string().unwrap(), "us-east-1");
    assert!(get(&params, "loginPopupAutoClose").is_truthy());
    let login_options = get(&params, "loginOptions");
    assert!(get(&login_options, "autoClose").is_truthy());
    assert!(get(&login_options, "disableAuthPopupAfterLogout").is_truthy());
    assert!(get(&get(&params, "softphone"), "allowFramedSoftphone").is_truthy());

    assert_eq!(iframes(&element), 1);
    assert_eq!(
        element.get_attribute("data-softphone-state").as_deref(),
        Some("loading")
    );
    assert_eq!(
        get(&softphone.state(), "state").as_string().unwrap(),
        "loading"
    );
    assert_eq!(get(&softphone.state(), "mode").as_string().unwrap(), "sso");
    assert_eq!(event_types(&events), ["state"]);
    let state = find_event(&events, "state").unwrap();
    assert_eq!(get(&state, "state").as_string().unwrap(), "loading");

    softphone.destroy();
    assert_eq!(element.child_element_count(), 0);
    assert_eq!(element.get_attribute("data-softphone-state"), None);
    assert!(!streams_initialized());
    element.remove();
}

#[wasm_bindgen_test]
async fn without_an_sso_login_url_streams_gets_no_login_url() {
    setup();
    let element = container();
    let (emit, _) = recorder();
    let softphone = Softphone::mount(
        element.clone(),
        options(&[
            ("instanceUrl", "http://127.0.0.1:9/connect".into()),
            ("ssoLoginUrl", "".into()),
            ("ccpLoadTimeoutMs", 60_000.into()),
        ]),
        emit,
    )
    .expect("mounted");
    let params = streams_params();
    assert!(get(&params, "loginUrl").is_undefined());
    assert_eq!(
        get(&params, "ccpUrl").as_string().unwrap(),
        "http://127.0.0.1:9/connect/ccp-v2/"
    );
    assert_eq!(
        get(&softphone.state(), "mode").as_string().unwrap(),
        "connect-login"
    );
    softphone.destroy();
    element.remove();
}

#[wasm_bindgen_test]
async fn warnings_are_reported_as_events_and_kept_in_the_state() {
    setup();
    let element = container();
    let (emit, events) = recorder();
    let softphone = Softphone::mount(
        element.clone(),
        options(&[
            ("instanceUrl", "http://127.0.0.1:9".into()),
            ("ccpLoadTimeoutMs", 60_000.into()),
            ("theme", "dark".into()),
        ]),
        emit,
    )
    .expect("a warning does not stop the mount");
    let warning = find_event(&events, "warning").expect("a warning event");
    assert_eq!(get(&warning, "code").as_string().unwrap(), "option-unknown");
    assert_eq!(get(&warning, "severity").as_string().unwrap(), "warning");
    assert!(get(&warning, "message")
        .as_string()
        .unwrap()
        .contains("theme"));
    let findings = Array::from(&get(&softphone.state(), "findings"));
    assert!(findings
        .iter()
        .any(|f| get(&f, "code").as_string().as_deref() == Some("option-unknown")));
    softphone.destroy();
    element.remove();
}

#[wasm_bindgen_test]
async fn options_inherited_from_object_prototype_are_not_configuration() {
    setup();
    Function::new_no_args(
        "Object.prototype.ssoLoginUrl = 'https://evil.example/sso';
         Object.prototype.ccpUrl = 'https://evil.example/ccp-v2/';",
    )
    .call0(&JsValue::UNDEFINED)
    .unwrap();
    let element = container();
    let (emit, _) = recorder();
    let mounted = Softphone::mount(
        element.clone(),
        options(&[
            ("instanceUrl", "http://127.0.0.1:9".into()),
            ("ccpLoadTimeoutMs", 60_000.into()),
        ]),
        emit,
    );
    Function::new_no_args("delete Object.prototype.ssoLoginUrl; delete Object.prototype.ccpUrl;")
        .call0(&JsValue::UNDEFINED)
        .unwrap();
    let softphone = mounted.expect("mounted");
    let params = streams_params();
    assert_eq!(
        get(&params, "ccpUrl").as_string().unwrap(),
        "http://127.0.0.1:9/ccp-v2/"
    );
    assert!(!Object::has_own(
        params.unchecked_ref::<Object>(),
        &"loginUrl".into()
    ));
    assert_eq!(
        get(&softphone.state(), "mode").as_string().unwrap(),
        "connect-login"
    );
    softphone.destroy();
    element.remove();
}

#[wasm_bindgen_test]
async fn a_second_softphone_in_the_page_is_refused() {
    setup();
    let first_element = container();
    let (emit, _) = recorder();
    let base = || {
        options(&[
            ("instanceUrl", "http://127.0.0.1:9".into()),
            ("ccpLoadTimeoutMs", 60_000.into()),
        ])
    };
    let first = Softphone::mount(first_element.clone(), base(), emit.clone()).expect("mounted");
    let second_element = container();
    let error = Softphone::mount(second_element.clone(), base(), emit.clone())
        .err()
        .expect("refused");
    assert_eq!(get(&error, "code").as_string().unwrap(), "already-mounted");
    assert_eq!(second_element.child_element_count(), 0);

    // Once the first is gone, a new one mounts, and Streams starts again.
    first.destroy();
    let third = Softphone::mount(second_element.clone(), base(), emit).expect("mounted again");
    assert_eq!(iframes(&second_element), 1);
    third.destroy();
    first_element.remove();
    second_element.remove();
}

#[wasm_bindgen_test]
async fn a_blocked_login_window_asks_the_agent_to_open_it() {
    setup();
    let element = container();
    let (emit, events) = recorder();
    // Nothing answers at 127.0.0.1:9, so Streams times out and opens its login window from a
    // timer; this headless Chromium blocks such pop-ups.
    let softphone = Softphone::mount(
        element.clone(),
        options(&[
            ("instanceUrl", "http://127.0.0.1:9".into()),
            ("ssoLoginUrl", SSO_LOGIN_URL.into()),
            ("username", "agent.smith".into()),
            ("ccpLoadTimeoutMs", 500.into()),
        ]),
        emit,
    )
    .expect("mounted");
    TimeoutFuture::new(2_500).await;

    let states: Vec<String> = events
        .iter()
        .map(|e| Array::from(&e))
        .filter(|e| e.get(0).as_string().as_deref() == Some("state"))
        .map(|e| get(&e.get(1), "state").as_string().unwrap())
        .collect();
    assert_eq!(states, ["loading", "signing-in-sso", "error"]);
    let error = find_event(&events, "error").unwrap();
    assert_eq!(
        get(&error, "code").as_string().unwrap(),
        "login-window-blocked"
    );
    assert_eq!(get(&error, "action").as_string().unwrap(), "open-login");
    let button: HtmlElement = element
        .query_selector(".connect-softphone__action")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!button.hidden());
    assert_eq!(button.text_content().unwrap(), "Open sign-in window");
    assert_eq!(
        element.get_attribute("data-softphone-state").as_deref(),
        Some("error")
    );

    softphone.destroy();
    // Streams' timers (iframe reloads, keepalive) must not outlive the softphone.
    TimeoutFuture::new(1_500).await;
    assert_eq!(iframes(&element), 0);
    assert_eq!(page_errors(), Vec::<String>::new());
    element.remove();
}
