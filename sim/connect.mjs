// The Amazon Connect instance stand-in (`https://<alias>.my.connect.aws`).
//
// - `GET /auth/sign-in?token=…&destination=…`: the end of federation. Exchanges the one-time
//   token from the AWS stand-in for a Connect session (cookie `lily-auth-sim`).
// - `GET /login`: the standard login page (or "Session expired" on a SAML-only instance). It
//   refuses framing, so a CCP iframe without a session never acknowledges.
// - `GET /ccp-v2/`: the CCP page, framable by the approved origins only. The agent state lives
//   here, per Connect user; pages reach it through `POST /ccp-v2/api` and get snapshots over
//   Server-Sent Events from `/ccp-v2/events`.
// - `/__sim/*`: local test control for the demo page (place a call, push CCP events); not part
//   of the AWS surface.

import { readFileSync } from 'node:fs';
import {
  clearCookie,
  createServer,
  escapeHtml,
  isLocalPath,
  loginForm,
  newToken,
  page,
  parseCookies,
  readForm,
  readJson,
  redirect,
  requestUrl,
  sendHtml,
  sendJson,
  sendText,
  setCookie,
} from './lib/http.mjs';
import { AgentModel, ApiError, instanceCatalog } from './lib/agent-model.mjs';

export const CONNECT_COOKIE = 'lily-auth-sim';
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const CCP_SCRIPT = readFileSync(new URL('./ccp/ccp.js', import.meta.url), 'utf8');
const CCP_STYLE = readFileSync(new URL('./ccp/ccp.css', import.meta.url), 'utf8');
const SSE_KEEPALIVE_MS = 15 * 1000;
const API_PUSH_DELAY_MS = 20;
const CLOSE_STREAMS = Symbol('close streams');

const NO_FRAMING = {
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
};

const CONNECT_STYLE = `
  main { border-top: 4px solid #0972d3; }
  .brand { font-weight: 700; color: #0a4a74; }
`;

/**
 * `ctx` as for the other stand-ins, plus `ctx.federationTokens` (filled by the AWS stand-in),
 * `ctx.approvedOrigins()` and `ctx.connectSessionTtlMs`.
 */
