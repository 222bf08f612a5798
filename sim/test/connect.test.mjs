import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, ssoToCcp, stackFor } from '../lib/client.mjs';

/** Reads Server-Sent Events from a fetch response: next() resolves to { event, data }. */
function eventReader(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) return { event, data: JSON.parse(data.join('\n')) };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

async function signedIn(t, options) {
  const stack = await stackFor(t, options);
  const client = new Client();
  const { response } = await ssoToCcp(client, stack);
  assert.equal(response.status, 200);
  const api = async (method, params = {}) => {
    const res = await client.request(`${stack.instanceUrl}/ccp-v2/api`, {
      method: 'POST',
      json: { method, params, via: 'test' },
    });
    assert.equal(res.status, 200);
    return res.json();
  };
  return { stack, client, api };
}

const available = (configuration) => configuration.agentStates.find((s) => s.name === 'Available');

test('the CCP without a session redirects to a login page that refuses framing', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  for (const path of ['/ccp-v2/', '/ccp-v2']) {
    const response = await client.request(`${stack.instanceUrl}${path}`);
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), '/login?destination=%2Fccp-v2%2F');
  }
  const login = await client.request(`${stack.instanceUrl}/login?destination=%2Fccp-v2%2F`);
  assert.equal(login.status, 200);
  assert.equal(login.headers.get('x-frame-options'), 'DENY');
  assert.equal(login.headers.get('content-security-policy'), "frame-ancestors 'none'");
  assert.match(await login.text(), /name="password"/);
});

test('the CCP with a session allows framing by the workspace origin', async (t) => {
  const { stack, client } = await signedIn(t);
  const response = await client.request(stack.ccpUrl);
  assert.equal(response.status, 200);
  assert.equal(
    response.headers.get('content-security-policy'),
    `frame-ancestors 'self' ${stack.urls.workspace}`,
  );
  assert.equal(response.headers.get('x-frame-options'), null);
  const html = await response.text();
  assert.match(html, /<label for="status">Status<\/label>/);
  const boot = JSON.parse(
    /<script id="ccp-boot" type="application\/json">(.*?)<\/script>/s.exec(html)[1],
  );
  assert.equal(boot.acknowledge, true);
  assert.equal(boot.agent.configuration.username, 'agent.smith');

  stack.connect.setFault({ neverAcknowledge: true });
  const silent = await (await client.request(stack.ccpUrl)).text();
  assert.match(silent, /"acknowledge":false/);

  stack.connect.setApprovedOrigins([]);
  const unapproved = await client.request(stack.ccpUrl);
  assert.equal(unapproved.headers.get('content-security-policy'), "frame-ancestors 'self'");
});

test('the standard login sets the Connect session and returns to the CCP', async (t) => {
  const stack = await stackFor(t);
  const client = new Client();
  const { response: login } = await client.follow(stack.ccpUrl);
  const { response, hops } = await client.submit(await login.text(), `${stack.instanceUrl}/login`);
  assert.equal(response.status, 200);
  assert.equal(hops.at(-1), stack.ccpUrl);
  assert.ok(client.cookies.has('lily-auth-sim'));

  const wrong = await new Client().request(`${stack.instanceUrl}/login`, {
    method: 'POST',
    form: { username: 'agent.smith', password: 'nope', destination: '/ccp-v2/' },
  });
  assert.equal(wrong.status, 401);
});

test('a SAML-only instance shows "Session expired" to direct visitors', async (t) => {
  const base = await stackFor(t);
  const directory = structuredClone(base.directory);
  directory.instance.identityManagement = 'SAML';
  const stack = await stackFor(t, { directory });
  const { response } = await new Client().follow(stack.ccpUrl);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  const html = await response.text();
  assert.match(html, /Session expired/);
  assert.doesNotMatch(html, /name="password"/);
});

