// The server-side state of one Amazon Connect agent: agent state, the selected status and
// voice contacts, with the transitions the CTI API allows. Snapshots and configuration have
// the shapes the Streams worker hands to its ports (see the Streams protocol notes).
//
// Agent states follow Connect's split between the status an agent picks (Available, Offline,
// Lunch, Break: `agentAvailabilityState`) and the state the system reports (`state`), which
// becomes PendingBusy, Busy, AfterCallWork or MissedCallAgent while a contact is handled.

import { createHash, randomUUID } from 'node:crypto';

/** One connection of a voice contact, in the shape the worker sends. */
function voiceConnection({ type, initial, state, at, endpoint }) {
  return {
    connectionId: randomUUID(),
    type,
    initial,
    state: { type: state, timestamp: at },
    endpoint: { endpointARN: null, queue: null, ...endpoint },
    softphoneMediaInfo: null,
    chatMediaInfo: null,
    monitoringInfo: null,
    mute: false,
    forcedMute: false,
    quickConnectName: null,
    monitorCapabilities: [],
    monitorStatus: null,
    capabilities: null,
  };
}

/** An API failure, shaped like the worker's formatted AWS client error. */
export class ApiError extends Error {
  constructor(type, message, statusCode = 400) {
    super(message);
    this.type = type;
    this.statusCode = statusCode;
  }

  toWire() {
    return {
      type: this.type,
      message: this.message,
      stack: [],
      retryStatus: 'none',
      statusCode: this.statusCode,
    };
  }
}

