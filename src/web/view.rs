//! The component's own DOM inside the host's container: a status line with an action button,
//! and the element Streams puts the CCP iframe into.
//!
//! The container keeps `data-softphone-state` in step with the sign-in phase, so host pages
//! and tests can follow it without subscribing to events.

use crate::core::signin::{Action, Phase};
use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

const ROOT_STYLE: &str = "display:flex;flex-direction:column;width:100%;height:100%;\
                          min-height:0;box-sizing:border-box;font:inherit";
const STATUS_STYLE: &str = "display:flex;align-items:center;gap:.5em;padding:.5em .75em;\
                            flex-wrap:wrap";
const CCP_STYLE: &str = "flex:1 1 auto;min-height:0;position:relative";
const PROGRESS_STYLE: &str = "flex:1 0 100%;height:4px";

/// The elements the component owns. Dropping the view does not remove them; `remove` does.
pub struct View {
    container: HtmlElement,
    root: Element,
    text: Element,
    /// An indeterminate progress bar while the softphone loads or the agent signs in.
    progress: HtmlElement,
    button: HtmlElement,
    ccp: HtmlElement,
    click: Option<EventListener>,
}

impl View {
    /// Builds the view inside `container`.
    pub fn new(container: &HtmlElement) -> Result<View, JsValue> {
        let document = container
            .owner_document()
            .ok_or_else(|| JsValue::from_str("the container is not in a document"))?;
        let root = element(&document, "div", "connect-softphone", ROOT_STYLE)?;
        let status = element(&document, "div", "connect-softphone__status", STATUS_STYLE)?;
        status.set_attribute("role", "status")?;
        status.set_attribute("aria-live", "polite")?;
        let text = element(
            &document,
            "span",
            "connect-softphone__message",
            "flex:1 1 12em",
        )?;
        let progress: HtmlElement = element(
            &document,
            "progress",
            "connect-softphone__progress",
            PROGRESS_STYLE,
        )?
        .unchecked_into();
        progress.set_attribute("aria-label", "Signing in")?;
        let button: HtmlElement =
            element(&document, "button", "connect-softphone__action", "")?.unchecked_into();
        button.set_attribute("type", "button")?;
        button.set_hidden(true);
        let ccp: HtmlElement =
            element(&document, "div", "connect-softphone__ccp", CCP_STYLE)?.unchecked_into();
        ccp.set_hidden(true);

        status.append_child(&text)?;
        status.append_child(&progress)?;
        status.append_child(&button)?;
        root.append_child(&status)?;
        root.append_child(&ccp)?;
        container.append_child(&root)?;

        Ok(View {
            container: container.clone(),
            root,
            text,
            progress,
            button,
            ccp,
            click: None,
        })
    }

    /// Runs `on_action` each time the agent presses the action button.
    pub fn on_action(&mut self, mut on_action: impl FnMut() + 'static) {
        let listener = EventListener::new(&self.button, "click", move |_| on_action());
        self.click = Some(listener);
    }

    /// Whether the component's elements are still in the page.
    pub fn is_attached(&self) -> bool {
        self.root.is_connected()
    }

    /// The element Streams builds the CCP iframe in.
    pub fn ccp(&self) -> &HtmlElement {
        &self.ccp
    }

    /// Shows a phase, its message and the action the agent can take.
    pub fn show(&self, phase: Phase, message: &str, action: Action) {
        let _ = self
            .container
            .set_attribute("data-softphone-state", phase.as_str());
        self.text.set_text_content(Some(message));
        let _ = if phase == Phase::Error {
            self.text.set_attribute("role", "alert")
        } else {
            self.text.remove_attribute("role")
        };
        let busy = matches!(
            phase,
            Phase::Loading | Phase::SigningInSso | Phase::SigningInPopup
        );
        self.progress.set_hidden(!busy);
        self.button.set_hidden(action == Action::None);
        self.button.set_text_content(Some(action.label()));
        // The CCP is shown only to its own, signed-in agent.
        self.ccp.set_hidden(phase != Phase::Ready);
    }

    /// Removes the component's elements and the state attribute from the container.
    pub fn remove(&self) {
        self.root.remove();
        let _ = self.container.remove_attribute("data-softphone-state");
    }
}

fn element(document: &Document, tag: &str, class: &str, style: &str) -> Result<Element, JsValue> {
    let element = document.create_element(tag)?;
    element.set_class_name(class);
    if !style.is_empty() {
        element.set_attribute("style", style)?;
    }
    Ok(element)
}
