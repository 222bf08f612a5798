// <connect-softphone>: the softphone as a custom element.
import type {
  Softphone,
  SoftphoneConfig,
  StateEvent,
  AgentEvent,
  ContactEvent,
  ErrorEvent,
  Finding,
} from './index.js';

export declare class ConnectSoftphoneElement extends HTMLElement {
  /** The mounted softphone, or null before it mounts and after it is removed. */
  readonly softphone: Softphone | null;
  /** The configuration its attributes describe. */
  readonly config: Partial<SoftphoneConfig>;
}

declare global {
  interface HTMLElementTagNameMap {
    'connect-softphone': ConnectSoftphoneElement;
  }
  interface HTMLElementEventMap {
    'softphone-state': CustomEvent<StateEvent>;
    'softphone-agent': CustomEvent<AgentEvent>;
    'softphone-contact': CustomEvent<ContactEvent>;
    /** Also a refused mount: then `findings` lists what to change. */
    'softphone-error': CustomEvent<ErrorEvent & { findings?: Finding[] }>;
    'softphone-warning': CustomEvent<Finding>;
  }
}
