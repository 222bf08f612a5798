// Sign-in, end to end: the demo workspace in headless Chromium, the real
// amazon-connect-streams, and the stand-ins for the IdP, AWS and Amazon Connect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  setUp,
  signInToWorkspace,
  saveInstanceSettings,
  openWorkspace,
  waitForState,
  hostEvents,
  openPopups,
  eventually,
  openWorkspaceWithoutIdpSession,
} from './harness.mjs';

const DIRECTORY = JSON.parse(
  await readFile(new URL('../../sim/directory.json', import.meta.url), 'utf8'),
);
const AGENT = DIRECTORY.workspace.users[0];

function states(events) {
  return events.filter((e) => e.type === 'state').map((e) => e.detail.state);
}

test('seamless SSO: one workspace sign-in, the softphone comes up ready with no further input', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await openWorkspace(env);

  await waitForState(env.page, 'ready');
  const status = env.page.locator('#softphone .connect-softphone__message');
  await status.filter({ hasText: AGENT.name }).waitFor({ timeout: 5000 });
  assert.equal(await env.page.locator('#state-words').textContent(), 'Ready');
  // The CCP is shown in the panel, signed in as this agent.
  const ccp = env.page.frameLocator('#softphone iframe');
  await ccp.getByText(AGENT.name).first().waitFor({ timeout: 5000 });

  // Streams opened one login window to reach the IdP; it closed itself once the CCP answered.
  assert.equal(env.popups.length, 1, 'login windows opened');
  await eventually(() => openPopups(env).length === 0, 'the login window to close');

  const events = await hostEvents(env.page);
  assert.deepEqual(states(events), ['loading', 'signing-in-sso', 'ready']);
  const agent = events.find((e) => e.type === 'agent');
  assert.equal(agent.detail.username, AGENT.username);
  assert.equal(agent.detail.name, AGENT.name);
  assert.ok(!events.some((e) => e.type === 'error'), JSON.stringify(events));
  assert.deepEqual(env.errors, []);
});

test('SSO without an IdP session: the login window shows the IdP form, then closes', async (t) => {
  const env = await setUp(t);
  const popup = await openWorkspaceWithoutIdpSession(env);
  assert.equal(new URL(popup.url()).origin, env.stack.urls.idp);
  await waitForState(env.page, 'signing-in-sso');
  await popup.getByRole('button', { name: 'Sign in' }).click();

  await waitForState(env.page, 'ready');
  await eventually(() => openPopups(env).length === 0, 'the login window to close');
  assert.equal(env.popups.length, 1, 'login windows opened');
  assert.deepEqual(states(await hostEvents(env.page)), ['loading', 'signing-in-sso', 'ready']);
  assert.deepEqual(env.errors, []);
});

test('no SSO Login URL: the standard Amazon Connect login, then ready', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await saveInstanceSettings(env, {
    instanceUrl: env.stack.instanceUrl,
    ssoLoginUrl: '',
    region: env.stack.region,
    instanceId: env.stack.instanceId,
  });
  await openWorkspace(env);

  const popup = await eventually(() => openPopups(env)[0], 'the login window');
  await popup.locator('input[name=password]').waitFor();
  assert.equal(new URL(popup.url()).origin, env.stack.urls.connect);
  await waitForState(env.page, 'signing-in-popup');

  const connectUser = DIRECTORY.connect.users[0];
  await popup.locator('input[name=username]').fill(connectUser.username);
  await popup.locator('input[name=password]').fill(connectUser.password);
  await popup.getByRole('button', { name: 'Sign in' }).click();

  await waitForState(env.page, 'ready');
  await eventually(() => openPopups(env).length === 0, 'the login window to close');
  assert.deepEqual(states(await hostEvents(env.page)), ['loading', 'signing-in-popup', 'ready']);
  assert.deepEqual(env.errors, []);
});
