// The CCP page against the real amazon-connect-streams library in headless Chromium: SSO
// through the login popup, then a whole inbound call driven through the Streams API.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stackFor } from '../lib/client.mjs';

import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../lib/chromium.mjs';

function hostPage(stack) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Host</title></head>
<body>
<div id="ccp" style="width: 340px; height: 480px"></div>
<script src="/vendor/connect-streams.js"></script>
<script>
  window.seen = [];
  const see = (name, extra) => window.seen.push({ name, ...extra });
  connect.core.initCCP(document.getElementById('ccp'), {
    ccpUrl: ${JSON.stringify(stack.ccpUrl)},
    loginUrl: ${JSON.stringify(stack.ssoLoginUrl)},
    loginPopup: true,
    loginPopupAutoClose: true,
    ccpLoadTimeout: 1500,
    ccpAckTimeout: 1000,
    softphone: { allowFramedSoftphone: false },
  });
  connect.core.onInitialized(() => see('init'));
  connect.core.onAuthFail(() => see('auth_fail'));
  connect.core.onAccessDenied(() => see('access_denied'));
  connect.agent((agent) => {
    see('agent', { agentName: agent.getName(), state: agent.getState().name });
    agent.onStateChange((e) => see('state', { from: e.oldState, to: e.newState }));
    agent.onMuteToggle((e) => see('mute', { muted: e.muted }));
  });
  connect.contact((contact) => {
    see('contact', { id: contact.getContactId() });
    contact.onConnecting(() => see('connecting'));
    contact.onAccepted(() => see('accepted'));
    contact.onConnected(() => see('connected'));
    contact.onACW(() => see('acw'));
    contact.onEnded(() => see('ended'));
    contact.onDestroy(() => see('destroyed'));
  });
</script>
</body>
</html>`;
}

test(
  'the CCP page speaks the Streams conduit protocol',
  async (t) => {
    const { chromium } = await import('playwright-core');
    const scratch = await mkdtemp(join(tmpdir(), 'sim-chromium-'));
    // The workspace serves the host page from a scratch root. (A page fulfilled by
    // page.route() has no address space, and Chromium's local network access checks then
    // block its loopback iframe.)
    const root = join(scratch, 'root');
    await mkdir(join(root, 'www'), { recursive: true });
    await symlink(
      fileURLToPath(new URL('../../node_modules', import.meta.url)),
      join(root, 'node_modules'),
    );
    const stack = await stackFor(t, { rootDir: root });
    await writeFile(join(root, 'www', 'host.html'), hostPage(stack));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ARGS,
      env: { ...process.env, TMPDIR: scratch },
    });
    t.after(async () => {
      await browser.close();
      await rm(scratch, { recursive: true, force: true });
    });

    const context = await browser.newContext();
    const errors = [];
    const watch = (p) => p.on('pageerror', (err) => errors.push(`${p.url()}: ${err.message}`));
    context.on('page', watch);
    const page = await context.newPage();

    // The agent signs in to the workspace first (SP-initiated), which opens the IdP session.
    await page.goto(`${stack.urls.workspace}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.urls.workspace}/`);

    page.on(
      'console',
      (m) => process.env.SIM_DEBUG && console.log('CONSOLE', m.type(), m.text().slice(0, 200)),
    );
    await page.goto(`${stack.urls.workspace}/www/host.html`);

    const seen = () => page.evaluate(() => window.seen);
    // `cond` is a JavaScript expression over the recorded event `e`.
    const waitFor = (name, cond = 'true') =>
      page.waitForFunction(
        ([n, c]) => window.seen.some((e) => e.name === n && new Function('e', `return (${c});`)(e)),
        [name, cond],
        { timeout: 15000, polling: 50 },
      );

    // No Connect session: no ACK, the popup runs the SSO chain, the refreshed iframe ACKs.
    await waitFor('init');
    await waitFor('agent');
    const first = await seen();
    assert.deepEqual(
      first.find((e) => e.name === 'agent'),
      { name: 'agent', agentName: 'Agent Smith', state: 'Offline' },
    );
    assert.equal(stack.connect.agent('agent.smith').signedIn, true);

    const duration = await page.evaluate(() => new connect.Agent().getStateDuration());
    assert.ok(Number.isFinite(duration) && duration >= 0, 'timestamps arrive as Dates');

    await page.evaluate(() => {
      const agent = new connect.Agent();
      const available = agent.getAgentStates().find((s) => s.name === 'Available');
      agent.setState(available, { success: () => window.seen.push({ name: 'set' }) });
    });
    await waitFor('state', "e.to === 'Available'");
    await waitFor('set');

    const contactId = stack.connect.placeCall('agent.smith', { from: '+15555550100' });
    await waitFor('connecting');
    const caller = await page.evaluate(
      () => new connect.Agent().getContacts()[0].getInitialConnection().getEndpoint().phoneNumber,
    );
    assert.equal(caller, '+15555550100');

    await page.evaluate(() => new connect.Agent().getContacts()[0].accept());
    await waitFor('accepted');
    await waitFor('connected');
    assert.equal(stack.connect.agent('agent.smith').contacts[0].state.type, 'connected');

    await page.evaluate(() => new connect.Agent().mute());
    await waitFor('mute', 'e.muted === true');

    await page.evaluate(() => new connect.Agent().getContacts()[0].getAgentConnection().destroy());
    await waitFor('acw');
    await waitFor('ended');
    await waitFor('state', "e.to === 'AfterCallWork'");

    await page.evaluate(() => new connect.Agent().getContacts()[0].clear());
    await waitFor('destroyed');
    await waitFor('state', "e.from === 'AfterCallWork' && e.to === 'Available'");

    // The CCP view in the iframe follows the same server state.
    const frame = page.frameLocator('iframe[name="Amazon Connect CCP"], iframe').first();
    await assert.doesNotReject(frame.getByLabel('Status').waitFor());
    assert.equal(await frame.getByLabel('Status').inputValue(), 'Available');

    // Pushed events reach the host.
    stack.connect.sendToCcp('agent.smith', 'access_denied');
    await waitFor('access_denied');

    // The Connect session ends: auth_fail, the frame reloads onto the login page and stops
    // answering, Streams signs in again through the popup and a fresh CCP acknowledges.
    const loadsBefore = stack.connect.apiCalls.length;
    assert.equal(stack.connect.expireSession('agent.smith'), 1);
    await waitFor('auth_fail');
    // Streams' refresh loop starts after ccpAckTimeout and ends on the new CCP's first ACK.
  const loop = (running) =>
    page.waitForFunction((r) => (connect.core.iframeRefreshTimeout != null) === r, running, {
      timeout: 15000,
      polling: 50,
    });
  await loop(true);
  await loop(false);
  assert.equal(stack.connect.agent('agent.smith').signedIn, true);
  const endpoints = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error('no answer')), 5000);
        const agent = new connect.Agent();
        agent.getEndpoints(agent.getAllQueueARNs(), {
          success: (data) => resolve(data.endpoints.length),
          failure: reject,
        });
      }),
  );
  assert.equal(endpoints, 1);
  assert.ok(stack.connect.apiCalls.length > loadsBefore, 'the new CCP answers API calls');

    const calls = stack.connect.apiCalls.filter((c) => c.via === 'conduit').map((c) => c.method);
    for (const method of ['putAgentState', 'acceptContact', 'destroyConnection', 'clearContact']) {
      assert.ok(calls.includes(method), `${method} went through the conduit`);
    }
    assert.equal(contactId.length, 36);
    assert.deepEqual(errors, []);
  },
);
