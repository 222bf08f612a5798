// Small helpers shared by the stand-in servers: listening on loopback, request bodies,
// cookies, HTML pages and redirects. Plain `node:http`, no framework.

import http from 'node:http';
import { randomBytes } from 'node:crypto';

/** The only address any stand-in listens on. */
export const LOOPBACK = '127.0.0.1';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Creates an HTTP server for one stand-in. `handler(req, res)` may be async; a thrown error
 * becomes a 500 page. `latencyMs()` is read per request, so tests can change it at run time.
 */
export function createServer(name, handler, { latencyMs = () => 0, quiet = true } = {}) {
  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    if (!quiet) {
      // Path only: query strings may carry SAML messages or RelayStates.
      res.on('finish', () => {
        const path = (req.url || '').split('?')[0];
        console.log(`[${name}] ${req.method} ${path} ${res.statusCode} ${Date.now() - started}ms`);
      });
    }
    try {
      const delay = latencyMs();
      if (delay > 0) await sleep(delay);
      await handler(req, res);
    } catch (err) {
      if (!quiet)
        console.error(`[${name}] ${req.method} ${req.url?.split('?')[0]}: ${err.stack || err}`);
      if (!res.headersSent) {
        sendHtml(
          res,
          500,
          page(
            `${name}: internal error`,
            `<h1>Internal error</h1>
          <p>${escapeHtml(err.message || String(err))}</p>`,
          ),
        );
      } else {
        res.destroy();
      }
    }
  });
  server.keepAliveTimeout = 1000;
  return server;
}

/** Listens on 127.0.0.1 (port 0 = ephemeral); resolves to the port actually bound. */
export function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (err) => reject(err);
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

/** Closes a server, dropping open connections (including Server-Sent Event streams). */
export function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A random, URL-safe token for sessions and one-time codes. */
export function newToken(bytes = 24) {
  return randomBytes(bytes).toString('base64url');
}

/** Parses the request URL against the server's own origin. */
export function requestUrl(req) {
  return new URL(req.url || '/', `http://${req.headers.host || LOOPBACK}`);
}

export async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads an `application/x-www-form-urlencoded` body. */
export async function readForm(req) {
  return new URLSearchParams(await readBody(req));
}

/** Reads a JSON body; resolves to `undefined` when it is not valid JSON. */
export async function readJson(req) {
  const text = await readBody(req);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}

export function parseCookies(req) {
  const jar = new Map();
  for (const part of (req.headers.cookie || '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!jar.has(name)) jar.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return jar;
}

/** Adds a `Set-Cookie` header: `HttpOnly; SameSite=Lax; Path=/`, session cookie by default. */
export function setCookie(res, name, value, { maxAgeSeconds } = {}) {
  let cookie = `${name}=${encodeURIComponent(value)}; HttpOnly; SameSite=Lax; Path=/`;
  if (maxAgeSeconds !== undefined) cookie += `; Max-Age=${Math.max(0, Math.ceil(maxAgeSeconds))}`;
  appendHeader(res, 'Set-Cookie', cookie);
}

export function clearCookie(res, name) {
  appendHeader(res, 'Set-Cookie', `${name}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
}

function appendHeader(res, name, value) {
  const prev = res.getHeader(name);
  if (prev === undefined) res.setHeader(name, [value]);
  else res.setHeader(name, [...(Array.isArray(prev) ? prev : [String(prev)]), value]);
}

export function sendHtml(res, status, html, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(html);
}

export function sendJson(res, status, value, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(value));
}

export function sendText(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

export function redirect(res, location, headers = {}) {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

export function escapeHtml(value) {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const BASE_STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #16191f; background: #f2f3f3; }
  main { max-width: 420px; margin: 48px auto; background: #fff; padding: 24px 28px;
         border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { font-size: 20px; margin: 0 0 16px; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; }
  input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: 8px;
         border: 1px solid #aab7b8; border-radius: 4px; font: inherit; }
  button { margin-top: 18px; padding: 8px 18px; font: inherit; border: 0; border-radius: 4px;
           background: #0972d3; color: #fff; cursor: pointer; }
  .error { color: #d91515; background: #fff7f7; border: 1px solid #d91515; padding: 8px 10px;
           border-radius: 4px; }
  .muted { color: #5f6b7a; font-size: 13px; }
  code { word-break: break-all; }
`;

/** A complete, plain HTML page. `body` is trusted HTML; escape values before passing them. */
export function page(title, body, { style = '', head = '' } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${BASE_STYLE}${style}</style>
${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * A sign-in form (fields `username`, `password`, button "Sign in") posting to `/login`, with
 * one hidden field that carries where to go next, and an optional error above it.
 */
export function loginForm({ hidden, user = '', password = '', error = '' }) {
  return `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
  <input type="hidden" name="${escapeHtml(hidden.name)}" value="${escapeHtml(hidden.value)}">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username"
         value="${escapeHtml(user)}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password"
         value="${escapeHtml(password)}">
  <button type="submit">Sign in</button>
</form>`;
}

/**
 * True when `target` is a path on the current origin: starts with one `/`, no scheme, no
 * `//host` and no backslash (which browsers treat as `/`).
 */
export function isLocalPath(target) {
  return (
    typeof target === 'string' &&
    target.startsWith('/') &&
    !target.startsWith('//') &&
    !target.includes('\\') &&
    !/[\u0000-\u001f]/.test(target)
  );
}
