//! Bindings to the parts of `amazon-connect-streams` the component uses.
//!
//! Streams is a peer dependency: the host page loads it and it defines the global `connect`.
//! Every Streams call that can throw is bound with `catch`. Getters that read Streams' own
//! state go through [`field`], since Streams keeps it in plain properties of `connect.core`.

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// What `bus.subscribe` and the `connect.core.onX` helpers return.
    pub type Subscription;
    #[wasm_bindgen(method)]
    pub fn unsubscribe(this: &Subscription);

    /// `connect.EventBus`.
    pub type EventBus;
    #[wasm_bindgen(method)]
    pub fn subscribe(this: &EventBus, event: &str, f: &Function) -> Subscription;

    #[wasm_bindgen(catch, js_namespace = ["connect", "core"], js_name = initCCP)]
    pub fn init_ccp(container: &web_sys::Element, params: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = getEventBus)]
    pub fn event_bus() -> EventBus;
    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = onInitialized)]
    pub fn on_initialized(f: &Function) -> Subscription;
    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = onAuthFail)]
    pub fn on_auth_fail(f: &Function) -> Subscription;
    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = onAccessDenied)]
    pub fn on_access_denied(f: &Function) -> Subscription;
    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = onIframeRetriesExhausted)]
    pub fn on_iframe_retries_exhausted(f: &Function) -> Subscription;
    #[wasm_bindgen(js_namespace = connect, js_name = agent)]
    pub fn agent(f: &Function) -> Subscription;
    #[wasm_bindgen(js_namespace = connect, js_name = contact)]
    pub fn contact(f: &Function) -> Subscription;
    #[wasm_bindgen(catch, js_namespace = ["connect", "core"])]
    pub fn terminate() -> Result<(), JsValue>;
}

/// The global `connect`, when the page loaded Streams.
pub fn connect() -> Option<JsValue> {
    let connect = field(&js_sys::global(), "connect");
    connect.is_object().then_some(connect)
}

/// `connect.core`.
pub fn core() -> JsValue {
    connect()
        .map(|c| field(&c, "core"))
        .unwrap_or(JsValue::UNDEFINED)
}

/// `object[key]`, or `undefined` when `object` is not an object or the getter throws.
pub fn field(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() && !object.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A string field, or "" when it is missing or not a string.
pub fn text_field(object: &JsValue, key: &str) -> String {
    field(object, key).as_string().unwrap_or_default()
}

/// `object.method()`, or `undefined` when there is no such method or it throws.
pub fn call(object: &JsValue, method: &str) -> JsValue {
    match field(object, method).dyn_into::<Function>() {
        Ok(f) => f.call0(object).unwrap_or(JsValue::UNDEFINED),
        Err(_) => JsValue::UNDEFINED,
    }
}

/// Whether Streams has an initialised CCP in this page, whoever initialised it.
pub fn is_initialized() -> bool {
    field(&core(), "initialized").is_truthy()
}

/// Streams' login window (`connect.core.loginWindow`), if it holds one.
pub fn login_window() -> Option<web_sys::Window> {
    let window = field(&core(), "loginWindow");
    window.is_object().then(|| window.unchecked_into())
}

/// Hands a window the component opened to Streams, so that Streams closes it on the CCP's
/// acknowledgement as it closes its own.
pub fn set_login_window(window: &web_sys::Window) {
    let _ = Reflect::set(&core(), &JsValue::from_str("loginWindow"), window);
}

/// Sets how often Streams reloads the CCP while the agent signs in.
///
/// Streams uses `ccpLoadTimeout` twice: as the wait for the CCP's first answer, which it reads
/// once when `initCCP` starts, and as the interval of its reloads once a login has started,
/// which it reads from the same parameters object (`connect.initCCPParams`) each time it
/// schedules one. Changing it after `initCCP` keeps the patient first wait and reloads sooner
/// once the login window is open, so the CCP answers soon after the login completes.
pub fn set_reload_interval(ms: u32) {
    let params = field(&connect().unwrap_or(JsValue::UNDEFINED), "initCCPParams");
    if params.is_object() {
        let _ = Reflect::set(
            &params,
            &JsValue::from_str("ccpLoadTimeout"),
            &JsValue::from(ms),
        );
    }
}

/// Keeps Streams reloading the CCP: it gives up after ten reloads, which at a short interval
/// is less time than an agent may take at the identity provider's form. The component's own
/// sign-in timer decides when the sign-in did not complete.
pub fn keep_reloading() {
    let core = core();
    if field(&core, "iframeRefreshAttempt").is_truthy() {
        let _ = Reflect::set(
            &core,
            &JsValue::from_str("iframeRefreshAttempt"),
            &JsValue::from(0),
        );
    }
}

/// Closes Streams' login window, if one is open, and forgets it.
pub fn close_login_window() {
    if let Some(window) = login_window() {
        let _ = window.close();
        let _ = Reflect::set(&core(), &JsValue::from_str("loginWindow"), &JsValue::NULL);
    }
}

#[wasm_bindgen(inline_js = "
const noop = () => {};
const subscription = { unsubscribe: noop };
const listen = () => subscription;
export function detachedConduit() {
  return {
    name: 'connect-softphone:detached',
    upstream: { output: null, send: noop },
    sendUpstream: noop,
    sendDownstream: noop,
    onUpstream: listen,
    onDownstream: listen,
    onAllUpstream: listen,
    onAllDownstream: listen,
  };
}")]
extern "C" {
    /// A conduit that goes nowhere, for Streams' timers that outlive `terminate`.
    #[wasm_bindgen(js_name = detachedConduit)]
    fn detached_conduit() -> JsValue;
}

/// Stops what `connect.core.terminate` leaves running, then terminates.
///
/// `terminate` does not stop the keepalive loop: once the CCP iframe is gone, its next
/// acknowledgement timeout throws an uncaught `StateError` in the host page. Nor does it stop
/// the iframe refresh loop or the first-acknowledgement timer. Those are timers whose ids
/// Streams keeps on `connect.core` and its `keepaliveManager`, so they are cleared first.
/// Streams also starts timers whose ids it keeps nowhere (metrics published a second after
/// the CCP's first answer, among others) and which reach for `connect.core.getUpstream()`;
/// after `terminate` that throws. So the upstream becomes a detached conduit that drops what
/// it is sent, until the next `initCCP` replaces it.
pub fn stop() {
    let core = core();
    if core.is_undefined() {
        return;
    }
    let keepalive = field(&core, "keepaliveManager");
    clear_timer(&field(&keepalive, "ackTimer"));
    clear_timer(&field(&keepalive, "synTimer"));
    let ack = field(&keepalive, "ackSub");
    if ack.is_object() {
        ack.unchecked_into::<Subscription>().unsubscribe();
    }
    for timer in ["iframeRefreshTimeout", "ccpLoadTimeoutInstance"] {
        clear_timer(&field(&core, timer));
        let _ = Reflect::set(&core, &JsValue::from_str(timer), &JsValue::NULL);
    }
    let _ = terminate();
    let _ = Reflect::set(&core, &JsValue::from_str("upstream"), &detached_conduit());
}

fn clear_timer(id: &JsValue) {
    if let (Some(id), Some(window)) = (id.as_f64(), web_sys::window()) {
        window.clear_timeout_with_handle(id as i32);
    }
}
