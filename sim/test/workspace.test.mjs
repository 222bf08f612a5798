import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Client, signInAtIdp, stackFor } from '../lib/client.mjs';

test('SP-initiated login sets ws_session; /api/session names the user', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();

  assert.equal((await client.request(`${stack.urls.workspace}/api/session`)).status, 401);

  const start = await client.request(`${stack.urls.workspace}/`);
  assert.equal(start.status, 302);
  const authn = new URL(start.headers.get('location'));
  assert.equal(`${authn.origin}${authn.pathname}`, `${stack.urls.idp}/sso/saml`);
  const request = inflateRawSync(
    Buffer.from(authn.searchParams.get('SAMLRequest'), 'base64'),
  ).toString();
  assert.match(
    request,
    new RegExp(`AssertionConsumerServiceURL="${stack.urls.workspace}/saml/acs"`),
  );

  // No IdP session yet: the IdP shows its login form, then answers the AuthnRequest.
  const { response: loginPage } = await client.follow(authn.href);
  const { response: autoPost, hops } = await client.submit(await loginPage.text(), authn.href);
  assert.equal(hops.at(-1), authn.href);
  const { response, hops: back } = await client.submit(await autoPost.text(), authn.href);
  assert.ok(back.includes(`${stack.urls.workspace}/saml/acs`));
  assert.equal(back.at(-1), `${stack.urls.workspace}/`);
  assert.equal(response.status, 200);
  assert.ok(client.cookies.has('ws_session'));
  assert.ok(client.cookies.has('idp_session'));

  const session = await client.request(`${stack.urls.workspace}/api/session`);
  assert.deepEqual(await session.json(), { username: 'agent.smith', name: 'Agent Smith' });

  await client.request(`${stack.urls.workspace}/logout`);
  assert.equal((await client.request(`${stack.urls.workspace}/api/session`)).status, 401);
});

test('the sign-in returns to the page asked for, query included', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);
  const { response: autoPost, hops } = await client.follow(`${stack.urls.workspace}/?ccpLoadTimeoutMs=1500`);
  const { hops: back } = await client.submit(await autoPost.text(), hops.at(-1));
  assert.equal(back.at(-1), `${stack.urls.workspace}/?ccpLoadTimeoutMs=1500`);
});

test('with an IdP session no form is shown; a replayed response fails', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);
  const { response: autoPost, hops } = await client.follow(`${stack.urls.workspace}/`);
  const html = await autoPost.text();
  assert.match(html, /name="SAMLResponse"/);
  const { response } = await client.submit(html, hops.at(-1));
  assert.equal(response.status, 200);
  assert.ok(client.cookies.has('ws_session'));

  // The same Response again: its InResponseTo was used up.
  const { response: replay } = await new Client().submit(html, hops.at(-1));
  assert.equal(replay.status, 401);
});

test('an IdP user with no workspace account is refused', async (t) => {
  const base = await stackFor(t);
  const directory = structuredClone(base.directory);
  directory.workspace.users = directory.workspace.users.filter((u) => u.username !== 'agent.smith');
  const stack = await stackFor(t, { directory });
  const client = new Client();
  await signInAtIdp(client, stack);
  const { response: autoPost, hops } = await client.follow(`${stack.urls.workspace}/`);
  const { response } = await client.submit(await autoPost.text(), hops.at(-1));
  assert.equal(response.status, 403);
  assert.equal(client.cookies.has('ws_session'), false);
});

test('defaults for the demo form', async (t) => {
  const stack = await stackFor(t);
  const response = await new Client().request(`${stack.urls.workspace}/api/defaults`);
  assert.deepEqual(await response.json(), {
    instanceUrl: stack.instanceUrl,
    ssoLoginUrl: stack.ssoLoginUrl,
    region: 'us-east-1',
    instanceId: stack.instanceId,
    simControlUrl: `${stack.instanceUrl}/__sim`,
  });
  const sso = new URL(stack.ssoLoginUrl);
  assert.equal(sso.searchParams.get('RelayState'), stack.federationUrl);
  assert.equal(
    new URL(sso.searchParams.get('RelayState')).searchParams.get('destination'),
    '/ccp-v2/',
  );
});

test('static files: content types, no-store, no traversal', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'sim-root-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'www'));
  await mkdir(join(root, 'js'));
  await mkdir(join(root, 'pkg'));
  await mkdir(join(root, 'node_modules/amazon-connect-streams/release'), { recursive: true });
  await writeFile(join(root, 'www/index.html'), '<!doctype html><title>demo</title>');
  await writeFile(join(root, 'www/app.css'), 'body{}');
  await writeFile(join(root, 'js/index.js'), 'export {};');
  await writeFile(join(root, 'pkg/softphone_bg.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(
    join(root, 'node_modules/amazon-connect-streams/release/connect-streams-min.js'),
    '/*streams*/',
  );
  await writeFile(join(root, 'secret.txt'), 'secret');

  const stack = await stackFor(t, { rootDir: root });
  const client = new Client();
  const get = (path) => client.request(`${stack.urls.workspace}${path}`);
  const expectations = [
    ['/js/index.js', 'text/javascript; charset=utf-8'],
    ['/pkg/softphone_bg.wasm', 'application/wasm'],
    ['/www/app.css', 'text/css; charset=utf-8'],
    ['/app.css', 'text/css; charset=utf-8'],
    ['/vendor/connect-streams.js', 'text/javascript; charset=utf-8'],
  ];
  for (const [path, type] of expectations) {
    const response = await get(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), type, path);
    assert.equal(response.headers.get('cache-control'), 'no-store', path);
  }
  for (const path of [
    '/www/../secret.txt',
    '/www/%2e%2e/secret.txt',
    '/js/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/pkg/%00',
  ]) {
    assert.equal((await get(path)).status, 404, path);
  }

  await signInAtIdp(client, stack);
  const { response: autoPost, hops } = await client.follow(`${stack.urls.workspace}/`);
  const { response } = await client.submit(await autoPost.text(), hops.at(-1));
  assert.equal(await response.text(), '<!doctype html><title>demo</title>');
});

test('without www/index.html the signed-in user gets a placeholder', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'sim-root-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const stack = await stackFor(t, { rootDir: root });
  const client = new Client();
  await signInAtIdp(client, stack);
  const { response: autoPost, hops } = await client.follow(`${stack.urls.workspace}/`);
  const { response } = await client.submit(await autoPost.text(), hops.at(-1));
  assert.equal(response.status, 200);
  assert.match(await response.text(), /Signed in as <strong>Agent Smith<\/strong>/);
});