test('a whole voice contact through the CTI API, pushed over Server-Sent Events', async (t) => {
  const { stack, client, api } = await signedIn(t);
  const stream = await client.request(`${stack.instanceUrl}/ccp-v2/events`);
  assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const events = eventReader(stream);
  t.after(() => events.cancel());
  const first = await events.next();
  assert.equal(first.event, 'agent');
  assert.equal(first.data.agent.snapshot.state.name, 'Offline');
  const configuration = first.data.agent.configuration;
  assert.match(
    configuration.routingProfile.routingProfileId,
    new RegExp(`instance/${stack.instanceId}/`),
  );
  assert.ok(configuration.routingProfile.queues.some((q) => q.queueARN.includes('/queue/agent/')));

  assert.throws(() => stack.connect.placeCall('agent.smith'), /not routable/);

  assert.deepEqual(
    await api('putAgentState', { state: available(configuration), enqueueNextState: false }),
    { data: {} },
  );
  assert.equal((await events.next()).data.agent.snapshot.state.name, 'Available');

  const contactId = stack.connect.placeCall('agent.smith', { from: '+15555550100' });
  let snapshot = (await events.next()).data.agent.snapshot;
  assert.equal(snapshot.state.name, 'PendingBusy');
  const [contact] = snapshot.contacts;
  assert.equal(contact.contactId, contactId);
  assert.equal(contact.type, 'voice');
  assert.equal(contact.state.type, 'connecting');
  const agentConnection = contact.connections.find((c) => c.type === 'agent');
  const inbound = contact.connections.find((c) => c.type === 'inbound');
  assert.equal(agentConnection.state.type, 'connecting');
  assert.equal(inbound.state.type, 'connected');
  assert.equal(inbound.endpoint.phoneNumber, '+15555550100');

  await api('acceptContact', { contactId });
  snapshot = (await events.next()).data.agent.snapshot;
  assert.equal(snapshot.contacts[0].state.type, 'connected');
  assert.equal(snapshot.state.name, 'Busy');

  await api('holdConnection', { contactId, connectionId: inbound.connectionId });
  assert.equal(
    (await events.next()).data.agent.snapshot.contacts[0].connections[1].state.type,
    'hold',
  );
  await api('resumeConnection', { contactId, connectionId: inbound.connectionId });
  await events.next();

  await api('destroyConnection', { contactId, connectionId: agentConnection.connectionId });
  snapshot = (await events.next()).data.agent.snapshot;
  assert.equal(snapshot.contacts[0].state.type, 'ended');
  assert.equal(snapshot.state.name, 'AfterCallWork');

  await api('clearContact', { contactId });
  snapshot = (await events.next()).data.agent.snapshot;
  assert.deepEqual(snapshot.contacts, []);
  assert.equal(snapshot.state.name, 'Available');

  const server = stack.connect.agent('agent.smith');
  assert.equal(server.state.name, 'Available');
  assert.ok(server.state.startTimestamp instanceof Date);
  assert.equal(server.ccpPages, 1);
  assert.deepEqual(
    stack.connect.apiCalls.map((c) => c.method),
    [
      'putAgentState',
      'acceptContact',
      'holdConnection',
      'resumeConnection',
      'destroyConnection',
      'clearContact',
    ],
  );
});

test('rejecting a call, errors as the worker formats them, unknown methods', async (t) => {
  const { stack, api } = await signedIn(t);
  const { configuration } = (await api('getAgentConfiguration')).data;
  await api('putAgentState', { state: available(configuration) });
  const contactId = stack.connect.placeCall('agent.smith');
  assert.throws(() => stack.connect.placeCall('agent.smith'), /already has a contact/);
  await api('rejectContact', { contactId });
  const agent = stack.connect.agent('agent.smith');
  assert.deepEqual(agent.contacts, []);
  assert.equal(agent.state.name, 'Available');

  const failed = await api('acceptContact', { contactId });
  assert.equal(failed.err.type, 'InvalidStateException');
  assert.equal(failed.err.statusCode, 400);
  const unknown = await api('createTransport', {});
  assert.equal(unknown.err.type, 'UnknownOperationException');

  for (const [method, key] of [
    ['getAgentStates', 'states'],
    ['getAgentPermissions', 'permissions'],
    ['getDialableCountryCodes', 'countryCodes'],
    ['getRoutingProfileQueues', 'queues'],
    ['getEndpoints', 'endpoints'],
  ]) {
    const { data } = await api(method);
    assert.ok(Array.isArray(data[key]), method);
    assert.equal(data.nextToken, null);
  }
  assert.ok((await api('getAgentSnapshot')).data.snapshot.snapshotTimestamp);
});

