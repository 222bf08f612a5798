import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startStack } from '../stack.mjs';
import { Client, stackFor } from '../lib/client.mjs';

test('four origins on 127.0.0.1 and the URLs the component needs', async (t) => {
  const stack = await stackFor(t);
  const origins = Object.values(stack.urls);
  assert.equal(new Set(origins).size, 4);
  for (const origin of origins) assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(stack.instanceUrl, stack.urls.connect);
  assert.equal(stack.ccpUrl, `${stack.urls.connect}/ccp-v2/`);
  assert.equal(stack.region, 'us-east-1');
  assert.match(stack.instanceId, /^[0-9a-f-]{36}$/);
  assert.equal(
    stack.ssoLoginUrl,
    `${stack.urls.idp}/app/amazon_aws/${stack.idp.appId}/sso/saml?RelayState=` +
      encodeURIComponent(
        `${stack.urls.aws}/connect/federate/${stack.instanceId}?destination=%2Fccp-v2%2F`,
      ),
  );
});

test('a directory can be a path; a broken one is refused', async (t) => {
  const path = fileURLToPath(new URL('../directory.json', import.meta.url));
  const stack = await stackFor(t, { directory: path });
  assert.equal(stack.directory.connect.users[0].username, 'agent.smith');
  await assert.rejects(startStack({ directory: { instance: {} } }), /invalid directory/);
});

test('per-hop latency delays that stand-in only', async (t) => {
  const stack = await stackFor(t, { latencyMs: { idp: 150 } });
  const client = new Client();
  let started = Date.now();
  await client.request(`${stack.urls.idp}/login`);
  assert.ok(Date.now() - started >= 140, 'the IdP is slow');
  started = Date.now();
  await client.request(`${stack.urls.aws}/console/home`);
  assert.ok(Date.now() - started < 140, 'AWS is not');
  stack.latencyMs.idp = 0;
  started = Date.now();
  await client.request(`${stack.urls.idp}/login`);
  assert.ok(Date.now() - started < 140, 'latency can change at run time');
});

test('close() ends open event streams and can be called twice', async () => {
  const stack = await startStack();
  const client = new Client();
  await client.request(`${stack.instanceUrl}/login`, {
    method: 'POST',
    form: { username: 'agent.smith', password: 'local-test-only', destination: '/ccp-v2/' },
  });
  const events = await client.request(`${stack.instanceUrl}/ccp-v2/events`);
  assert.equal(events.status, 200);
  const reading = events.text().catch(() => 'closed');
  await Promise.all([stack.close(), stack.close()]);
  await reading;
  await assert.rejects(fetch(`${stack.urls.idp}/login`));
});

test('main.mjs prints the URLs and stops cleanly on SIGTERM', async () => {
  const main = fileURLToPath(new URL('../main.mjs', import.meta.url));
  const child = spawn(process.execPath, [main, '--ports', '0,0,0,0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up output: ${output}`)), 10000);
    child.stdout.on('data', () => {
      if (output.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
  });
  const workspace = /Agent workspace\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)[1];
  assert.equal((await fetch(`${workspace}/api/defaults`)).status, 200);
  const exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});

test('main.mjs refuses bad ports with a usage error', async () => {
  const main = fileURLToPath(new URL('../main.mjs', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, SIM_PORTS: '1,2' },
    stdio: 'ignore',
  });
  assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 2);
});
