// The identity the agent signs in with must be the same everywhere. Two ways it is not: the IdP
// sends a RoleSessionName that differs from the Connect user name (federation refuses it), and
// the browser already holds a Connect session of another user (a shared computer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  setUp,
  signInToWorkspace,
  openWorkspace,
  waitForState,
  hostEvents,
  eventually,
} from './harness.mjs';

const DIRECTORY = JSON.parse(
  await readFile(new URL('../../sim/directory.json', import.meta.url), 'utf8'),
);

test('the IdP sends a user name differing in case: the agent is told which name must match', async (t) => {
  const directory = structuredClone(DIRECTORY);
  directory.idp.users[0].roleSessionName = 'Agent.Smith';
  const env = await setUp(t, { directory });
  const knobs = { ccpLoadTimeoutMs: 1000, signInTimeoutMs: 5000 };
  await signInToWorkspace(env);
  const started = Date.now();
  await openWorkspace(env, knobs);

  await waitForState(env.page, 'error', 20_000);
  const elapsed = Date.now() - started;
  // Bounded: the sign-in timer runs from the moment the login window opens.
  assert.ok(elapsed < knobs.ccpLoadTimeoutMs + knobs.signInTimeoutMs + 8000, `took ${elapsed} ms`);

  const message = await env.page.locator('#softphone [role=alert]').textContent();
  assert.match(message, /did not complete/);
  assert.match(message, /\u201cagent\.smith\u201d/);
  assert.match(message, /must match it exactly, case included/);
  const error = (await hostEvents(env.page)).find((e) => e.type === 'error');
  assert.equal(error.detail.code, 'sign-in-incomplete');
  assert.equal(error.detail.action, 'retry');

  // The login window shows AWS's own refusal, which the workspace cannot read; the component
  // does not pretend to know it, and opens no further window while Streams keeps retrying.
  assert.equal(env.popups.length, 1, 'login windows opened');
  const popup = env.popups[0];
  assert.match(await popup.locator('body').textContent(), /not been onboarded/);
  await new Promise((resolve) => setTimeout(resolve, 3 * knobs.ccpLoadTimeoutMs));
  assert.equal(env.popups.length, 1, 'login windows opened after the error');
  assert.doesNotMatch(message, /onboarded/);
  assert.deepEqual(env.errors, []);
});

test('a Connect session of another user is refused, not used', async (t) => {
  const env = await setUp(t);
  // Someone else used this browser: a Connect session of sam.supervisor is still alive.
  const other = DIRECTORY.connect.users.find((u) => u.username !== 'agent.smith');
  await env.page.goto(`${env.stack.instanceUrl}/login?destination=%2Fccp-v2%2F`);
  await env.page.locator('input[name=username]').fill(other.username);
  await env.page.locator('input[name=password]').fill(other.password);
  await env.page.getByRole('button', { name: 'Sign in' }).click();
  await env.page.waitForURL(`${env.stack.instanceUrl}/ccp-v2/`);

  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'error');

  const message = await env.page.locator('#softphone [role=alert]').textContent();
  assert.match(message, /\u201csam\.supervisor\u201d/);
  assert.match(message, /\u201cagent\.smith\u201d/);
  const events = await hostEvents(env.page);
  const error = events.find((e) => e.type === 'error');
  assert.equal(error.detail.code, 'identity-mismatch');
  // Never ready, no agent or contact events for the other user, and its CCP is gone.
  assert.ok(!events.some((e) => e.type === 'agent' || e.type === 'contact'));
  assert.ok(!events.some((e) => e.type === 'state' && e.detail.state === 'ready'));
  await eventually(
    async () => (await env.page.locator('#softphone iframe').count()) === 0,
    'the CCP of the other user to be removed',
  );
  assert.deepEqual(env.errors, []);
});
