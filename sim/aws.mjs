// The AWS stand-in, one origin for two AWS surfaces:
//
// - the SAML sign-in endpoint `POST /saml` (what `https://signin.aws.amazon.com/saml` does:
//   verify the Response, assume the role, open a console session, go to the RelayState);
// - the Amazon Connect federation endpoint `GET /connect/federate/<instanceId>?destination=…`
//   (what `https://<region>.console.aws.amazon.com/connect/federate/<id>` does: check that
//   the role session name is exactly a Connect user of the instance, then hand the browser to
//   the instance with a one-time token).
//
// Every page refuses framing, as the AWS console does.

import { SAML } from '@node-saml/node-saml';
import {
  createServer,
  escapeHtml,
  newToken,
  page,
  parseCookies,
  readForm,
  redirect,
  requestUrl,
  sendHtml,
  sendText,
  setCookie,
} from './lib/http.mjs';
import { responseDestination, subjectConfirmations } from './lib/saml.mjs';
import { AWS_AUDIENCE, ROLE_ATTRIBUTE, ROLE_SESSION_NAME_ATTRIBUTE } from './idp.mjs';

export const AWS_CONSOLE_COOKIE = 'aws-console-session';
export const INVALID_SAML_MESSAGE = 'Your request included an invalid SAML response.';
export const MISSING_ROLE_SESSION_NAME_MESSAGE = 'RoleSessionName is required in AuthnResponse';
export const NOT_ONBOARDED_MESSAGE =
  'Access Denied. Your account has been authenticated, but has not been onboarded to this application.';

const ROLE_SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const CLOCK_SKEW_MS = 60 * 1000;
const DEFAULT_CONSOLE_SESSION_S = 3600;
const FEDERATION_TOKEN_TTL_MS = 60 * 1000;
const AWS_CONSOLE_HOST = /^([a-z0-9-]+\.)?console\.aws\.amazon\.com$/;

const AWS_STYLE = `
  main { border-top: 4px solid #ff9900; }
  .brand { font-weight: 700; color: #232f3e; margin-bottom: 12px; }
`;

const NO_FRAMING = {
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
};

function awsPage(res, status, title, body, headers = {}) {
  sendHtml(
    res,
    status,
    page(title, `<div class="brand">aws</div>\n${body}`, { style: AWS_STYLE }),
    { ...NO_FRAMING, ...headers },
  );
}

