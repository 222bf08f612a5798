import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, readForm, signInAtIdp, stackFor } from '../lib/client.mjs';

/** Signs in at the IdP and returns the auto-POST form for the AWS app. */
async function mintedForm(client, stack) {
  const response = await client.request(stack.ssoLoginUrl);
  return readForm(await response.text());
}

async function postToAws(client, form) {
  return client.request(form.action, { method: 'POST', form: form.fields });
}

test('AWS sign-in accepts a good assertion and redirects to the RelayState', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);
  const response = await postToAws(client, await mintedForm(client, stack));
  assert.equal(response.status, 302);
  assert.equal(response.headers.get('location'), stack.federationUrl);
  assert.ok(client.cookies.has('aws-console-session'));
  const [session] = stack.aws.sessions();
  assert.equal(session.roleSessionName, 'agent.smith');
  assert.equal(session.roleArn, 'arn:aws:iam::111122223333:role/ConnectAgent');
  assert.ok(session.expiresAt > Date.now());
});

const INVALID = /Your request included an invalid SAML response/;
const faults = [
  ['expired', INVALID, /expired/],
  ['not-yet-valid', INVALID, /not yet valid/],
  ['tampered', INVALID, /signature/i],
  ['wrong-audience', INVALID, /audience/],
  ['wrong-recipient', INVALID, /Destination|recipient/i],
  ['missing-role', INVALID, /Role attribute/],
  ['missing-role-session-name', /RoleSessionName is required in AuthnResponse/, /RoleSessionName/],
];

for (const [fault, message, detail] of faults) {
  test(`AWS sign-in rejects the IdP fault "${fault}"`, async (t) => {
    const stack = await stackFor(t);
    const client = new Client();
    await signInAtIdp(client, stack);
    stack.idp.setFault(fault);
    const response = await postToAws(client, await mintedForm(client, stack));
    assert.equal(response.status, 400);
    assert.match(await response.text(), message);
    assert.match(response.headers.get('x-sim-detail'), detail);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(client.cookies.has('aws-console-session'), false);
  });
}

test('AWS sign-in without a RelayState goes to the console home', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);
  const form = await mintedForm(client, stack);
  delete form.fields.RelayState;
  const response = await postToAws(client, form);
  assert.equal(response.status, 302);
  assert.equal(response.headers.get('location'), '/console/home');
  const home = await client.request(`${stack.urls.aws}/console/home`);
  assert.match(await home.text(), /ConnectAgent\/agent\.smith/);
});

test('a RelayState on a real console host is served by the stand-in', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);
  const form = await mintedForm(client, stack);
  const path = `/connect/federate/${stack.instanceId}?destination=%2Fccp-v2`;
  form.fields.RelayState = `https://us-east-1.console.aws.amazon.com${path}`;
  const response = await postToAws(client, form);
  assert.equal(response.headers.get('location'), `${stack.urls.aws}${path}`);
});

test('a RoleSessionName that AWS does not allow is refused', async (t) => {
  const directory = structuredClone((await stackFor(t)).directory);
  directory.idp.users[0].roleSessionName = 'agent smith';
  const stack = await stackFor(t, { directory });
  const client = new Client();
  await signInAtIdp(client, stack);
  const response = await postToAws(client, await mintedForm(client, stack));
  assert.equal(response.status, 400);
  assert.match(await response.text(), INVALID);
});

test('a garbage SAMLResponse is an invalid SAML response', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  const response = await client.request(`${stack.urls.aws}/saml`, {
    method: 'POST',
    form: {
      SAMLResponse: Buffer.from('<nope/>').toString('base64'),
      RelayState: stack.federationUrl,
    },
  });
  assert.equal(response.status, 400);
  assert.match(await response.text(), INVALID);
});
