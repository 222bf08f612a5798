// The demo as `npm start` serves it: the stand-ins started by sim/main.mjs, the default
// settings, default timings, and a newcomer who only presses "Sign in". Then an admin edits the
// instance settings and sees the findings as they type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, ARGS } from './harness.mjs';

const MAIN = fileURLToPath(new URL('../../sim/main.mjs', import.meta.url));

async function startDemo(t) {
  const child = spawn(process.execPath, [MAIN, '--ports', '0,0,0,0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  let output = '';
  for await (const chunk of child.stdout) {
    output += chunk;
    if (output.includes('Stop with Ctrl+C')) break;
  }
  const url = output.match(/^Agent workspace +(\S+)$/m)?.[1];
  assert.ok(url, output);
  return { child, url };
}

test('npm start: the default agent signs in once and the softphone reaches ready', async (t) => {
  const { child, url } = await startDemo(t);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  t.after(() => browser.close());
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  context.on('page', (p) => p.on('pageerror', (e) => errors.push(e.message)));
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(url);
  // The IdP's form comes pre-filled: the newcomer only presses "Sign in".
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('#softphone[data-softphone-state="ready"]', { timeout: 40_000 });
  assert.equal(await page.locator('#state-words').textContent(), 'Ready');
  assert.match(await page.locator('#user-name').textContent(), /Agent Smith/);
  assert.equal(context.pages().length, 1, 'no login window left open');

  // The admin breaks the SSO Login URL: the finding shows up while typing, before any save.
  const sso = page.locator('input[name=ssoLoginUrl]');
  const good = await sso.inputValue();
  const instanceId = await page.locator('input[name=instanceId]').inputValue();
  assert.ok(good.includes(instanceId));
  await sso.fill(good.replace(instanceId, instanceId.replace(/.$/, (c) => (c === '0' ? '1' : '0'))));
  const finding = page.locator('#findings .finding[data-severity=error]');
  await finding.first().waitFor({ timeout: 5000 });
  assert.equal(await finding.first().getAttribute('data-code'), 'relay-state-instance-mismatch');
  await sso.fill('javascript:alert(1)');
  await page.locator('#findings .finding[data-code=sso-url-invalid]').waitFor({ timeout: 5000 });
  await sso.fill(good);
  await page.locator('#findings .finding[data-severity=error]').waitFor({ state: 'detached', timeout: 5000 });

  // Saving a broken configuration is refused, and the softphone that works stays.
  await sso.fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Save and reconnect' }).click();
  await page.locator('#events li[data-type=not-saved]').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('#softphone').getAttribute('data-softphone-state'), 'ready');
  assert.equal(await page.locator('#softphone iframe').count(), 1);

  // The component itself refuses it too, before anything is mounted.
  const refused = await page.evaluate(async (ssoLoginUrl) => {
    const { mount, SoftphoneError } = await import('/js/index.js');
    const element = document.createElement('div');
    document.body.append(element);
    try {
      await mount(element, { instanceUrl: 'https://acme.my.connect.aws', ssoLoginUrl });
      return null;
    } catch (error) {
      return {
        isSoftphoneError: error instanceof SoftphoneError,
        code: error.code,
        fields: error.findings.filter((f) => f.severity === 'error').map((f) => f.field),
        children: element.childElementCount,
      };
    }
  }, 'javascript:alert(1)');
  assert.deepEqual(refused, { isSoftphoneError: true, code: 'config-invalid', fields: ['ssoLoginUrl'], children: 0 });

  assert.deepEqual(errors, []);
  assert.equal(child.exitCode, null, 'the stand-ins still run');
});
