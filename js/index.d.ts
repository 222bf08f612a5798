// connect-softphone: the public API.

/** What a host passes to `mount` and `diagnose`. Only `instanceUrl` is required. */
export interface SoftphoneConfig {
  /** The Amazon Connect instance: `https://<alias>.my.connect.aws` or `https://<alias>.awsapps.com/connect`. */
  instanceUrl: string;
  /** Overrides the CCP URL derived from `instanceUrl` (`…/ccp-v2/`). */
  ccpUrl?: string;
  /**
   * The identity provider's IdP-initiated SAML URL, whose RelayState points at the Connect
   * federation endpoint. Passed to Streams unchanged. Empty or missing: the standard Amazon
   * Connect login.
   */
  ssoLoginUrl?: string;
  /** The instance's AWS region, e.g. `us-east-1`; compared with the RelayState's. */
  region?: string;
  /** The instance id (a UUID); compared with the RelayState's. */
  instanceId?: string;
  /**
   * The workspace's login name for the signed-in user. It must equal the Amazon Connect user
   * name exactly; the softphone refuses a Connect session of another user.
   */
  username?: string;
  /** Only for `diagnose`: the Amazon Connect user name to compare with `username`. */
  connectUsername?: string;
  /** How long Streams waits for the CCP before it opens the sign-in window, and the interval of its reloads. Default 5000. */
  ccpLoadTimeoutMs?: number;
  /** How long a sign-in may take before the agent is told it did not complete. Default 60000. */
  signInTimeoutMs?: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** One result of the configuration checks. `code` is stable; see docs/findings.md. */
export interface Finding {
  code: string;
  severity: Severity;
  /** The configuration field it is about, e.g. `ssoLoginUrl`. */
  field: string;
  message: string;
  hint: string;
}

export type IdpFamily =
  | 'none'
  | 'okta'
  | 'entra-id'
  | 'adfs'
  | 'pingfederate'
  | 'pingone'
  | 'onelogin'
  | 'google-workspace'
  | 'jumpcloud'
  | 'keycloak'
  | 'auth0'
  | 'salesforce'
  | 'iam-identity-center'
  | 'unknown';

export interface Diagnosis {
  /** True when no finding is an `error`: sign-in can work. */
  ok: boolean;
  idp: IdpFamily;
  /** The CCP URL the softphone would load, or null when the instance URL is unusable. */
  ccpUrl: string | null;
  findings: Finding[];
}

/** The sign-in state; also the value of the container's `data-softphone-state`. */
export type SignInState =
  | 'loading'
  | 'signing-in-sso'
  | 'signing-in-popup'
  | 'ready'
  | 'signed-out'
  | 'error';

/** What the agent can do about a problem (the softphone shows it as a button). */
export type ProblemAction = 'none' | 'open-login' | 'retry' | 'sign-in';

export type ProblemCode =
  | 'streams-missing'
  | 'config-invalid'
  | 'load-failed'
  | 'already-mounted'
  | 'login-window-blocked'
  | 'sign-in-incomplete'
  | 'identity-mismatch'
  | 'access-denied'
  | 'session-expired'
  | 'signed-out'
  | 'streams-failed'
  | 'container-detached';

export interface StateEvent {
  state: SignInState;
  previous: SignInState | null;
}

export interface AgentEvent {
  name: string;
  /** The Amazon Connect user name. */
  username: string;
  /** The agent state's name as the CCP shows it: `Available`, `Offline`, … */
  state: string;
  /** Its routing type: `routable`, `not_routable`, `offline`, … */
  stateType: string;
  previousState: string | null;
}

export type ContactEventName =
  | 'incoming'
  | 'accepted'
  | 'connected'
  | 'missed'
  | 'ended'
  | 'after-contact-work'
  | 'cleared';

export interface ContactEvent {
  event: ContactEventName;
  contactId: string;
  /** `voice`, `chat`, `task`, … */
  type: string;
  phoneNumber: string | null;
}

export interface ErrorEvent {
  code: ProblemCode;
  message: string;
  action: ProblemAction;
}

export interface SoftphoneEvents {
  state: StateEvent;
  agent: AgentEvent;
  contact: ContactEvent;
  error: ErrorEvent;
  warning: Finding;
}

export interface SoftphoneSnapshot {
  state: SignInState | 'destroyed';
  mode?: 'sso' | 'connect-login';
  ccpUrl?: string;
  agent: AgentEvent | null;
  contacts: { contactId: string; state: ContactEventName }[];
  problem: ErrorEvent | null;
  findings: Finding[];
}

export declare class Softphone {
  /** Subscribes to one event type; returns a function that unsubscribes. */
  on<K extends keyof SoftphoneEvents>(
    type: K,
    listener: (detail: SoftphoneEvents[K], type: K) => void,
  ): () => void;
  /** Subscribes to every event. */
  on(
    type: '*',
    listener: <K extends keyof SoftphoneEvents>(detail: SoftphoneEvents[K], type: K) => void,
  ): () => void;
  /** The sign-in state, or `destroyed`. */
  readonly state: SignInState | 'destroyed';
  snapshot(): SoftphoneSnapshot;
  /** Stops Streams and starts the sign-in over. */
  retry(): void;
  /** Opens the sign-in window; call it from a click handler. */
  openLogin(): boolean;
  /** Signs in again after the session ended. */
  signIn(): void;
  /** Stops Streams, closes a sign-in window it left open, removes the softphone's DOM. */
  destroy(): void;
}

export declare class SoftphoneError extends Error {
  readonly code: ProblemCode;
  /** For `config-invalid`: every finding, errors first among them. */
  readonly findings: Finding[];
}

/** Loads the wasm (optional: `mount` and `diagnose` load it on first use). */
export declare function load(
  source?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<unknown>;

/** Mounts the softphone in `element`; rejects with `SoftphoneError` and mounts nothing when it cannot. */
export declare function mount(element: HTMLElement, config: SoftphoneConfig): Promise<Softphone>;

/** Checks a configuration without mounting. */
export declare function diagnose(config: Partial<SoftphoneConfig>): Promise<Diagnosis>;
