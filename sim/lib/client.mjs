// A small HTTP client for tests of the stand-ins: keeps cookies like a browser on 127.0.0.1,
// follows redirects by hand (tests look at each hop) and submits HTML forms.

import { startStack } from '../stack.mjs';

/** Starts a stack on ephemeral ports; `t.after` closes it. */
export async function stackFor(t, options = {}) {
  const stack = await startStack({ quiet: true, ...options });
  t.after(() => stack.close());
  return stack;
}

function unescapeHtml(text) {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function attribute(tag, name) {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? unescapeHtml(match[1]) : null;
}

/** The first form of an HTML page: { action, method, fields }. */
export function readForm(html) {
  const formTag = /<form\b[^>]*>/i.exec(html);
  if (!formTag) throw new Error('no form in the page');
  const fields = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, 'name');
    if (name) fields[name] = attribute(tag, 'value') ?? '';
  }
  return {
    action: attribute(formTag[0], 'action'),
    method: (attribute(formTag[0], 'method') || 'get').toUpperCase(),
    fields,
  };
}

/**
 * A cookie jar for 127.0.0.1. Like a browser, cookies are shared by every port of the host,
 * which is why each stand-in has its own cookie names.
 */
export class Client {
  constructor() {
    this.cookies = new Map();
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired = attrs.some((a) => /^max-age=0$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request, no redirect following. `form` = an object sent as urlencoded. */
  async request(url, { method = 'GET', form, json, headers = {} } = {}) {
    const init = { method, redirect: 'manual', headers: { ...headers } };
    const cookie = this.cookieHeader();
    if (cookie) init.headers.cookie = cookie;
    if (form) {
      init.body = new URLSearchParams(form).toString();
      init.headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (json !== undefined) {
      init.body = JSON.stringify(json);
      init.headers['content-type'] = 'application/json';
    }
    const response = await fetch(url, init);
    this.keepCookies(response);
    response.url_ = url;
    return response;
  }

  /** Follows redirects (as GET); resolves to { response, hops: [url…] }. */
  async follow(url, options = {}, maxHops = 10) {
    const hops = [url];
    let response = await this.request(url, options);
    while ([301, 302, 303, 307].includes(response.status)) {
      if (hops.length > maxHops) throw new Error(`too many redirects: ${hops.join(' -> ')}`);
      await response.body?.cancel();
      const next = new URL(response.headers.get('location'), hops.at(-1)).href;
      hops.push(next);
      response = await this.request(next);
    }
    return { response, hops };
  }

  /** Submits the first form of `html` (found at `pageUrl`), then follows redirects. */
  async submit(html, pageUrl, overrides = {}) {
    const form = readForm(html);
    const action = new URL(form.action || pageUrl, pageUrl).href;
    return this.follow(action, { method: form.method, form: { ...form.fields, ...overrides } });
  }
}

/** Signs in at the IdP with the pre-filled form. */
export async function signInAtIdp(client, stack) {
  const login = await client.request(`${stack.urls.idp}/login`);
  return client.submit(await login.text(), `${stack.urls.idp}/login`);
}

/**
 * The whole SSO chain to the CCP: IdP-initiated URL (signing in first if needed), AWS sign-in,
 * federation, Connect. Resolves to { response, hops } of the last hop.
 */
export async function ssoToCcp(client, stack, ssoUrl = stack.ssoLoginUrl) {
  const first = await client.request(ssoUrl);
  let html = await first.text();
  if (/name="password"/.test(html)) {
    const signedIn = await client.submit(html, ssoUrl);
    html = await signedIn.response.text();
  }
  return client.submit(html, ssoUrl);
}