/** A stable UUID-shaped id derived from a name, so ARNs survive restarts. */
function stableId(...parts) {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const groups = [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`];
  return [...groups, `a${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

const ACTIVE_CONTACT_STATES = new Set(['incoming', 'pending', 'connecting', 'connected', 'paused']);
const RINGING = new Set(['incoming', 'connecting']);

const SYSTEM_STATES = {
  PendingBusy: { type: 'system', name: 'PendingBusy' },
  Busy: { type: 'system', name: 'Busy' },
  AfterCallWork: { type: 'not_routable', name: 'AfterCallWork' },
  MissedCallAgent: { type: 'error', name: 'MissedCallAgent' },
};

/** Builds the instance-wide ARNs and lists every agent of the instance shares. */
export function instanceCatalog(instance) {
  const { region, accountId, id } = instance;
  const instanceArn = `arn:aws:connect:${region}:${accountId}:instance/${id}`;
  const agentStates = [
    { name: 'Available', type: 'routable' },
    { name: 'Offline', type: 'offline' },
    { name: 'Lunch', type: 'not_routable' },
    { name: 'Break', type: 'not_routable' },
  ].map((s) => ({
    agentStateARN: `${instanceArn}/agent-state/${stableId(instance.id, 'state', s.name)}`,
    ...s,
  }));
  const basicQueueArn = `${instanceArn}/queue/${stableId(instance.id, 'queue', 'BasicQueue')}`;
  const routingProfileArn = `${instanceArn}/routing-profile/${stableId(instance.id, 'rp', 'Basic')}`;
  return {
    instanceArn,
    agentStates,
    basicQueue: { queueARN: basicQueueArn, queueId: basicQueueArn, name: 'BasicQueue' },
    routingProfileArn,
    quickConnects: [
      {
        endpointARN: `${instanceArn}/transfer-destination/${stableId(instance.id, 'qc', 'support')}`,
        endpointId: `${instanceArn}/transfer-destination/${stableId(instance.id, 'qc', 'support')}`,
        type: 'phone_number',
        name: 'Support line',
        phoneNumber: '+15555550123',
        agentLogin: null,
        queue: null,
      },
    ],
  };
}

export class AgentModel {
  /**
   * `user` = { username, name }; `instance` = the directory's instance record;
   * `onChange(model)` runs after every visible change (the server pushes a snapshot then).
   */
  constructor({ user, instance, catalog = instanceCatalog(instance), onChange = () => {} }) {
    this.username = user.username;
    this.name = user.name || user.username;
    this.instance = instance;
    this.catalog = catalog;
    this.onChange = onChange;
    this.agentId = stableId(instance.id, 'agent', user.username);
    this.version = 0;

    const offline = this.findState({ name: 'Offline' });
    const now = new Date();
    this.selected = offline; // the status the agent picked
    this.selectedAt = now;
    this.state = { ...offline, startTimestamp: now };
    this.nextState = null;
    this.contacts = [];
    this.ringTimers = new Map();
  }

  changed() {
    this.version += 1;
    this.onChange(this);
  }

  dispose() {
    for (const timer of this.ringTimers.values()) clearTimeout(timer);
    this.ringTimers.clear();
  }

  findState({ agentStateARN, name } = {}) {
    return (
      this.catalog.agentStates.find((s) => agentStateARN && s.agentStateARN === agentStateARN) ||
      this.catalog.agentStates.find((s) => !agentStateARN && name && s.name === name) ||
      null
    );
  }

  // ---- read side -------------------------------------------------------------------------

  configuration() {
    const { instanceArn, agentStates, basicQueue, routingProfileArn } = this.catalog;
    const agentQueueArn = `${instanceArn}/queue/agent/${this.agentId}`;
    return {
      name: this.name,
      username: this.username,
      agentARN: `${instanceArn}/agent/${this.agentId}`,
      softphoneEnabled: true,
      softphoneAutoAccept: false,
      extension: '',
      permissions: ['outboundCall'],
      dialableCountries: ['us'],
      agentStates: agentStates.map((s) => ({ ...s })),
      agentPreferences: { LANGUAGE: 'en_US' },
      routingProfile: {
        name: 'Basic Routing Profile',
        routingProfileARN: routingProfileArn,
        routingProfileId: routingProfileArn,
        defaultOutboundQueue: { ...basicQueue },
        queues: [
          { ...basicQueue },
          { queueARN: agentQueueArn, queueId: agentQueueArn, name: null },
        ],
        channelConcurrencyMap: { VOICE: 1, CHAT: 0, TASK: 0, EMAIL: 0 },
      },
    };
  }

  /** The snapshot, with `Date` objects. The CCP page adds `localTimestamp` and `skew`. */
  snapshot() {
    return {
      state: { ...this.state },
      nextState: this.nextState ? { ...this.nextState } : null,
      agentAvailabilityState: { state: this.selected.name, timeStamp: this.selectedAt },
      contacts: this.contacts.map((c) => structuredClone(c)),
      snapshotTimestamp: new Date(),
    };
  }

  /** The worker's agent object: what an `agent::update` message carries. */
  agentData() {
    return { snapshot: this.snapshot(), configuration: this.configuration() };
  }

  // ---- transitions -----------------------------------------------------------------------

  setSystemState(name) {
    this.state = { agentStateARN: null, ...SYSTEM_STATES[name], startTimestamp: new Date() };
  }

  /** Back to the picked status (or the enqueued next one) once no contact is left. */
  settleAfterContacts() {
    if (this.contacts.length) return;
    if (this.nextState) {
      const { startTimestamp, ...next } = this.nextState;
      this.selected = next;
      this.selectedAt = new Date();
      this.nextState = null;
    }
    this.state = { ...this.selected, startTimestamp: new Date() };
  }

  putAgentState({ state, enqueueNextState } = {}) {
    const target = state && this.findState(state);
    if (!target) {
      throw new ApiError(
        'InvalidStateException',
        `Unknown agent state ${JSON.stringify(state?.name ?? state)}`,
      );
    }
    const now = new Date();
    const active = this.contacts.some((c) => ACTIVE_CONTACT_STATES.has(c.state.type));
    if (this.contacts.length && enqueueNextState) {
      this.nextState = { ...target, startTimestamp: now };
    } else if (active) {
      // The pick is remembered; the system state stays until the contact is cleared.
      this.selected = target;
      this.selectedAt = now;
    } else {
      // Only finished contacts (after-contact work, missed): picking a status clears them.
      this.clearTimersFor(this.contacts);
      this.contacts = [];
      this.nextState = null;
      this.selected = target;
      this.selectedAt = now;
      this.state = { ...target, startTimestamp: now };
    }
    this.changed();
    return {};
  }

  /** An inbound voice call. Throws unless the agent is routable with no contact. */
  placeCall({ from = '+15555550100', contactState = 'connecting', ringTimeoutMs = 0 } = {}) {
    if (this.contacts.length) {
      throw new ApiError('AgentBusy', `${this.username} already has a contact`, 409);
    }
    if (this.state.type !== 'routable') {
      throw new ApiError(
        'AgentNotRoutable',
        `${this.username} is ${this.state.name}, not routable: the call is not offered`,
        409,
      );
    }
    if (!RINGING.has(contactState)) {
      throw new ApiError('InvalidParameter', 'contactState must be "connecting" or "incoming"');
    }
    const now = new Date();
    const contactId = randomUUID();
    const contact = {
      contactId,
      initialContactId: contactId,
      type: 'voice',
      state: { type: contactState, timestamp: now },
      connections: [
        voiceConnection({
          type: 'agent',
          initial: false,
          state: 'connecting',
          at: now,
          endpoint: { type: 'agent', name: this.name, phoneNumber: null, agentLogin: this.username },
        }),
        voiceConnection({
          type: 'inbound',
          initial: true,
          state: 'connected',
          at: now,
          endpoint: { type: 'phone_number', name: null, phoneNumber: String(from), agentLogin: null },
        }),
      ],
      attributes: {},
      queue: { ...this.catalog.basicQueue },
      queueTimestamp: now,
      initiationMethod: 'inbound',
      name: null,
      description: null,
      references: {},
      contactFeatures: {
        attachmentsEnabled: false,
        messagingMarkdownEnabled: false,
        multiPartyConferenceEnabled: false,
        screenRecordingConfig: null,
      },
      segmentAttributes: {},
      contactDuration: '0',
    };
    this.contacts.push(contact);
    this.setSystemState('PendingBusy');
    if (ringTimeoutMs > 0) {
      const timer = setTimeout(() => this.ringTimedOut(contactId), ringTimeoutMs);
      timer.unref?.();
      this.ringTimers.set(contactId, timer);
    }
    this.changed();
    return contactId;
  }

  contact(contactId) {
    const contact = this.contacts.find((c) => c.contactId === contactId);
    if (!contact)
      throw new ApiError('InvalidStateException', `Contact ${contactId} does not exist`);
    return contact;
  }

  connection(contact, connectionId) {
    const connection = contact.connections.find((c) => c.connectionId === connectionId);
    if (!connection) {
      throw new ApiError(
        'InvalidStateException',
        `Connection ${connectionId} does not exist on contact ${contact.contactId}`,
      );
    }
    return connection;
  }

  clearTimersFor(contacts) {
    for (const contact of contacts) {
      const timer = this.ringTimers.get(contact.contactId);
      if (timer) clearTimeout(timer);
      this.ringTimers.delete(contact.contactId);
    }
  }

  setContactState(contact, type) {
    const now = new Date();
    contact.state = { type, timestamp: now };
    if (!RINGING.has(type)) this.clearTimersFor([contact]);
  }

  setConnectionState(connection, type) {
    connection.state = { type, timestamp: new Date() };
  }

  agentConnection(contact) {
    return contact.connections.find((c) => c.type === 'agent');
  }

  acceptContact({ contactId } = {}) {
    const contact = this.contact(contactId);
    if (!RINGING.has(contact.state.type)) {
      throw new ApiError(
        'InvalidStateException',
        `Contact ${contactId} is ${contact.state.type}, it cannot be accepted`,
      );
    }
    this.setContactState(contact, 'connected');
    this.setConnectionState(this.agentConnection(contact), 'connected');
    this.setSystemState('Busy');
    this.changed();
    return {};
  }

  /** Declined by the agent: `rejected` (the host sees missed and ended), then removed. */
  rejectContact({ contactId } = {}) {
    const contact = this.contact(contactId);
    if (!RINGING.has(contact.state.type)) {
      throw new ApiError(
        'InvalidStateException',
        `Contact ${contactId} is ${contact.state.type}, it cannot be rejected`,
      );
    }
    this.setContactState(contact, 'rejected');
    this.setConnectionState(this.agentConnection(contact), 'disconnected');
    this.changed();
    this.removeContact(contactId);
    return {};
  }

  removeContact(contactId) {
    const removed = this.contacts.filter((c) => c.contactId === contactId);
    this.clearTimersFor(removed);
    this.contacts = this.contacts.filter((c) => c.contactId !== contactId);
    this.settleAfterContacts();
    this.changed();
  }

  /** Either side hangs up a live call: the contact ends and the agent enters after-call work. */
  endCall(contact) {
    for (const connection of contact.connections) {
      if (connection.state.type !== 'disconnected')
        this.setConnectionState(connection, 'disconnected');
    }
    this.setContactState(contact, 'ended');
    this.setSystemState('AfterCallWork');
    this.changed();
  }

  destroyConnection({ contactId, connectionId } = {}) {
    const contact = this.contact(contactId);
    const connection = this.connection(contact, connectionId);
    if (RINGING.has(contact.state.type)) {
      if (connection.type === 'agent') return this.rejectContact({ contactId });
      this.removeContact(contactId);
      return {};
    }
    if (!['connected', 'paused'].includes(contact.state.type)) {
      throw new ApiError(
        'InvalidStateException',
        `Contact ${contactId} is ${contact.state.type}, nothing to hang up`,
      );
    }
    this.endCall(contact);
    return {};
  }

  holdConnection({ contactId, connectionId } = {}) {
    const connection = this.connection(this.contact(contactId), connectionId);
    if (connection.state.type !== 'connected') {
      throw new ApiError(
        'InvalidStateException',
        `Connection ${connectionId} is ${connection.state.type}, it cannot be held`,
      );
    }
    this.setConnectionState(connection, 'hold');
    this.changed();
    return {};
  }

  resumeConnection({ contactId, connectionId } = {}) {
    const connection = this.connection(this.contact(contactId), connectionId);
    if (connection.state.type !== 'hold') {
      throw new ApiError(
        'InvalidStateException',
        `Connection ${connectionId} is ${connection.state.type}, not on hold`,
      );
    }
    this.setConnectionState(connection, 'connected');
    this.changed();
    return {};
  }

  setParticipantMute({ contactId, connectionId } = {}, mute) {
    const connection = this.connection(this.contact(contactId), connectionId);
    connection.mute = mute;
    this.changed();
    return {};
  }

  /** clearContact / completeContact / destroyContact: the contact goes away. */
  clearContact({ contactId } = {}) {
    this.contact(contactId);
    this.removeContact(contactId);
    return {};
  }

  /** The caller hangs up (test control). Ringing: the offer is withdrawn; live: ends the call. */
  customerHangUp(contactId) {
    const contact = this.contact(contactId);
    if (RINGING.has(contact.state.type)) {
      this.removeContact(contactId);
    } else if (['connected', 'paused'].includes(contact.state.type)) {
      this.endCall(contact);
    } else {
      throw new ApiError(
        'InvalidStateException',
        `Contact ${contactId} is ${contact.state.type}, the caller is gone`,
      );
    }
  }

  /** Nobody answered in time: the contact is missed and the agent enters MissedCallAgent. */
  ringTimedOut(contactId) {
    this.ringTimers.delete(contactId);
    const contact = this.contacts.find((c) => c.contactId === contactId);
    if (!contact || !RINGING.has(contact.state.type)) return;
    this.setContactState(contact, 'missed');
    this.setConnectionState(this.agentConnection(contact), 'disconnected');
    this.setSystemState('MissedCallAgent');
    this.changed();
  }
}
