// <connect-softphone> dropped into a page: it mounts from its attributes and reports through
// DOM events; removing it from the page destroys it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, signInToWorkspace, eventually, openPopups } from './harness.mjs';

test('the custom element signs in with SSO from its attributes and cleans up when removed', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await env.page.goto(`${env.stack.urls.workspace}/www/element.html?ccp-load-timeout-ms=1500`);
  await env.page.waitForSelector('connect-softphone[data-softphone-state="ready"]', { timeout: 30_000 });
  await eventually(() => openPopups(env).length === 0, 'the login window to close');

  const events = await env.page.$$eval('#events li', (items) =>
    items.map((li) => ({ type: li.dataset.type, detail: JSON.parse(li.dataset.detail) })),
  );
  assert.deepEqual(
    events.filter((e) => e.type === 'state').map((e) => e.detail.state),
    ['loading', 'signing-in-sso', 'ready'],
  );
  assert.equal(events.find((e) => e.type === 'agent').detail.username, 'agent.smith');

  // A changed attribute mounts it again, with the new value.
  await env.page.$eval('connect-softphone', (el) => el.setAttribute('sign-in-timeout-ms', '30000'));
  await eventually(
    async () => (await env.page.$$eval('#events li[data-type=state]', (l) => l.length)) >= 5,
    'the remount',
  );
  await env.page.waitForSelector('connect-softphone[data-softphone-state="ready"]');

  await env.page.$eval('connect-softphone', (el) => el.remove());
  const left = await env.page.evaluate(() => ({
    iframes: document.querySelectorAll('iframe').length,
    initialized: Boolean(window.connect.core.initialized),
  }));
  assert.deepEqual(left, { iframes: 0, initialized: false });
  await new Promise((resolve) => setTimeout(resolve, 4000));
  assert.deepEqual(env.errors, []);
});
