// The agent workspace stand-in (the host page's server, in place of ServiceNow). It signs its
// own users in through the IdP with SP-initiated SAML (`@node-saml/node-saml` as the SP), keeps
// a session cookie `ws_session`, and serves the demo page and the built package.

import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAML } from '@node-saml/node-saml';
import {
  clearCookie,
  createServer,
  escapeHtml,
  isLocalPath,
  newToken,
  page,
  parseCookies,
  readForm,
  redirect,
  requestUrl,
  sendHtml,
  sendJson,
  sendText,
  setCookie,
} from './lib/http.mjs';
import { responseDestination, subjectConfirmations } from './lib/saml.mjs';

export const WORKSPACE_COOKIE = 'ws_session';

const DEFAULT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const CLOCK_SKEW_MS = 60 * 1000;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** `ctx` as for the other stand-ins, plus `ctx.rootDir` (the repository root) and defaults. */
export function createWorkspace(ctx) {
  const rootDir = ctx.rootDir ?? DEFAULT_ROOT;
  const sessions = new Map(); // token -> { username, expiresAt }
  let sp = null;

  const entityId = () => `${ctx.urls.workspace}/saml/metadata`;
  const acsUrl = () => `${ctx.urls.workspace}/saml/acs`;

  function serviceProvider() {
    sp ??= new SAML({
      entryPoint: `${ctx.urls.idp}/sso/saml`,
      issuer: entityId(),
      audience: entityId(),
      callbackUrl: acsUrl(),
      idpCert: ctx.keys.cert,
      identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      validateInResponseTo: 'always',
      acceptedClockSkewMs: CLOCK_SKEW_MS,
    });
    return sp;
  }

  const workspaceUser = (username) =>
    ctx.directory.workspace.users.find((u) => u.username === username);

  function currentUser(req) {
    const token = parseCookies(req).get(WORKSPACE_COOKIE);
    const session = token && sessions.get(token);
    if (!session) return null;
    if (session.expiresAt <= Date.now()) {
      sessions.delete(token);
      return null;
    }
    return workspaceUser(session.username) ?? null;
  }

  async function startLogin(res, returnTo) {
    const url = await serviceProvider().getAuthorizeUrlAsync(returnTo, undefined, {});
    return redirect(res, url);
  }

  function errorPage(res, status, title, message) {
    sendHtml(
      res,
      status,
      page(
        `${title} - Agent workspace`,
        `<h1>${escapeHtml(title)}</h1><p class="error" role="alert">${escapeHtml(message)}</p>
<p><a href="/">Try again</a></p>`,
      ),
    );
  }

  async function assertionConsumer(req, res) {
    const form = await readForm(req);
    const samlResponse = form.get('SAMLResponse');
    if (!samlResponse)
      return errorPage(res, 400, 'Sign-in failed', 'The identity provider sent no SAMLResponse.');
    let profile;
    try {
      ({ profile } = await serviceProvider().validatePostResponseAsync({
        SAMLResponse: samlResponse,
      }));
    } catch (err) {
      return errorPage(
        res,
        401,
        'Sign-in failed',
        `The SAML response was not accepted: ${err.message}`,
      );
    }
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    const destination = responseDestination(xml);
    const recipientOk = subjectConfirmations(profile.getAssertionXml()).some(
      (c) => c.recipient === acsUrl(),
    );
    if ((destination !== null && destination !== acsUrl()) || !recipientOk) {
      return errorPage(
        res,
        401,
        'Sign-in failed',
        'The SAML response is addressed to another service provider.',
      );
    }
    const user = workspaceUser(profile.nameID);
    if (!user) {
      return errorPage(
        res,
        403,
        'No workspace account',
        `The identity provider signed in "${profile.nameID}", ` +
          'who has no account in this workspace.',
      );
    }
    const token = newToken();
    sessions.set(token, { username: user.username, expiresAt: Date.now() + SESSION_TTL_MS });
    setCookie(res, WORKSPACE_COOKIE, token);
    const relayState = form.get('RelayState');
    return redirect(res, isLocalPath(relayState) ? relayState : '/');
  }

  /** Resolves `sub` inside `base`, or null when it would leave it. */
  function inside(base, sub) {
    let decoded;
    try {
      decoded = decodeURIComponent(sub);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return null;
    const full = resolve(base, `.${sep}${decoded}`);
    return full === base || full.startsWith(base + sep) ? full : null;
  }

  async function serveFile(res, filePath) {
    let info;
    try {
      info = await stat(filePath);
    } catch {
      return false;
    }
    if (!info.isFile()) return false;
    const body = await readFile(filePath);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
    return true;
  }

  const STATIC_MOUNTS = [
    ['/www/', 'www'],
    ['/js/', 'js'],
    ['/pkg/', 'pkg'],
  ];

  async function serveStatic(res, path) {
    if (path === '/vendor/connect-streams.js') {
      return serveFile(
        res,
        join(
          rootDir,
          'node_modules',
          'amazon-connect-streams',
          'release',
          'connect-streams-min.js',
        ),
      );
    }
    for (const [prefix, dir] of STATIC_MOUNTS) {
      if (path.startsWith(prefix)) {
        const file = inside(resolve(rootDir, dir), path.slice(prefix.length));
        return file ? serveFile(res, file) : false;
      }
    }
    // The demo page may use paths relative to `/`: fall back to files of www/.
    const file = inside(resolve(rootDir, 'www'), path.slice(1));
    return file ? serveFile(res, file) : false;
  }

  async function index(req, res) {
    const user = currentUser(req);
    // Back to the same page after the sign-in, query included (the demo's timing knobs).
    if (!user) return startLogin(res, `/${requestUrl(req).search}`);
    if (await serveFile(res, join(rootDir, 'www', 'index.html'))) return;
    sendHtml(
      res,
      200,
      page(
        'Agent workspace',
        `<h1>Agent workspace</h1>
<p>Signed in as <strong>${escapeHtml(user.name)}</strong>.</p>
<p class="muted">The demo page (www/index.html) is not there yet.</p>
<p><a href="/logout">Sign out</a></p>`,
      ),
    );
  }

  async function handle(req, res) {
    const url = requestUrl(req);
    const path = url.pathname;

    if (req.method === 'GET' && (path === '/' || path === '/index.html')) return index(req, res);
    if (req.method === 'GET' && path === '/login') {
      const next = url.searchParams.get('returnTo');
      return startLogin(res, isLocalPath(next) ? next : '/');
    }
    if (req.method === 'POST' && path === '/saml/acs') return assertionConsumer(req, res);
    if (req.method === 'GET' && path === '/api/session') {
      const user = currentUser(req);
      return user
        ? sendJson(res, 200, { username: user.username, name: user.name })
        : sendJson(res, 401, { error: 'not signed in' });
    }
    if (req.method === 'GET' && path === '/api/defaults') {
      return sendJson(res, 200, {
        instanceUrl: ctx.urls.connect,
        ssoLoginUrl: ctx.ssoLoginUrl(),
        region: ctx.directory.instance.region,
        instanceId: ctx.directory.instance.id,
        simControlUrl: `${ctx.urls.connect}/__sim`,
      });
    }
    if (req.method === 'GET' && path === '/logout') {
      const token = parseCookies(req).get(WORKSPACE_COOKIE);
      if (token) sessions.delete(token);
      clearCookie(res, WORKSPACE_COOKIE);
      return sendHtml(
        res,
        200,
        page(
          'Signed out - Agent workspace',
          `<h1>Signed out</h1><p>You are signed out of the workspace.</p>
<p><a href="/">Sign in again</a> ·
<a href="${escapeHtml(ctx.urls.idp)}/logout">Sign out of the identity provider</a></p>`,
        ),
      );
    }
    if (req.method === 'GET' && path === '/saml/metadata') {
      return sendText(res, 200, serviceProvider().generateServiceProviderMetadata(null, null), {
        'Content-Type': 'application/samlmetadata+xml; charset=utf-8',
      });
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (await serveStatic(res, path)) return;
    }
    if (path === '/favicon.ico') return sendText(res, 204, '');
    return sendText(res, 404, 'Not found', { 'Cache-Control': 'no-store' });
  }

  const server = createServer('workspace', handle, { latencyMs: () => 0, quiet: ctx.quiet });
  return { server, entityId, acsUrl };
}