function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `ctx` as for the IdP, plus `ctx.idp` (for its entity id) and `ctx.federationTokens`. */
export function createAws(ctx) {
  const consoleSessions = new Map();
  let verifier = null;

  const acsUrl = () => `${ctx.urls.aws}/saml`;

  function samlVerifier() {
    verifier ??= new SAML({
      idpCert: ctx.keys.cert,
      issuer: AWS_AUDIENCE,
      audience: AWS_AUDIENCE,
      callbackUrl: acsUrl(),
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      validateInResponseTo: 'never',
      acceptedClockSkewMs: CLOCK_SKEW_MS,
    });
    return verifier;
  }

  function invalidSaml(res, detail) {
    awsPage(
      res,
      400,
      'Amazon Web Services Sign-In',
      `<h1>Error</h1>
<p class="error" role="alert">${escapeHtml(INVALID_SAML_MESSAGE)}
To logout, click <a href="/logout">here</a>.</p>`,
      { 'X-Sim-Detail': detail },
    );
  }

  function signInError(res, status, message, detail) {
    awsPage(
      res,
      status,
      'Amazon Web Services Sign-In',
      `<h1>Error</h1>\n<p class="error" role="alert">${escapeHtml(message)}</p>`,
      detail ? { 'X-Sim-Detail': detail } : {},
    );
  }

  /** Finds a usable `role ARN, provider ARN` pair in the Role attribute's values. */
  function parseRole(values) {
    for (const value of [].concat(values ?? [])) {
      if (typeof value !== 'string') continue;
      const parts = value.split(',').map((p) => p.trim());
      const role = parts.find((p) => /^arn:aws:iam::\d{12}:role\/.+/.test(p));
      const provider = parts.find((p) => /^arn:aws:iam::\d{12}:saml-provider\/.+/.test(p));
      if (role && provider)
        return { roleArn: role, providerArn: provider, accountId: role.split(':')[4] };
    }
    return null;
  }

  /** Where to go after sign-in; never off loopback. */
  function relayTarget(relayState) {
    if (!relayState) return '/console/home';
    let target;
    try {
      target = new URL(relayState);
    } catch {
      return '/console/home';
    }
    if (target.origin === ctx.urls.aws) return target.href;
    // A real console URL (as admins configure it): served by this stand-in instead.
    if (target.protocol === 'https:' && AWS_CONSOLE_HOST.test(target.hostname)) {
      return `${ctx.urls.aws}${target.pathname}${target.search}`;
    }
    return '/console/home';
  }

  async function samlSignIn(req, res) {
    const form = await readForm(req);
    const samlResponse = form.get('SAMLResponse');
    if (!samlResponse) return invalidSaml(res, 'no SAMLResponse in the form');

    let profile;
    try {
      ({ profile } = await samlVerifier().validatePostResponseAsync({
        SAMLResponse: samlResponse,
      }));
    } catch (err) {
      return invalidSaml(res, err.message);
    }
    if (!profile) return invalidSaml(res, 'no assertion in the response');
    if (profile.issuer !== ctx.idp.entityId())
      return invalidSaml(res, `unknown issuer ${profile.issuer}`);

    // node-saml leaves the addressing to us: Destination, Recipient, the bearer window.
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    const destination = responseDestination(xml);
    if (destination !== null && destination !== acsUrl()) {
      return invalidSaml(res, `Destination ${destination} is not ${acsUrl()}`);
    }
    const now = Date.now();
    const confirmations = subjectConfirmations(profile.getAssertionXml());
    const usable = confirmations.filter(
      (c) =>
        c.recipient === acsUrl() &&
        c.notOnOrAfter &&
        Date.parse(c.notOnOrAfter) > now - CLOCK_SKEW_MS,
    );
    if (!usable.length) {
      const recipients = confirmations.map((c) => c.recipient).join(', ') || 'none';
      return invalidSaml(
        res,
        `no bearer SubjectConfirmationData for ${acsUrl()} that is still valid ` +
          `(recipients: ${recipients})`,
      );
    }

    const attributes = profile.attributes || {};
    const role = parseRole(attributes[ROLE_ATTRIBUTE]);
    if (!role)
      return invalidSaml(res, 'the Role attribute is missing or has no role and provider ARN');
    const roleSessionName = [].concat(attributes[ROLE_SESSION_NAME_ATTRIBUTE] ?? [])[0];
    if (roleSessionName === undefined || roleSessionName === null || roleSessionName === '') {
      return signInError(
        res,
        400,
        MISSING_ROLE_SESSION_NAME_MESSAGE,
        'the RoleSessionName attribute is missing',
      );
    }
    if (!ROLE_SESSION_NAME_PATTERN.test(roleSessionName)) {
      return invalidSaml(res, 'RoleSessionName must match [\\w+=,.@-]{2,64}');
    }
    if (role.accountId !== ctx.directory.instance.accountId) {
      return signInError(
        res,
        403,
        `Not authorized to perform sts:AssumeRoleWithSAML on ${role.roleArn}`,
        'the role is not in this account',
      );
    }

    const durationAttr = Number(
      [].concat(attributes['https://aws.amazon.com/SAML/Attributes/SessionDuration'] ?? [])[0],
    );
    const durationS =
      Number.isFinite(durationAttr) && durationAttr >= 900 && durationAttr <= 43200
        ? durationAttr
        : DEFAULT_CONSOLE_SESSION_S;
    const token = newToken();
    consoleSessions.set(token, {
      roleArn: role.roleArn,
      providerArn: role.providerArn,
      accountId: role.accountId,
      roleSessionName,
      expiresAt: now + durationS * 1000,
    });
    setCookie(res, AWS_CONSOLE_COOKIE, token);
    return redirect(res, relayTarget(form.get('RelayState')));
  }

  function consoleSession(req) {
    const token = parseCookies(req).get(AWS_CONSOLE_COOKIE);
    const session = token && consoleSessions.get(token);
    if (!session) return null;
    if (session.expiresAt <= Date.now()) {
      consoleSessions.delete(token);
      return null;
    }
    return session;
  }

  function federate(req, res, url, instanceId) {
    const session = consoleSession(req);
    if (!session) {
      return signInError(
        res,
        401,
        'Your session has expired or you are not signed in. ' +
          'Sign in again through your identity provider.',
      );
    }
    const { instance } = ctx.directory;
    if (instanceId !== instance.id) {
      return signInError(
        res,
        404,
        `The Amazon Connect instance ${instanceId} was not found in this account and Region.`,
      );
    }
    if (session.accountId !== instance.accountId) {
      return signInError(res, 403, 'Access denied, Please contact your AWS account administrator');
    }
    // The token is bound to instance/<id>/user/${aws:userid}: exact, case-sensitive match.
    const user = ctx.directory.connect.users.find((u) => u.username === session.roleSessionName);
    if (!user) return signInError(res, 403, NOT_ONBOARDED_MESSAGE);

    const destination = url.searchParams.get('destination') || '/';
    const token = newToken();
    ctx.federationTokens.set(token, {
      username: user.username,
      expiresAt: Date.now() + FEDERATION_TOKEN_TTL_MS,
    });
    const signIn = new URL('/auth/sign-in', ctx.urls.connect);
    signIn.search = new URLSearchParams({ token, destination }).toString();
    return redirect(res, signIn.href);
  }

  function consoleHome(req, res) {
    const session = consoleSession(req);
    if (!session) return signInError(res, 401, 'You are not signed in to the AWS console.');
    const roleName = session.roleArn.split('/').pop();
    awsPage(
      res,
      200,
      'AWS Management Console',
      `<h1>AWS Management Console</h1>
<p>Signed in as <code>${escapeHtml(roleName)}/${escapeHtml(session.roleSessionName)}</code>
(account ${escapeHtml(session.accountId)}).</p>
<p><a href="/connect/federate/${escapeHtml(ctx.directory.instance.id)}?destination=%2Fccp-v2%2F">
Open the Amazon Connect CCP</a></p>`,
    );
  }

  async function handle(req, res) {
    const url = requestUrl(req);
    const path = url.pathname;
    if (path === '/saml') {
      if (req.method === 'POST') return samlSignIn(req, res);
      return signInError(res, 405, 'The SAML endpoint accepts POST only.');
    }
    const federation = /^\/connect\/federate\/([^/]+)\/?$/.exec(path);
    if (req.method === 'GET' && federation)
      return federate(req, res, url, safeDecode(federation[1]));
    if (req.method === 'GET' && (path === '/' || path === '/console/home'))
      return consoleHome(req, res);
    if (req.method === 'GET' && path === '/logout') {
      const token = parseCookies(req).get(AWS_CONSOLE_COOKIE);
      if (token) consoleSessions.delete(token);
      setCookie(res, AWS_CONSOLE_COOKIE, '', { maxAgeSeconds: 0 });
      return awsPage(res, 200, 'Signed out', '<h1>You have signed out of the AWS console.</h1>');
    }
    if (req.method === 'GET' && path === '/favicon.ico') return sendText(res, 204, '');
    return signInError(res, 404, 'Not found.');
  }

  const server = createServer('aws', handle, {
    latencyMs: () => ctx.latencyMs.aws || 0,
    quiet: ctx.quiet,
  });
  return {
    server,
    acsUrl,
    federationUrl: (destination = '/ccp-v2/') =>
      `${ctx.urls.aws}/connect/federate/${ctx.directory.instance.id}` +
      `?destination=${encodeURIComponent(destination)}`,
    /** Console sessions, for assertions: [{ roleSessionName, roleArn, expiresAt }]. */
    sessions: () => [...consoleSessions.values()].map((s) => ({ ...s })),
  };
}
