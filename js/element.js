// <connect-softphone>: the softphone as a custom element, for pages that prefer markup to code.
//
//   <connect-softphone instance-url="https://acme.my.connect.aws"
//                      sso-login-url="https://acme.okta.com/app/amazon_aws/…/sso/saml?RelayState=…"
//                      username="agent.smith"></connect-softphone>
//
// It mounts when it enters the document and is destroyed when it leaves; a changed attribute
// mounts it again. Events bubble from the element as `softphone-state`, `softphone-agent`,
// `softphone-contact`, `softphone-error` and `softphone-warning`, with the detail of the
// package's events; `softphone-error` also carries mount failures (code `config-invalid`, …).
import { mount } from './index.js';

const ATTRIBUTES = {
  'instance-url': 'instanceUrl',
  'ccp-url': 'ccpUrl',
  'sso-login-url': 'ssoLoginUrl',
  region: 'region',
  'instance-id': 'instanceId',
  username: 'username',
  'ccp-load-timeout-ms': 'ccpLoadTimeoutMs',
  'sign-in-timeout-ms': 'signInTimeoutMs',
};
const NUMBERS = new Set(['ccpLoadTimeoutMs', 'signInTimeoutMs']);

export class ConnectSoftphoneElement extends HTMLElement {
  static observedAttributes = Object.keys(ATTRIBUTES);

  #softphone = null;
  #generation = 0;
  #scheduled = false;
  // Mounts run one after another: Streams allows one softphone per page at a time.
  #queue = Promise.resolve();

  /** The mounted `Softphone`, or null. */
  get softphone() {
    return this.#softphone;
  }

  /** The configuration the attributes describe. */
  get config() {
    const config = {};
    for (const [attribute, option] of Object.entries(ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value === null) continue;
      // Whole milliseconds in decimal; anything else goes through as text, and the softphone
      // says what is wrong with it.
      config[option] = NUMBERS.has(option) && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    }
    return config;
  }

  connectedCallback() {
    // A copy of a mounted element carries its state attribute; it is not mounted yet.
    if (!this.#softphone) this.removeAttribute('data-softphone-state');
    this.#schedule();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#softphone?.destroy();
    this.#softphone = null;
  }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.isConnected) this.#schedule();
  }

  // Attributes often change together: mount once, after the current task's changes.
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (!this.isConnected) return;
      const generation = ++this.#generation;
      this.#queue = this.#queue.then(() => this.#remount(generation));
    });
  }

  async #remount(generation) {
    if (generation !== this.#generation) return;
    this.#softphone?.destroy();
    this.#softphone = null;
    let softphone;
    try {
      softphone = await mount(this, this.config);
    } catch (error) {
      if (generation === this.#generation) {
        this.#dispatch('error', { code: error.code ?? 'streams-failed', message: error.message, action: 'none', findings: error.findings ?? [] });
      }
      return;
    }
    if (generation !== this.#generation) {
      softphone.destroy();
      return;
    }
    this.#softphone = softphone;
    softphone.on('*', (detail, type) => this.#dispatch(type, detail));
  }

  #dispatch(type, detail) {
    this.dispatchEvent(new CustomEvent(`softphone-${type}`, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get('connect-softphone')) {
  // A block with room for the CCP unless the page says otherwise (an unstyled custom element
  // is inline, and the CCP would get an iframe's default 150 pixels).
  const defaults = new CSSStyleSheet();
  defaults.replaceSync(':where(connect-softphone) { display: block; min-height: 480px; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, defaults];
  customElements.define('connect-softphone', ConnectSoftphoneElement);
}
