// connect-softphone: the npm entry. It loads the wasm once, mounts softphones and turns the
// component's events into subscriptions. The logic lives in the wasm; this file only adapts it
// to the way front-end code expects to use a component.
import init, { Softphone as WasmSoftphone, diagnose as wasmDiagnose } from '../pkg/connect_softphone.js';

let loading = null;
// A mounted softphone lives until `destroy()`, as any mounted component does, even when the
// host keeps no reference to it: its DOM and Streams are still in the page.
const mounted = new Set();
// Elements that cannot hold the softphone's own elements and the CCP iframe.
const CANNOT_HOLD = new Set(['input', 'textarea', 'select', 'img', 'iframe', 'video', 'audio', 'canvas', 'br', 'hr', 'embed', 'object', 'button']);

/**
 * Loads the wasm. `mount` and `diagnose` call it; call it yourself to load early, or to load
 * the wasm from another place (a URL, a Response or compiled module).
 */
export function load(source) {
  loading ??= init(source === undefined ? undefined : { module_or_path: source }).catch((error) => {
    // A failed load is not kept: the next call tries again (a network blip, a wrong URL).
    loading = null;
    throw new SoftphoneError({
      code: 'load-failed',
      message: `The softphone's WebAssembly could not be loaded: ${error.message}. Check that pkg/connect_softphone_bg.wasm is served next to pkg/connect_softphone.js, as application/wasm.`,
    });
  });
  return loading;
}

/** What `mount` throws when it mounts nothing; `code` says why, `findings` what to change. */
export class SoftphoneError extends Error {
  constructor({ code, message, findings }) {
    super(message);
    this.name = 'SoftphoneError';
    this.code = code;
    this.findings = findings ?? [];
  }
}

/** Checks a configuration without mounting: `{ok, idp, ccpUrl, findings}`. */
export async function diagnose(config) {
  await load();
  return wasmDiagnose(config ?? {});
}

/**
 * Mounts the softphone in `element`. Resolves to a `Softphone`, or rejects with a
 * `SoftphoneError` and leaves the element untouched.
 */
export async function mount(element, config) {
  if (!(element instanceof HTMLElement) || CANNOT_HOLD.has(element.localName)) {
    const what = element instanceof Element ? `an <${element.localName}>` : element === null ? 'null' : typeof element;
    throw new SoftphoneError({
      code: 'config-invalid',
      message: `mount() needs a container element, such as a <div>, as its first argument, not ${what}.`,
    });
  }
  await load();
  const listeners = new Map();
  // Events of the mount itself (the first state, configuration warnings) wait for the next
  // task, so that listeners added right after `await mount(...)` receive them.
  let queue = [];
  const deliver = (type, detail) => {
    for (const key of [type, '*']) {
      const set = listeners.get(key);
      if (!set) continue;
      for (const listener of [...set]) {
        // One removed by an earlier listener of this event (or by destroy()) hears no more.
        if (!set.has(listener)) continue;
        try {
          listener(detail, type);
        } catch (error) {
          // A listener's own error must not stop the softphone; the page still sees it.
          reportListenerError(error);
        }
      }
    }
  };
  const emit = (type, detail) => (queue ? queue.push([type, detail]) : deliver(type, detail));

  let wasm;
  try {
    wasm = WasmSoftphone.mount(element, config ?? {}, emit);
  } catch (thrown) {
    throw thrown instanceof Error ? thrown : new SoftphoneError(thrown);
  }
  setTimeout(() => {
    const pending = queue;
    queue = null;
    for (const [type, detail] of pending) deliver(type, detail);
  }, 0);
  const softphone = new Softphone(wasm, listeners);
  mounted.add(softphone);
  return softphone;
}

function reportListenerError(error) {
  if (typeof reportError === 'function') reportError(error);
  else setTimeout(() => { throw error; }, 0);
}

/** A mounted softphone. */
export class Softphone {
  #wasm;
  #listeners;

  constructor(wasm, listeners) {
    this.#wasm = wasm;
    this.#listeners = listeners;
  }

  /**
   * Calls `listener(detail, type)` for each event of `type` (`state`, `agent`, `contact`,
   * `error`, `warning`, or `*` for all). Returns a function that unsubscribes.
   */
  on(type, listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    const entry = (detail, kind) => listener(detail, kind);
    set.add(entry);
    return () => set.delete(entry);
  }

  /** The sign-in state: `loading`, `signing-in-sso`, `signing-in-popup`, `ready`, `signed-out`, `error`; `destroyed` after `destroy()`. */
  get state() {
    return this.#wasm ? this.#wasm.state().state : 'destroyed';
  }

  /** Everything the softphone knows now: state, agent, live contacts, problem, findings. */
  snapshot() {
    return this.#wasm ? this.#wasm.state() : { state: 'destroyed', agent: null, contacts: [], problem: null, findings: [] };
  }

  /** Stops Streams and starts the sign-in over. */
  retry() {
    this.#wasm?.retry();
  }

  /** Opens the sign-in window; call it from a click handler. Returns whether it opened. */
  openLogin() {
    return this.#wasm ? this.#wasm.openLogin() : false;
  }

  /** Signs in again after the Amazon Connect session ended (`signed-out`). */
  signIn() {
    this.#wasm?.signIn();
  }

  /** Stops Streams, closes a sign-in window it left open and removes the softphone's DOM. */
  destroy() {
    if (!this.#wasm) return;
    this.#wasm.destroy();
    this.#wasm.free();
    this.#wasm = null;
    // Emptied one by one, so that an event being delivered reaches no further listener.
    for (const set of this.#listeners.values()) set.clear();
    this.#listeners.clear();
    mounted.delete(this);
  }
}
