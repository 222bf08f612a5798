import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, readForm, signInAtIdp, stackFor } from '../lib/client.mjs';

test('the IdP login form is pre-filled with the first user', async (t) => {
  const stack = await stackFor(t);
  const response = await new Client().request(`${stack.urls.idp}/login`);
  assert.equal(response.status, 200);
  const html = await response.text();
  const form = readForm(html);
  const first = stack.directory.idp.users[0];
  assert.equal(form.fields.username, first.username);
  assert.equal(form.fields.password, first.password);
  assert.match(html, /<button type="submit">Sign in<\/button>/);
});

test('a wrong password shows the form again with an error, status 401', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  const response = await client.request(`${stack.urls.idp}/login`, {
    method: 'POST',
    form: { username: 'agent.smith', password: 'wrong', continue: '/' },
  });
  assert.equal(response.status, 401);
  assert.match(await response.text(), /wrong username or password/);
  assert.equal(client.cookies.has('idp_session'), false);
});

test('IdP-initiated with a session answers at once with a POST to AWS', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);
  assert.ok(client.cookies.has('idp_session'));

  const response = await client.request(stack.ssoLoginUrl);
  assert.equal(response.status, 200);
  const form = readForm(await response.text());
  assert.equal(form.method, 'POST');
  assert.equal(form.action, `${stack.urls.aws}/saml`);
  assert.equal(form.fields.RelayState, stack.federationUrl);
  const xml = Buffer.from(form.fields.SAMLResponse, 'base64').toString('utf8');
  assert.match(xml, /<saml:Audience>urn:amazon:webservices<\/saml:Audience>/);
  assert.match(xml, /RoleSessionName"[^>]*><saml:AttributeValue[^>]*>agent\.smith</);
  assert.match(xml, /ds:Signature/);
});

test('IdP-initiated without a session shows the login form, then continues', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  const first = await client.request(stack.ssoLoginUrl);
  assert.equal(first.status, 200);
  const html = await first.text();
  assert.match(html, /name="password"/);

  const { response, hops } = await client.submit(html, stack.ssoLoginUrl);
  assert.equal(hops.at(-1), stack.ssoLoginUrl, 'back at the same IdP-initiated URL');
  const form = readForm(await response.text());
  assert.equal(form.action, `${stack.urls.aws}/saml`);
  assert.equal(form.fields.RelayState, stack.federationUrl, 'the RelayState survives the login');
});

test('the RelayState is read as a query parser reads it', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);
  const base = `${stack.urls.idp}/app/amazon_aws/${stack.idp.appId}/sso/saml`;
  const federate = `${stack.urls.aws}/connect/federate/${stack.instanceId}`;

  // Pasted unencoded, as vendor examples do: the inner `&new_domain=true` is lost.
  const pasted = await client.request(
    `${base}?RelayState=${federate}?destination=%2Fccp-v2&new_domain=true`,
  );
  assert.equal(readForm(await pasted.text()).fields.RelayState, `${federate}?destination=/ccp-v2`);

  // Fully encoded: round-trips exactly.
  const relay = `${federate}?destination=%2Fccp-v2&new_domain=true`;
  const encoded = await client.request(`${base}?RelayState=${encodeURIComponent(relay)}`);
  assert.equal(readForm(await encoded.text()).fields.RelayState, relay);

  // None: the app's default relay state.
  const none = await client.request(base);
  assert.equal(readForm(await none.text()).fields.RelayState, stack.federationUrl);
});

test('a down IdP answers 503; logout ends the session', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);

  stack.idp.setFault('down');
  assert.equal((await client.request(stack.ssoLoginUrl)).status, 503);
  stack.idp.setFault(null);

  const out = await client.request(`${stack.urls.idp}/logout`);
  assert.equal(out.status, 200);
  const again = await client.request(stack.ssoLoginUrl);
  assert.match(await again.text(), /name="password"/);
  assert.throws(() => stack.idp.setFault('bogus'), TypeError);
});

test('the IdP rejects an unknown app and an unregistered SP', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  await signInAtIdp(client, stack);
  const unknownApp = await client.request(`${stack.urls.idp}/app/amazon_aws/nope/sso/saml`);
  assert.equal(unknownApp.status, 404);
  const noRequest = await client.request(`${stack.urls.idp}/sso/saml`);
  assert.equal(noRequest.status, 400);
});
