import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentModel, ApiError } from '../lib/agent-model.mjs';

const instance = {
  id: '3f1c9a52-7e4b-4d2a-9b61-0c8e5f2d7a94',
  alias: 'demo',
  region: 'us-east-1',
  accountId: '111122223333',
};

function agent() {
  const changes = [];
  const model = new AgentModel({
    user: { username: 'agent.smith', name: 'Agent Smith' },
    instance,
    onChange: (m) => changes.push(structuredClone(m.snapshot())),
  });
  const state = (name) => model.configuration().agentStates.find((s) => s.name === name);
  return { model, changes, state };
}

test('configuration: ARNs of the instance, an agent queue, the agent states', () => {
  const { model } = agent();
  const configuration = model.configuration();
  assert.match(
    configuration.agentARN,
    /^arn:aws:connect:us-east-1:111122223333:instance\/3f1c9a52-[^/]+\/agent\/[0-9a-f-]{36}$/,
  );
  assert.equal(
    configuration.routingProfile.routingProfileId,
    configuration.routingProfile.routingProfileARN,
  );
  assert.ok(
    configuration.routingProfile.queues.some((q) =>
      q.queueARN.endsWith(`/queue/agent/${model.agentId}`),
    ),
  );
  assert.deepEqual(
    configuration.agentStates.map((s) => [s.name, s.type]),
    [
      ['Available', 'routable'],
      ['Offline', 'offline'],
      ['Lunch', 'not_routable'],
      ['Break', 'not_routable'],
    ],
  );
  assert.deepEqual(configuration.routingProfile.channelConcurrencyMap.VOICE, 1);
  assert.equal(
    new AgentModel({ user: { username: 'agent.smith' }, instance }).agentId,
    model.agentId,
    'stable ids',
  );
});

test('snapshots carry Date timestamps', () => {
  const { model, state } = agent();
  model.putAgentState({ state: state('Available') });
  model.placeCall({ from: '+15555550100' });
  const snapshot = model.snapshot();
  assert.ok(snapshot.snapshotTimestamp instanceof Date);
  assert.ok(snapshot.state.startTimestamp instanceof Date);
  assert.ok(snapshot.agentAvailabilityState.timeStamp instanceof Date);
  assert.ok(snapshot.contacts[0].state.timestamp instanceof Date);
  assert.ok(snapshot.contacts[0].queueTimestamp instanceof Date);
  assert.ok(snapshot.contacts[0].connections.every((c) => c.state.timestamp instanceof Date));
});

test('a status picked during a call applies when the contact is cleared', () => {
  const { model, state } = agent();
  model.putAgentState({ state: state('Available') });
  const contactId = model.placeCall();
  model.acceptContact({ contactId });
  model.putAgentState({ state: state('Lunch') });
  assert.equal(model.state.name, 'Busy');
  assert.equal(model.snapshot().agentAvailabilityState.state, 'Lunch');
  model.clearContact({ contactId });
  assert.equal(model.state.name, 'Lunch');
});

test('an enqueued next state shows as nextState and applies after the contact', () => {
  const { model, state } = agent();
  model.putAgentState({ state: state('Available') });
  const contactId = model.placeCall();
  model.acceptContact({ contactId });
  model.putAgentState({ state: state('Break'), enqueueNextState: true });
  assert.equal(model.snapshot().nextState.name, 'Break');
  model.destroyConnection({
    contactId,
    connectionId: model.contacts[0].connections[0].connectionId,
  });
  assert.equal(model.state.name, 'AfterCallWork');
  model.clearContact({ contactId });
  assert.equal(model.state.name, 'Break');
  assert.equal(model.snapshot().nextState, null);
});

test('picking a status in after-contact work clears the finished contact', () => {
  const { model, state } = agent();
  model.putAgentState({ state: state('Available') });
  const contactId = model.placeCall();
  model.acceptContact({ contactId });
  model.customerHangUp(contactId);
  model.putAgentState({ state: state('Available') });
  assert.deepEqual(model.contacts, []);
  assert.equal(model.state.name, 'Available');
});

test('a rejected call is pushed as rejected, then removed', () => {
  const { model, changes, state } = agent();
  model.putAgentState({ state: state('Available') });
  const contactId = model.placeCall({ contactState: 'incoming' });
  changes.length = 0;
  model.rejectContact({ contactId });
  assert.deepEqual(
    changes.map((s) => [s.contacts.map((c) => c.state.type).join(), s.state.name]),
    [
      ['rejected', 'PendingBusy'],
      ['', 'Available'],
    ],
  );
});

test('invalid requests are ApiErrors with the worker error shape', () => {
  const { model } = agent();
  assert.throws(() => model.putAgentState({ state: { name: 'Nap' } }), ApiError);
  assert.throws(() => model.acceptContact({ contactId: 'nope' }), /does not exist/);
  const err = new ApiError('InvalidStateException', 'no');
  assert.deepEqual(err.toWire(), {
    type: 'InvalidStateException',
    message: 'no',
    stack: [],
    retryStatus: 'none',
    statusCode: 400,
  });
  try {
    model.placeCall();
    assert.fail('an offline agent got a call');
  } catch (e) {
    assert.equal(e.type, 'AgentNotRoutable');
  }
});
