import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, ssoToCcp, stackFor } from '../lib/client.mjs';

test('an exact user name federates into Connect and lands on the CCP', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  const { response, hops } = await ssoToCcp(client, stack);
  assert.equal(response.status, 200);
  assert.equal(hops.at(-1), stack.ccpUrl);
  assert.ok(
    hops.some((h) => h.startsWith(`${stack.urls.aws}/connect/federate/${stack.instanceId}`)),
  );
  assert.ok(hops.some((h) => h.startsWith(`${stack.instanceUrl}/auth/sign-in?token=`)));
  assert.ok(client.cookies.has('lily-auth-sim'));
  assert.match(await response.text(), /<title>Amazon Connect CCP<\/title>/);
  assert.equal(stack.connect.agent('agent.smith').signedIn, true);
});

test('a case-only difference gives the "not onboarded" access-denied page', async (t) => {
  const base = await stackFor(t);
  const directory = structuredClone(base.directory);
  directory.idp.users[0].roleSessionName = 'Agent.Smith';
  const stack = await stackFor(t, { directory });
  const client = new Client();
  const { response, hops } = await ssoToCcp(client, stack);
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.match(
    await response.text(),
    /Access Denied\. Your account has been authenticated, but has not been onboarded to this application\./,
  );
  assert.ok(hops.at(-1).startsWith(`${stack.urls.aws}/connect/federate/`));
  assert.equal(client.cookies.has('lily-auth-sim'), false);
  assert.equal(stack.connect.agent('agent.smith').signedIn, false);
});

test('federation needs a console session and a known instance', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  const noSession = await client.request(stack.federationUrl);
  assert.equal(noSession.status, 401);

  await ssoToCcp(client, stack);
  const unknown = await client.request(
    `${stack.urls.aws}/connect/federate/00000000-0000-4000-8000-000000000000`,
  );
  assert.equal(unknown.status, 404);
});

test('federation tokens are one-time; the destination stays on the instance', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await ssoToCcp(client, stack);

  const federate = await client.request(stack.federationUrl);
  assert.equal(federate.status, 302);
  const signIn = new URL(federate.headers.get('location'));
  assert.equal(signIn.origin, stack.instanceUrl);
  assert.equal(signIn.searchParams.get('destination'), '/ccp-v2/');

  const fresh = new Client();
  const first = await fresh.request(signIn.href);
  assert.equal(first.status, 302);
  assert.equal(first.headers.get('location'), '/ccp-v2/');
  const replay = await new Client().request(signIn.href);
  assert.equal(replay.status, 401);

  const offsite = await client.request(
    `${stack.urls.aws}/connect/federate/${stack.instanceId}` +
      `?destination=${encodeURIComponent('https://example.com/')}`,
  );
  const refused = await new Client().request(offsite.headers.get('location'));
  assert.equal(refused.status, 400);
});
