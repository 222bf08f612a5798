// What every end-to-end test needs: the stand-ins on ephemeral loopback ports, headless
// Chromium driven by playwright-core, and a record of every uncaught error in every page,
// frame and popup, so that a test fails on any of them.
import { chromium } from 'playwright-core';
import { startStack } from '../../sim/stack.mjs';

import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../../sim/lib/chromium.mjs';

export { CHROMIUM, ARGS };

/** Timings short enough for tests; the defaults are for agents on real networks. */
export const FAST = { ccpLoadTimeoutMs: 1500, signInTimeoutMs: 8000 };

/**
 * Starts the stand-ins and a browser. `t.after` closes both. Returns the stack, the browser
 * context, the pages opened so far (main page and popups) and the errors seen in them.
 */
export async function setUp(t, { directory, stack: stackOptions = {} } = {}) {
  const stack = await startStack({ directory, ...stackOptions });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext();
  const errors = [];
  const popups = [];
  const watch = (page, label) => {
    page.on('pageerror', (error) => errors.push(`${label}: ${error.message}`));
  };
  context.on('page', (page) => {
    if (context.pages().length > 1) {
      popups.push(page);
      watch(page, `popup ${popups.length}`);
    }
  });
  const page = await context.newPage();
  watch(page, 'workspace');
  t.after(async () => {
    await browser.close();
    await stack.close();
  });
  return { stack, browser, context, page, errors, popups };
}

/** The open popups (login windows) of the context. */
export function openPopups(env) {
  return env.popups.filter((p) => !p.isClosed());
}

/**
 * Signs into the workspace through the IdP's form, which comes pre-filled with the default
 * agent. It lands on the workspace's session endpoint, so no softphone is mounted yet.
 */
export async function signInToWorkspace(env) {
  const { page, stack } = env;
  await page.goto(`${stack.urls.workspace}/login?returnTo=/api/session`);
  await page.waitForURL((url) => url.origin === stack.urls.idp);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.urls.workspace}/api/session`);
}

/** Saves the demo's "Amazon Connect instance" settings, as an admin did earlier. */
export async function saveInstanceSettings(env, settings) {
  await env.page.evaluate(
    (value) => localStorage.setItem('connect-softphone-demo.instance', JSON.stringify(value)),
    settings,
  );
}

/** Opens the demo workspace page, which mounts the softphone; `knobs` set its timings. */
export async function openWorkspace(env, knobs = FAST) {
  const search = new URLSearchParams(Object.entries(knobs).map(([k, v]) => [k, String(v)]));
  await env.page.goto(`${env.stack.urls.workspace}/?${search}`);
  await env.page.locator('#user-name').filter({ hasNotText: '…' }).waitFor();
}

/**
 * The agent is signed into the workspace, but the IdP session is gone (it expired, or the
 * agent signed out of the IdP in another tab): opens the workspace and returns the login
 * window once it shows the IdP's form. The sign-in timer is long, for agents who take time.
 */
export async function openWorkspaceWithoutIdpSession(env) {
  await signInToWorkspace(env);
  env.stack.idp.endSessions();
  await openWorkspace(env, { ...FAST, signInTimeoutMs: 60000 });
  const popup = await eventually(() => openPopups(env)[0], 'the login window');
  await popup.locator('input[name=password]').waitFor();
  return popup;
}

/** The softphone container's `data-softphone-state`, once it equals `state`. */
export async function waitForState(page, state, timeout = 30_000) {
  await page.waitForSelector(`#softphone[data-softphone-state="${state}"]`, { timeout });
}

/** The events the demo page received from the softphone, as `{type, detail}`. */
export async function hostEvents(page) {
  return page.$$eval('#events li', (items) =>
    items.map((li) => ({ type: li.dataset.type, detail: JSON.parse(li.dataset.detail ?? 'null') })),
  );
}

/** Waits until `predicate` holds, polling; fails with `what` after `timeout`. */
export async function eventually(predicate, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