test('a missed call and a caller who hangs up', async (t) => {
  const { stack, api } = await signedIn(t);
  const { configuration } = (await api('getAgentConfiguration')).data;
  await api('putAgentState', { state: available(configuration) });

  const missed = stack.connect.placeCall('agent.smith', { ringTimeoutMs: 20 });
  await new Promise((resolve) => setTimeout(resolve, 60));
  let agent = stack.connect.agent('agent.smith');
  assert.equal(agent.contacts[0].state.type, 'missed');
  assert.equal(agent.state.name, 'MissedCallAgent');
  await api('clearContact', { contactId: missed });
  assert.equal(stack.connect.agent('agent.smith').state.name, 'Available');

  const call = stack.connect.placeCall('agent.smith');
  await api('acceptContact', { contactId: call });
  stack.connect.customerHangUp(call);
  agent = stack.connect.agent('agent.smith');
  assert.equal(agent.contacts[0].state.type, 'ended');
  assert.equal(agent.state.name, 'AfterCallWork');
});

test('sendToCcp pushes events; terminated and expireSession end the session', async (t) => {
  const { stack, client, api } = await signedIn(t);
  const events = eventReader(await client.request(`${stack.instanceUrl}/ccp-v2/events`));
  t.after(() => events.cancel());
  await events.next();

  assert.equal(stack.connect.sendToCcp('agent.smith', 'access_denied'), 1);
  assert.deepEqual(await events.next(), { event: 'ccp', data: { event: 'access_denied' } });

  assert.equal(stack.connect.expireSession('agent.smith'), 1);
  assert.deepEqual(await events.next(), { event: 'ccp', data: { event: 'auth_fail' } });
  assert.equal((await client.request(stack.ccpUrl)).status, 302);
  const noSession = await client.request(`${stack.instanceUrl}/ccp-v2/api`, {
    method: 'POST',
    json: { method: 'getAgentSnapshot' },
  });
  assert.equal(noSession.status, 401);

  await ssoToCcp(client, stack);
  assert.equal((await api('getAgentSnapshot')).data.snapshot.state.name, 'Offline');
  assert.equal(stack.connect.sendToCcp('agent.smith', 'terminated'), 1);
  assert.deepEqual(await events.next(), { event: 'ccp', data: { event: 'terminated' } });
  assert.equal(await events.next(), null, 'the stream ends');
  assert.equal(stack.connect.agent('agent.smith').signedIn, false);
});

test('a Connect session ends after its length and the open pages get auth_fail', async (t) => {
  const stack = await stackFor(t, { connectSessionTtlMs: 1500 });
  const client = new Client();
  await ssoToCcp(client, stack);
  const events = eventReader(await client.request(`${stack.instanceUrl}/ccp-v2/events`));
  t.after(() => events.cancel());
  assert.equal((await events.next()).event, 'agent');
  assert.deepEqual(await events.next(), { event: 'ccp', data: { event: 'auth_fail' } });
  assert.equal((await client.request(stack.ccpUrl)).status, 302);
});

test('the HTTP test control places calls, with CORS for the workspace only', async (t) => {
  const { stack, api } = await signedIn(t);
  const { configuration } = (await api('getAgentConfiguration')).data;
  const control = new Client();
  const call = (headers) =>
    control.request(`${stack.instanceUrl}/__sim/call`, {
      method: 'POST',
      json: { username: 'agent.smith', from: '+15555550111' },
      headers,
    });

  const refused = await call({ origin: stack.urls.workspace });
  assert.equal(refused.status, 409, 'the agent is offline');
  assert.equal(refused.headers.get('access-control-allow-origin'), stack.urls.workspace);

  await api('putAgentState', { state: available(configuration) });
  const preflight = await control.request(`${stack.instanceUrl}/__sim/call`, {
    method: 'OPTIONS',
    headers: { origin: stack.urls.workspace, 'access-control-request-method': 'POST' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), stack.urls.workspace);

  const placed = await call({ origin: stack.urls.workspace });
  assert.equal(placed.status, 200);
  const { contactId } = await placed.json();
  assert.equal(stack.connect.agent('agent.smith').contacts[0].contactId, contactId);

  const other = await control.request(`${stack.instanceUrl}/__sim/agent?username=agent.smith`, {
    headers: { origin: 'http://127.0.0.1:1' },
  });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  assert.equal(
    (
      await control.request(`${stack.instanceUrl}/__sim/call`, {
        method: 'POST',
        json: { username: 'nobody' },
      })
    ).status,
    404,
  );
});
