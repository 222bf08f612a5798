// The npm entry's API as a front-end developer uses it: subscriptions that unsubscribe, the
// state and snapshot, a listener that throws, and destroy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setUp,
  signInToWorkspace,
  openWorkspace,
  waitForState,
  openPopups,
  eventually,
} from './harness.mjs';

test('on() returns an unsubscribe function; state, snapshot and destroy behave', async (t) => {
  const env = await setUp(t);
  await signInToWorkspace(env);
  await openWorkspace(env);
  await waitForState(env.page, 'ready');

  const result = await env.page.evaluate(async () => {
    const phone = window.softphoneDemo.softphone;
    const seen = { kept: [], dropped: [], all: [] };
    phone.on('state', (detail) => seen.kept.push(detail.state));
    const off = phone.on('state', (detail) => seen.dropped.push(detail.state));
    const offAll = phone.on('*', (_detail, type) => seen.all.push(type));
    off();
    offAll();
    // A listener that throws must not stop the others, nor the softphone.
    window.__reported = [];
    window.addEventListener('error', (event) => {
      window.__reported.push(String(event.message));
      event.preventDefault();
    });
    phone.on('state', () => {
      throw new Error('a listener of the host failed');
    });
    const before = { state: phone.state, snapshot: phone.snapshot() };
    phone.retry();
    await new Promise((resolve) => {
      const check = () => (phone.state === 'ready' ? resolve() : setTimeout(check, 50));
      check();
    });
    phone.destroy();
    return {
      seen,
      before,
      after: phone.state,
      afterSnapshot: phone.snapshot().state,
      reported: window.__reported,
      container: document.getElementById('softphone').childElementCount,
    };
  });

  assert.equal(result.before.state, 'ready');
  assert.equal(result.before.snapshot.agent.username, 'agent.smith');
  assert.equal(result.before.snapshot.mode, 'sso');
  assert.deepEqual(result.before.snapshot.contacts, []);
  assert.equal(result.before.snapshot.problem, null);
  // Playwright's evaluate counts as a user's action, so retry() opened the login window at
  // once (signing-in-sso); the live Connect session made the CCP answer, and the window closed.
  assert.deepEqual(result.seen.kept, ['loading', 'signing-in-sso', 'ready']);
  await eventually(() => openPopups(env).length === 0, 'the login window to close');
  assert.deepEqual(result.seen.dropped, []);
  assert.deepEqual(result.seen.all, []);
  assert.ok(result.reported.some((m) => m.includes('a listener of the host failed')), result.reported.join());
  assert.equal(result.after, 'destroyed');
  assert.equal(result.afterSnapshot, 'destroyed');
  assert.equal(result.container, 0);
});
