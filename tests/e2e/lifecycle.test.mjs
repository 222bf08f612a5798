// The softphone over a working day: the Connect session ends and the agent signs in again with
// one click; the host reconnects it; nothing Streams started outlives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setUp,
  signInToWorkspace,
  openWorkspace,
  waitForState,
  hostEvents,
  openPopups,
  eventually,
} from './harness.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('an expired Connect session signs out; one click signs the agent in again', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'ready');
  await eventually(() => openPopups(env).length === 0, 'the first login window to close');

  // The session ends (its 12 hours are up); the CCP learns it as the worker would.
  env.stack.connect.expireSession('agent.smith');
  env.stack.connect.sendToCcp('agent.smith', 'auth_fail');
  await waitForState(env.page, 'signed-out');
  const status = env.page.locator('#softphone .connect-softphone__status');
  assert.match(await status.textContent(), /session has ended/);
  const error = (await hostEvents(env.page)).find((e) => e.type === 'error');
  assert.deepEqual([error.detail.code, error.detail.action], ['session-expired', 'sign-in']);
  // Streams does not pop a login window by itself after a sign-out.
  await sleep(2500);
  assert.equal(env.popups.length, 1, 'login windows opened');

  await status.getByRole('button', { name: 'Sign in' }).click();
  await waitForState(env.page, 'ready');
  await eventually(() => openPopups(env).length === 0, 'the second login window to close');
  assert.equal(env.popups.length, 2, 'login windows opened');
  assert.deepEqual(env.errors, []);
});

test('reconnecting tears Streams down cleanly and comes back without a login', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'ready');
  await eventually(() => openPopups(env).length === 0, 'the login window to close');

  await env.page.getByRole('button', { name: 'Save and reconnect' }).click();
  await waitForState(env.page, 'ready');
  // The Connect session is still there: no login window this time.
  assert.equal(env.popups.length, 1, 'login windows opened');
  // Streams' keepalive and iframe timers of the first mount must not fire into the page: its
  // keepalive waits 3 s for an acknowledgement that never comes once the iframe is gone.
  await sleep(4500);
  assert.equal(await env.page.locator('#softphone iframe').count(), 1);
  const states = (await hostEvents(env.page))
    .filter((e) => e.type === 'state')
    .map((e) => e.detail.state);
  assert.deepEqual(states, ['loading', 'signing-in-sso', 'ready', 'loading', 'ready']);
  assert.deepEqual(env.errors, []);
});
