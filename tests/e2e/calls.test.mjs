// A call, end to end: the agent goes Available in the CCP, an inbound call rings, the agent
// accepts it, hangs up and clears it; the host page hears each step, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setUp,
  signInToWorkspace,
  openWorkspace,
  waitForState,
  hostEvents,
  eventually,
} from './harness.mjs';

async function contactEvents(page) {
  return (await hostEvents(page)).filter((e) => e.type === 'contact');
}

test('Available, an inbound call, accepted, hung up: the host receives each event in order', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'ready');

  const ccp = env.page.frameLocator('#softphone iframe');
  await ccp.getByLabel('Status').selectOption('Available');
  await eventually(
    async () => (await hostEvents(env.page)).some((e) => e.type === 'agent' && e.detail.state === 'Available'),
    'the agent event for Available',
  );

  const contactId = env.stack.connect.placeCall('agent.smith', { from: '+15555550123' });
  await eventually(async () => (await contactEvents(env.page)).length >= 1, 'the incoming call');
  await ccp.getByRole('button', { name: 'Accept' }).click();
  await eventually(
    async () => (await contactEvents(env.page)).some((e) => e.detail.event === 'connected'),
    'the call to connect',
  );
  await ccp.getByRole('button', { name: 'Hang up' }).click();
  await eventually(
    async () => (await contactEvents(env.page)).some((e) => e.detail.event === 'ended'),
    'the call to end',
  );
  await ccp.getByRole('button', { name: 'Clear contact' }).click();
  await eventually(
    async () => (await contactEvents(env.page)).some((e) => e.detail.event === 'cleared'),
    'the contact to be cleared',
  );

  const events = await hostEvents(env.page);
  const story = events
    .filter((e) => e.type === 'agent' || e.type === 'contact')
    .map((e) => (e.type === 'agent' ? `agent:${e.detail.state}` : `contact:${e.detail.event}`));
  // Each contact event once, in the order the call went.
  assert.deepEqual(
    story.filter((s) => s.startsWith('contact:')),
    [
      'contact:incoming',
      'contact:accepted',
      'contact:connected',
      'contact:ended',
      'contact:after-contact-work',
      'contact:cleared',
    ],
  );
  // And the agent's states around them: Available before the call rang, after-contact work
  // once it ended, Available again once the contact was cleared.
  const at = (step) => {
    const index = story.indexOf(step);
    assert.ok(index >= 0, `${step} in ${story.join(' ')}`);
    return index;
  };
  assert.ok(at('agent:Available') < at('contact:incoming'), story.join(' '));
  assert.ok(at('contact:connected') < at('agent:AfterCallWork'), story.join(' '));
  assert.ok(at('agent:AfterCallWork') < at('contact:cleared'), story.join(' '));
  assert.equal(story.at(-1), 'contact:cleared', story.join(' '));
  assert.equal(story.at(-2), 'agent:Available', story.join(' '));
  // Each agent event says where the agent came from.
  const agentEvents = events.filter((e) => e.type === 'agent').map((e) => e.detail);
  assert.deepEqual(
    agentEvents.map((a) => [a.previousState, a.state]),
    agentEvents.map((a, i) => [i === 0 ? null : agentEvents[i - 1].state, a.state]),
  );
  assert.equal(agentEvents.find((a) => a.state === 'Available').previousState, 'Offline');
  const incoming = events.find((e) => e.type === 'contact' && e.detail.event === 'incoming');
  assert.equal(incoming.detail.contactId, contactId);
  assert.equal(incoming.detail.type, 'voice');
  assert.equal(incoming.detail.phoneNumber, '+15555550123');
  // Streams reached the CCP for each step (accept, hang up, clear) through its API.
  const methods = env.stack.connect.apiCalls.map((c) => c.method);
  for (const method of ['putAgentState', 'acceptContact', 'destroyConnection', 'clearContact']) {
    assert.ok(methods.includes(method), `${method} in ${methods.join(',')}`);
  }
  assert.deepEqual(env.errors, []);
});

test('a call that rings out is missed, then ends, and the host hears it in that order', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'ready');
  await env.page.frameLocator('#softphone iframe').getByLabel('Status').selectOption('Available');
  await eventually(
    async () => (await hostEvents(env.page)).some((e) => e.type === 'agent' && e.detail.state === 'Available'),
    'Available',
  );
  env.stack.connect.placeCall('agent.smith', { ringTimeoutMs: 1000 });
  await eventually(
    async () => (await contactEvents(env.page)).some((e) => e.detail.event === 'ended'),
    'the missed call to end',
  );
  const said = (await contactEvents(env.page)).map((e) => e.detail.event);
  assert.deepEqual(said.slice(0, 3), ['incoming', 'missed', 'ended']);
  assert.deepEqual(env.errors, []);
});