export function createConnect(ctx) {
  const { instance } = ctx.directory;
  const catalog = instanceCatalog(instance);
  const sessions = new Map(); // token -> { username, expiresAt, timer }
  const models = new Map(); // username -> AgentModel
  const streams = new Map(); // username -> Set<{ res, sessionToken, keepalive }>
  const apiCalls = [];
  let fault = { neverAcknowledge: false };

  const connectUser = (username) =>
    ctx.directory.connect.users.find((u) => u.username === username);

  function model(username) {
    let agent = models.get(username);
    if (!agent) {
      const user = connectUser(username);
      if (!user) return null;
      agent = new AgentModel({ user, instance, catalog, onChange: pushAgent });
      models.set(username, agent);
    }
    return agent;
  }

  // ---- sessions ---------------------------------------------------------------------------

  function startSession(res, username) {
    const token = newToken();
    const ttl = ctx.connectSessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
    const timer = setTimeout(() => sessionExpired(token), Math.min(ttl, 2 ** 31 - 1));
    timer.unref?.();
    sessions.set(token, { username, expiresAt: Date.now() + ttl, timer });
    setCookie(res, CONNECT_COOKIE, token, { maxAgeSeconds: ttl / 1000 });
    model(username);
    return token;
  }

  function endSession(token) {
    const session = sessions.get(token);
    if (!session) return null;
    clearTimeout(session.timer);
    sessions.delete(token);
    return session;
  }

  /** A session ends by itself: its open CCP pages learn it as the worker would (auth_fail). */
  function sessionExpired(token) {
    const session = endSession(token);
    if (!session) return;
    for (const stream of streams.get(session.username) ?? []) {
      if (stream.sessionToken === token) writeEvent(stream, 'ccp', { event: 'auth_fail' });
    }
  }

  function currentSession(req) {
    const token = parseCookies(req).get(CONNECT_COOKIE);
    const session = token && sessions.get(token);
    if (!session) return null;
    if (session.expiresAt <= Date.now()) {
      sessionExpired(token);
      return null;
    }
    return { token, ...session };
  }

  // ---- Server-Sent Events -----------------------------------------------------------------

  function writeEvent(stream, event, data) {
    if (stream.res.writableEnded) return;
    stream.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  // Pushes go through a per-agent outbox. While an API call is answered the outbox is held,
  // and released shortly after the response: as with the real worker, the caller sees the API
  // response (and the host its broadcast echo, e.g. contact::accepted) before the snapshot
  // that carries the change.
  const outboxes = new Map(); // username -> { queue: [], held: number }

  function outbox(username) {
    let box = outboxes.get(username);
    if (!box) outboxes.set(username, (box = { queue: [], held: 0 }));
    return box;
  }

  function broadcastToPages(username, event, data) {
    for (const stream of streams.get(username) ?? []) writeEvent(stream, event, data);
  }

  function flush(username) {
    const box = outbox(username);
    if (box.held > 0) return;
    for (const [event, data] of box.queue.splice(0)) {
      if (event === CLOSE_STREAMS) closeStreams(username);
      else broadcastToPages(username, event, data);
    }
  }

  function pushAgent(agent) {
    const box = outbox(agent.username);
    box.queue.push(['agent', { version: agent.version, agent: agent.agentData() }]);
    flush(agent.username);
  }

  /** Queued behind pending snapshots, so pages see events and snapshots in order. */
  function pushCcpEvent(username, event, data) {
    outbox(username).queue.push(['ccp', { event, data }]);
    flush(username);
  }

  function hold(username) {
    outbox(username).held += 1;
  }

  function release(username) {
    const timer = setTimeout(() => {
      const box = outbox(username);
      box.held = Math.max(0, box.held - 1);
      flush(username);
    }, API_PUSH_DELAY_MS);
    timer.unref?.();
  }

  function openEvents(req, res, session) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const stream = { res, sessionToken: session.token, keepalive: null };
    stream.keepalive = setInterval(() => {
      if (!res.writableEnded) res.write(': keepalive\n\n');
    }, SSE_KEEPALIVE_MS);
    stream.keepalive.unref?.();
    let set = streams.get(session.username);
    if (!set) streams.set(session.username, (set = new Set()));
    set.add(stream);
    const agent = model(session.username);
    res.write('retry: 2000\n\n');
    writeEvent(stream, 'agent', { version: agent.version, agent: agent.agentData() });
    req.on('close', () => {
      clearInterval(stream.keepalive);
      set.delete(stream);
    });
  }

  function closeStreams(username) {
    for (const stream of streams.get(username) ?? []) {
      clearInterval(stream.keepalive);
      stream.res.end();
    }
    streams.get(username)?.clear();
  }

  // ---- the CTI API ------------------------------------------------------------------------

  function callApi(agent, method, params = {}) {
    switch (method) {
      case 'getAgentSnapshot':
        return { snapshot: agent.snapshot(), nextToken: null };
      case 'getAgentConfiguration':
        return { configuration: agent.configuration() };
      case 'getAgentStates':
        return { states: agent.configuration().agentStates, nextToken: null };
      case 'getAgentPermissions':
        return { permissions: agent.configuration().permissions, nextToken: null };
      case 'getDialableCountryCodes':
        return { countryCodes: agent.configuration().dialableCountries, nextToken: null };
      case 'getRoutingProfileQueues':
        return { queues: agent.configuration().routingProfile.queues, nextToken: null };
      case 'getEndpoints':
        return { endpoints: catalog.quickConnects.map((e) => ({ ...e })), nextToken: null };
      case 'putAgentState':
        return agent.putAgentState(params);
      case 'acceptContact':
        return agent.acceptContact(params);
      case 'rejectContact':
        return agent.rejectContact(params);
      case 'destroyConnection':
        return agent.destroyConnection(params);
      case 'holdConnection':
        return agent.holdConnection(params);
      case 'resumeConnection':
        return agent.resumeConnection(params);
      case 'muteParticipant':
        return agent.setParticipantMute(params, true);
      case 'unmuteParticipant':
        return agent.setParticipantMute(params, false);
      case 'clearContact':
      case 'completeContact':
      case 'destroyContact':
        return agent.clearContact(params);
      case 'sendClientLogs':
      case 'sendSoftphoneCallReport':
      case 'sendSoftphoneCallMetrics':
      case 'updateAgentConfiguration':
        return {};
      default:
        throw new ApiError(
          'UnknownOperationException',
          `The local CCP does not implement ${method}`,
        );
    }
  }

  async function apiRequest(req, res, session) {
    const body = await readJson(req);
    if (!body || typeof body.method !== 'string') {
      return sendJson(res, 400, {
        err: new ApiError('InvalidParameter', 'expected {method, params}').toWire(),
      });
    }
    const params = body.params && typeof body.params === 'object' ? body.params : {};
    apiCalls.push({
      username: session.username,
      method: body.method,
      params,
      via: body.via ?? null,
      at: new Date(),
    });
    const agent = model(session.username);
    hold(session.username);
    try {
      if (body.method === 'acceptContact' && body.via === 'ccp-ui') acceptedInCcp(agent, params);
      const data = callApi(agent, body.method, params);
      return sendJson(res, 200, { data });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return sendJson(res, 200, { err: err.toWire() });
    } finally {
      release(session.username);
    }
  }

  /**
   * Accept clicked in the CCP itself: the real CCP's Streams broadcasts contact::accepted
   * through the worker to every port, so the host hears it too, before the connected
   * snapshot.
   */
  function acceptedInCcp(agent, { contactId } = {}) {
    const contact = agent.contacts.find((c) => c.contactId === contactId);
    if (!contact || !['connecting', 'incoming'].includes(contact.state.type)) return;
    for (const event of ['contact::accepted', `contact::accepted::${contactId}`]) {
      broadcastToPages(agent.username, 'ccp', { event, data: { contactId } });
    }
  }

  // ---- pages ------------------------------------------------------------------------------

  function connectPage(res, status, title, body, headers = {}) {
    sendHtml(
      res,
      status,
      page(title, `<div class="brand">Amazon Connect</div>\n${body}`, { style: CONNECT_STYLE }),
      headers,
    );
  }

  const samlOnly = () => instance.identityManagement === 'SAML';

  function loginPage(res, { status = 200, destination = '/', error = null, username } = {}) {
    if (samlOnly()) {
      return connectPage(
        res,
        status,
        'Session expired',
        `<h1>Session expired</h1>
<p>Your session has expired. Sign in again through your identity provider.</p>`,
        NO_FRAMING,
      );
    }
    const first = ctx.directory.connect.users[0] || { username: '', password: '' };
    const prefillUser = username ?? first.username;
    const prefillPassword =
      username === undefined || username === first.username ? first.password : '';
    connectPage(
      res,
      status,
      'Amazon Connect - Sign in',
      `<h1>Sign in</h1>
<p class="muted">Instance <strong>${escapeHtml(instance.alias)}</strong>
(local stand-in, test data only).</p>
${loginForm({
  hidden: { name: 'destination', value: destination },
  user: prefillUser,
  password: prefillPassword,
  error,
})}`,
      NO_FRAMING,
    );
  }

  function frameAncestors() {
    return ["'self'", ...ctx.approvedOrigins()].join(' ');
  }

  function ccpPage(res, session) {
    const agent = model(session.username);
    const bootData = {
      version: agent.version,
      agent: agent.agentData(),
      acknowledge: !fault.neverAcknowledge,
    };
    // JSON inside <script>: `<` escaped so no `</script>` can end the block.
    const boot = JSON.stringify(bootData).replaceAll('<', '\\u003c');
    sendHtml(
      res,
      200,
      `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Amazon Connect CCP</title>
<link rel="stylesheet" href="/ccp-v2/ccp.css">
</head>
<body>
<div class="ccp">
  <header><h1 id="agent-name"></h1><span class="brand">Amazon Connect CCP</span></header>
  <div class="field">
    <label for="status">Status</label>
    <select id="status"></select>
  </div>
  <p id="system-state" class="system-state" hidden></p>
  <section id="contact" class="contact" aria-label="Contact" hidden>
    <p id="caller" class="caller"></p>
    <p id="contact-state" class="contact-state"></p>
    <div class="actions">
      <button id="accept" type="button">Accept</button>
      <button id="reject" type="button">Reject</button>
      <button id="hangup" type="button">Hang up</button>
      <button id="clear" type="button">Clear contact</button>
    </div>
  </section>
  <p id="message" class="message" role="alert" hidden></p>
  <p id="ended" class="ended" hidden>This CCP was signed out.</p>
</div>
<script id="ccp-boot" type="application/json">${boot}</script>
<script src="/ccp-v2/ccp.js"></script>
</body>
</html>
`,
      { 'Content-Security-Policy': `frame-ancestors ${frameAncestors()}` },
    );
  }

  function homePage(res, session) {
    const user = connectUser(session.username);
    connectPage(
      res,
      200,
      `Amazon Connect - ${instance.alias}`,
      `<h1>${escapeHtml(instance.alias)}</h1>
<p>Signed in as <strong>${escapeHtml(user?.name ?? session.username)}</strong>
(${escapeHtml(session.username)}).</p>
<p><a href="/ccp-v2/">Contact Control Panel</a> · <a href="/logout">Log out</a></p>`,
      NO_FRAMING,
    );
  }

  /** A destination on this instance: a path, or an absolute URL of this origin. */
  function safeDestination(destination) {
    if (isLocalPath(destination)) return destination;
    try {
      const target = new URL(destination);
      if (target.origin === ctx.urls.connect)
        return `${target.pathname}${target.search}${target.hash}`;
    } catch {
      // not a URL
    }
    return null;
  }

  function federatedSignIn(res, url) {
    const token = url.searchParams.get('token');
    const grant = token && ctx.federationTokens.get(token);
    if (token) ctx.federationTokens.delete(token);
    if (!grant || grant.expiresAt <= Date.now()) {
      return connectPage(
        res,
        401,
        'Session expired',
        '<h1>Session expired</h1><p>The sign-in link is no longer valid. ' +
          'Sign in again through your identity provider.</p>',
        NO_FRAMING,
      );
    }
    const destination = safeDestination(url.searchParams.get('destination') || '/');
    if (!destination) {
      return connectPage(
        res,
        400,
        'Destination not allowed',
        '<h1>Destination not allowed</h1>' +
          '<p>The federation destination is not on this instance.</p>',
        NO_FRAMING,
      );
    }
    startSession(res, grant.username);
    return redirect(res, destination);
  }

  // ---- test control over HTTP -------------------------------------------------------------

  function corsHeaders(req) {
    const origin = req.headers.origin;
    if (origin && origin === ctx.urls.workspace) {
      return {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type',
        Vary: 'Origin',
      };
    }
    return { Vary: 'Origin' };
  }

  async function control(req, res, path, url) {
    const cors = corsHeaders(req);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Max-Age': '600' });
      return res.end();
    }
    const reply = (status, value) => sendJson(res, status, value, cors);
    try {
      if (req.method === 'GET' && path === '/__sim/agent') {
        const state = api.agent(url.searchParams.get('username') ?? '');
        return state ? reply(200, state) : reply(404, { error: 'unknown Connect user' });
      }
      if (req.method !== 'POST') return reply(405, { error: 'use POST' });
      const body = (await readJson(req)) ?? {};
      switch (path) {
        case '/__sim/call':
          return reply(200, {
            contactId: api.placeCall(body.username, {
              from: body.from,
              ringTimeoutMs: body.ringTimeoutMs,
            }),
          });
        case '/__sim/hang-up':
          api.customerHangUp(body.contactId);
          return reply(200, {});
        case '/__sim/ccp-event':
          return reply(200, { pages: api.sendToCcp(body.username, body.event, body.data) });
        case '/__sim/expire-session':
          return reply(200, { sessions: api.expireSession(body.username) });
        default:
          return reply(404, { error: 'unknown control' });
      }
    } catch (err) {
      return reply(err.statusCode === 404 ? 404 : 409, {
        error: err.message,
        type: err.type ?? null,
      });
    }
  }

  // ---- routing ----------------------------------------------------------------------------

  async function handle(req, res) {
    const url = requestUrl(req);
    const path = url.pathname;

    if (path.startsWith('/__sim/')) return control(req, res, path, url);

    if (req.method === 'GET' && path === '/ccp-v2/ccp.js') {
      return sendText(res, 200, CCP_SCRIPT, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-store',
      });
    }
    if (req.method === 'GET' && path === '/ccp-v2/ccp.css') {
      return sendText(res, 200, CCP_STYLE, {
        'Content-Type': 'text/css; charset=utf-8',
        'Cache-Control': 'no-store',
      });
    }
    if (req.method === 'GET' && path === '/auth/sign-in') return federatedSignIn(res, url);

    if (path === '/login') {
      if (req.method === 'GET') {
        const destination = safeDestination(url.searchParams.get('destination') || '/') ?? '/';
        return loginPage(res, { destination });
      }
      if (req.method === 'POST') {
        const form = await readForm(req);
        const destination = safeDestination(form.get('destination') || '/') ?? '/';
        if (samlOnly()) return loginPage(res, { status: 403, destination });
        const username = form.get('username') ?? '';
        const user = connectUser(username);
        if (!user || user.password !== (form.get('password') ?? '')) {
          return loginPage(res, {
            status: 401,
            destination,
            username,
            error: 'Authentication failed. Check your username and password.',
          });
        }
        startSession(res, user.username);
        return redirect(res, destination);
      }
    }
    if (req.method === 'GET' && path === '/logout') {
      const token = parseCookies(req).get(CONNECT_COOKIE);
      if (token) endSession(token);
      clearCookie(res, CONNECT_COOKIE);
      return connectPage(
        res,
        200,
        'Logged out',
        '<h1>Logged out</h1><p>You have logged out of Amazon Connect.</p>',
        NO_FRAMING,
      );
    }
    if (req.method === 'GET' && path === '/favicon.ico') return sendText(res, 204, '');

    const session = currentSession(req);
    if (path === '/ccp-v2/api' && req.method === 'POST') {
      if (!session)
        return sendJson(res, 401, {
          err: new ApiError('UnauthorizedException', 'No valid session', 401).toWire(),
        });
      return apiRequest(req, res, session);
    }
    if (path === '/ccp-v2/events' && req.method === 'GET') {
      if (!session)
        return sendJson(res, 401, {
          err: new ApiError('UnauthorizedException', 'No valid session', 401).toWire(),
        });
      return openEvents(req, res, session);
    }
    // The CCP at /ccp-v2/ and its views (/ccp-v2/softphone, /ccp-v2/chat, …): one page here.
    const isCcp = path === '/ccp-v2' || path.startsWith('/ccp-v2/');
    if (req.method === 'GET' && (isCcp || path === '/')) {
      if (!session) {
        const back = path === '/ccp-v2' ? '/ccp-v2/' : path;
        return redirect(res, `/login?destination=${encodeURIComponent(back)}`);
      }
      return isCcp ? ccpPage(res, session) : homePage(res, session);
    }
    return connectPage(res, 404, 'Not found', '<h1>Not found</h1>');
  }

  const server = createServer('connect', handle, {
    latencyMs: () => ctx.latencyMs.connect || 0,
    quiet: ctx.quiet,
  });

  function requireModel(username) {
    const agent = model(username);
    if (!agent) {
      const err = new Error(`${JSON.stringify(username)} is not a Connect user of this instance`);
      err.statusCode = 404;
      throw err;
    }
    return agent;
  }

  const api = {
    server,
    apiCalls,

    /**
     * Offers an inbound voice call to the agent. Throws (an ApiError, type `AgentNotRoutable`
     * or `AgentBusy`) unless the agent is routable with no contact. Resolves to the contactId.
     * `ringTimeoutMs` > 0 turns an unanswered call into a missed one (agent: MissedCallAgent).
     */
    placeCall(
      username,
      { from = '+15555550100', contactState = 'connecting', ringTimeoutMs = 0 } = {},
    ) {
      return requireModel(username).placeCall({ from, contactState, ringTimeoutMs });
    },

    /** The caller hangs up: a ringing offer is withdrawn; a live call ends (after-call work). */
    customerHangUp(contactId) {
      for (const agent of models.values()) {
        if (agent.contacts.some((c) => c.contactId === contactId))
          return agent.customerHangUp(contactId);
      }
      const err = new Error(`no contact ${contactId}`);
      err.statusCode = 404;
      throw err;
    },

    /**
     * Pushes `{event, data}` to every open CCP page of the user, which posts it to its parent.
     * `terminated` also ends all of the user's Connect sessions. Returns the number of pages.
     */
    sendToCcp(username, event, data) {
      requireModel(username);
      if (typeof event !== 'string' || !event)
        throw new TypeError('event must be a non-empty string');
      const pages = [...(streams.get(username) ?? [])];
      pushCcpEvent(username, event, data);
      if (event === 'terminated') {
        api.expireSession(username, { silent: true });
        outbox(username).queue.push([CLOSE_STREAMS]);
        flush(username);
      }
      return pages.length;
    },

    /**
     * Ends the user's Connect sessions, as when they time out: the next CCP load has none, and
     * the open CCP pages of those sessions post `auth_fail` (what the worker does when its
     * next call gets a 401). `{ silent: true }` only drops the sessions. Returns how many.
     */
    expireSession(username, { silent = false } = {}) {
      let count = 0;
      for (const [token, session] of [...sessions]) {
        if (session.username !== username) continue;
        if (silent) endSession(token);
        else sessionExpired(token);
        count += 1;
      }
      return count;
    },

    setFault(next) {
      if (next === null || next === undefined) {
        fault = { neverAcknowledge: false };
        return;
      }
      const unknown = Object.keys(next).filter((k) => k !== 'neverAcknowledge');
      if (unknown.length) throw new TypeError(`unknown Connect fault ${unknown.join(', ')}`);
      fault = {
        ...fault,
        ...next,
        neverAcknowledge: Boolean(next.neverAcknowledge ?? fault.neverAcknowledge),
      };
    },

    get fault() {
      return { ...fault };
    },

    /** Server-side state of one agent, for assertions (Dates are Date objects). */
    agent(username) {
      const agent = model(username);
      if (!agent) return null;
      const snapshot = agent.snapshot();
      return {
        username: agent.username,
        name: agent.name,
        version: agent.version,
        state: snapshot.state,
        nextState: snapshot.nextState,
        agentAvailabilityState: snapshot.agentAvailabilityState,
        contacts: snapshot.contacts,
        signedIn: [...sessions.values()].some(
          (s) => s.username === username && s.expiresAt > Date.now(),
        ),
        ccpPages: streams.get(username)?.size ?? 0,
      };
    },

    close() {
      for (const session of sessions.values()) clearTimeout(session.timer);
      sessions.clear();
      for (const username of streams.keys()) closeStreams(username);
      for (const agent of models.values()) agent.dispose();
    },
  };
  return api;
}
