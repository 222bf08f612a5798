// What a real day does to the softphone beyond the happy path: a login window closed by the
// agent, a container moved out of the page, access refused, the page left mid-sign-in, a
// missed call, and a host that destroys the softphone from inside its own listener.
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
  openWorkspaceWithoutIdpSession,
} from './harness.mjs';

const status = (page) => page.locator('#softphone .connect-softphone__status');

test('a login window the agent closed gets a hint and a button that opens it again', async (t) => {
  const env = await setUp(t);
  const popup = await openWorkspaceWithoutIdpSession(env);
  await popup.close();

  await status(env.page).getByText('The sign-in window is closed').waitFor({ timeout: 5000 });
  assert.equal(await env.page.locator('#softphone').getAttribute('data-softphone-state'), 'signing-in-sso');
  await status(env.page).getByRole('button', { name: 'Open sign-in window' }).click();
  const again = await eventually(() => openPopups(env)[0], 'the second login window');
  await again.locator('input[name=password]').waitFor();
  await again.getByRole('button', { name: 'Sign in' }).click();
  await waitForState(env.page, 'ready');
  await eventually(() => openPopups(env).length === 0, 'the login window to close');
  assert.deepEqual(env.errors, []);
});

test('a container taken out of the page stops the softphone; back in, Try again works', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'ready');

  await env.page.evaluate(() => {
    const element = document.getElementById('softphone');
    window.__parked = { element, parent: element.parentNode };
    element.remove();
  });
  await eventually(
    async () => (await hostEvents(env.page)).some((e) => e.type === 'error' && e.detail.code === 'container-detached'),
    'the container-detached error',
  );
  await env.page.evaluate(() => window.__parked.parent.append(window.__parked.element));
  assert.equal(await env.page.locator('#softphone').getAttribute('data-softphone-state'), 'error');
  await status(env.page).getByRole('button', { name: 'Try again' }).click();
  await waitForState(env.page, 'ready');
  assert.deepEqual(env.errors, []);
});

test('access denied by the CCP stays until the agent tries again', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'ready');

  env.stack.connect.sendToCcp('agent.smith', 'access_denied');
  await waitForState(env.page, 'error');
  // The next snapshot of the agent does not undo it: the agent's state changes on the Connect
  // side (the CCP is hidden from the agent now), and its snapshot reaches the page.
  const version = env.stack.connect.agent('agent.smith').version;
  await env.page
    .frameLocator('#softphone iframe')
    .getByLabel('Status')
    .selectOption('Available', { force: true });
  await eventually(
    () => env.stack.connect.agent('agent.smith').version > version,
    'a new agent snapshot',
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(await env.page.locator('#softphone').getAttribute('data-softphone-state'), 'error');
  const error = (await hostEvents(env.page)).find((e) => e.type === 'error');
  assert.equal(error.detail.code, 'access-denied');
  assert.deepEqual(env.errors, []);
});

test('leaving the page mid-sign-in closes the login window', async (t) => {
  const env = await setUp(t);
  const popup = await openWorkspaceWithoutIdpSession(env);

  await env.page.goto(`${env.stack.urls.workspace}/api/session`);
  await eventually(() => popup.isClosed(), 'the login window to close with the page');
  assert.deepEqual(env.errors, []);
});

test('destroy() from inside a listener leaves Streams nothing to trip over', async (t) => {
  const env = await setUp(t);
  const consoleErrors = [];
  env.page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'ready');

  await env.page.evaluate(() => {
    const phone = window.softphoneDemo.softphone;
    phone.on('agent', () => phone.destroy());
  });
  await env.page.frameLocator('#softphone iframe').getByLabel('Status').selectOption('Available');
  await eventually(
    async () => (await env.page.locator('#softphone').getAttribute('data-softphone-state')) === null,
    'the softphone to be gone',
  );
  await new Promise((resolve) => setTimeout(resolve, 4000));
  assert.equal(await env.page.locator('#softphone iframe').count(), 0);
  assert.deepEqual(consoleErrors.filter((m) => /handler failed|StateError/.test(m)), []);
  assert.deepEqual(env.errors, []);
});

test('an agent slow at the IdP form still signs in: reloads go on until the sign-in timer', async (t) => {
  const env = await setUp(t);
  // Streams alone gives up after ten reloads: 10 s at the one-second interval the component
  // uses while the agent signs in. The agent here takes longer than that.
  const popup = await openWorkspaceWithoutIdpSession(env);
  await new Promise((resolve) => setTimeout(resolve, 14_000));
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await waitForState(env.page, 'ready', 10_000);
  const events = await hostEvents(env.page);
  assert.ok(!events.some((e) => e.type === 'error'), JSON.stringify(events));
  assert.deepEqual(env.errors, []);
});
