// The identity provider stand-in, shaped like Okta's "AWS Account Federation" app.
//
// - `GET /login`, `POST /login`: a login form (pre-filled with the first user: local test
//   data), which sets the IdP session cookie `idp_session`.
// - `GET /app/amazon_aws/<appId>/sso/saml?RelayState=<url>`: IdP-initiated SAML for AWS. With
//   a session it answers at once with a form that POSTs a signed Response and the RelayState
//   to the AWS sign-in endpoint; without one it shows the login form first.
// - `GET /sso/saml?SAMLRequest=…&RelayState=…`: SP-initiated SAML (HTTP-Redirect binding) for
//   the workspace; the Response goes to the workspace's ACS with `InResponseTo`.
// - `GET /logout` ends the session; `GET /metadata` is the IdP metadata.
//
// Faults (`setFault`) change exactly one thing in the assertions minted for the AWS app, or,
// for `down`, make every route answer 503.

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
  redirect,
  requestUrl,
  sendHtml,
  sendText,
  setCookie,
} from './lib/http.mjs';
import {
  autoPostForm,
  buildResponse,
  NAMEID_UNSPECIFIED,
  newSamlId,
  parseAuthnRequest,
  signResponse,
  tamperSignedResponse,
} from './lib/saml.mjs';

export const IDP_COOKIE = 'idp_session';
export const AWS_AUDIENCE = 'urn:amazon:webservices';
export const ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';
export const ROLE_SESSION_NAME_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';

export const IDP_FAULTS = Object.freeze([
  'down',
  'expired',
  'not-yet-valid',
  'tampered',
  'wrong-audience',
  'wrong-recipient',
  'missing-role',
  'missing-role-session-name',
]);

const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const ASSERTION_LIFETIME_MS = 5 * 60 * 1000;

/**
 * `ctx` is the stack's shared context: `directory`, `keys`, `urls` (filled once every server
 * listens), `latencyMs`, `quiet`.
 */
export function createIdp(ctx) {
  const sessions = new Map(); // token -> { username, expiresAt }
  let fault = null;
  const appId = ctx.directory.idp.appId;
  const appPath = `/app/amazon_aws/${appId}/sso/saml`;

  const entityId = () => `${ctx.urls.idp}/metadata`;
  const federationUrl = () =>
    `${ctx.urls.aws}/connect/federate/${ctx.directory.instance.id}?destination=%2Fccp-v2%2F`;
  const serviceProviders = () => [
    {
      name: 'Agent workspace',
      entityId: `${ctx.urls.workspace}/saml/metadata`,
      acs: `${ctx.urls.workspace}/saml/acs`,
    },
  ];

  const findUser = (username) => ctx.directory.idp.users.find((u) => u.username === username);

  function currentUser(req) {
    const token = parseCookies(req).get(IDP_COOKIE);
    const session = token && sessions.get(token);
    if (!session) return null;
    if (session.expiresAt <= Date.now()) {
      sessions.delete(token);
      return null;
    }
    return findUser(session.username) || null;
  }

  function loginPage(res, { status = 200, continueTo = '/', error = null, username } = {}) {
    const first = ctx.directory.idp.users[0] || { username: '', password: '' };
    const prefillUser = username ?? first.username;
    const prefillPassword =
      username === undefined || username === first.username ? first.password : '';
    sendHtml(
      res,
      status,
      page(
        'Sign in - Local IdP',
        `<h1>Sign in</h1>
<p class="muted">Local identity provider (test data only).</p>
${loginForm({
  hidden: { name: 'continue', value: continueTo },
  user: prefillUser,
  password: prefillPassword,
  error,
})}`,
      ),
    );
  }

  function timesFor(kind) {
    const now = Date.now();
    const at = (offsetMs) => new Date(now + offsetMs);
    if (kind === 'expired') {
      return {
        issueInstant: at(-60 * 60 * 1000),
        notBefore: at(-60 * 60 * 1000),
        notOnOrAfter: at(-60 * 60 * 1000 + ASSERTION_LIFETIME_MS),
        subjectNotOnOrAfter: at(-60 * 60 * 1000 + ASSERTION_LIFETIME_MS),
      };
    }
    return {
      issueInstant: at(0),
      notBefore: kind === 'not-yet-valid' ? at(60 * 60 * 1000) : at(0),
      notOnOrAfter: at(ASSERTION_LIFETIME_MS),
      subjectNotOnOrAfter: at(ASSERTION_LIFETIME_MS),
    };
  }

  /** The signed, base64 Response for the AWS app, with the current fault applied. */
  function mintAwsResponse(user) {
    const { accountId } = ctx.directory.instance;
    const acs = `${ctx.urls.aws}/saml`;
    const workspaceSp = serviceProviders()[0];
    const attributes = [];
    if (fault !== 'missing-role') {
      attributes.push({
        name: ROLE_ATTRIBUTE,
        values: [
          `arn:aws:iam::${accountId}:role/ConnectAgent,` +
            `arn:aws:iam::${accountId}:saml-provider/LocalIdP`,
        ],
      });
    }
    if (fault !== 'missing-role-session-name') {
      attributes.push({
        name: ROLE_SESSION_NAME_ATTRIBUTE,
        values: [user.roleSessionName ?? user.username],
      });
    }
    // An assertion addressed to another service provider: the workspace.
    const recipient = fault === 'wrong-recipient' ? workspaceSp.acs : acs;
    const xml = buildResponse({
      issuer: entityId(),
      destination: recipient,
      recipient,
      audience: fault === 'wrong-audience' ? workspaceSp.entityId : AWS_AUDIENCE,
      nameId: user.username,
      nameIdFormat: NAMEID_UNSPECIFIED,
      sessionIndex: newSamlId(),
      attributes,
      times: timesFor(fault),
    });
    let signed = signResponse(xml, ctx.keys);
    if (fault === 'tampered') signed = tamperSignedResponse(signed);
    return Buffer.from(signed, 'utf8').toString('base64');
  }

  function mintSpResponse(user, sp, request) {
    const xml = buildResponse({
      issuer: entityId(),
      destination: sp.acs,
      recipient: sp.acs,
      audience: sp.entityId,
      inResponseTo: request.id,
      nameId: user.username,
      nameIdFormat: NAMEID_UNSPECIFIED,
      sessionIndex: newSamlId(),
      attributes: [
        { name: 'email', values: [user.email ?? ''] },
        { name: 'displayName', values: [user.name ?? user.username] },
      ],
      times: timesFor(null),
    });
    return Buffer.from(signResponse(xml, ctx.keys), 'utf8').toString('base64');
  }

  function idpInitiated(req, res, url) {
    const user = currentUser(req);
    if (!user) {
      // Keep the original URL byte for byte, so the RelayState is parsed again the same way.
      return loginPage(res, { continueTo: req.url });
    }
    // WHATWG query parsing, as a browser or a server framework would do it: an unencoded
    // inner `&` starts a new outer parameter and is lost from the RelayState. Without one,
    // the app's "Default Relay State" (directory idp.defaultRelayState, else the CCP's
    // federation URL).
    const relayState =
      url.searchParams.get('RelayState') || ctx.directory.idp.defaultRelayState || federationUrl();
    sendHtml(
      res,
      200,
      autoPostForm(`${ctx.urls.aws}/saml`, {
        SAMLResponse: mintAwsResponse(user),
        RelayState: relayState,
      }),
    );
  }

  function spInitiated(req, res, params) {
    const samlRequest = params.get('SAMLRequest');
    if (!samlRequest) return errorPage(res, 400, 'The request has no SAMLRequest.');
    let request;
    try {
      request = parseAuthnRequest(samlRequest);
    } catch (err) {
      return errorPage(res, 400, `The SAMLRequest could not be read: ${err.message}`);
    }
    const sp = serviceProviders().find((s) => s.entityId === request.issuer);
    if (!sp)
      return errorPage(res, 400, `No application is registered for issuer "${request.issuer}".`);
    if (request.acsUrl && request.acsUrl !== sp.acs) {
      return errorPage(
        res,
        400,
        'The AssertionConsumerServiceURL is not registered for this application.',
      );
    }
    const user = currentUser(req);
    if (!user) return loginPage(res, { continueTo: req.url });
    sendHtml(
      res,
      200,
      autoPostForm(sp.acs, {
        SAMLResponse: mintSpResponse(user, sp, request),
        RelayState: params.get('RelayState'),
      }),
    );
  }

  function errorPage(res, status, message) {
    sendHtml(
      res,
      status,
      page(
        'Error - Local IdP',
        `<h1>Sign-in error</h1><p class="error">${escapeHtml(message)}</p>`,
      ),
    );
  }

  function metadata(res) {
    const certBody = ctx.keys.cert
      .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
      .replace(/\s+/g, '');
    sendText(
      res,
      200,
      `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    entityID="${escapeHtml(entityId())}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false"
      protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data><ds:X509Certificate>${certBody}</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>${NAMEID_UNSPECIFIED}</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="${escapeHtml(ctx.urls.idp)}/sso/saml"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`,
      { 'Content-Type': 'application/samlmetadata+xml; charset=utf-8' },
    );
  }

  function home(req, res) {
    const user = currentUser(req);
    if (!user) return redirect(res, '/login');
    const awsApp = `${appPath}?RelayState=${encodeURIComponent(federationUrl())}`;
    sendHtml(
      res,
      200,
      page(
        'Local IdP',
        `<h1>Signed in as ${escapeHtml(user.name)}</h1>
<ul>
  <li><a href="${escapeHtml(awsApp)}">Amazon Connect (AWS)</a></li>
  <li><a href="${escapeHtml(ctx.urls.workspace)}/">Agent workspace</a></li>
</ul>
<p><a href="/logout">Sign out</a></p>`,
      ),
    );
  }

  async function handle(req, res) {
    const url = requestUrl(req);
    const path = url.pathname;

    if (fault === 'down') {
      return sendHtml(
        res,
        503,
        page(
          'Service unavailable',
          '<h1>Service unavailable</h1><p>The identity provider is down.</p>',
        ),
        {
          'Retry-After': '30',
        },
      );
    }

    if (req.method === 'GET' && path === '/') return home(req, res);
    if (req.method === 'GET' && path === '/login') {
      const next = url.searchParams.get('continue');
      return loginPage(res, { continueTo: isLocalPath(next) ? next : '/' });
    }
    if (req.method === 'POST' && path === '/login') {
      const form = await readForm(req);
      const username = form.get('username') ?? '';
      const next = form.get('continue');
      const continueTo = isLocalPath(next) ? next : '/';
      const user = findUser(username);
      if (!user || user.password !== (form.get('password') ?? '')) {
        return loginPage(res, {
          status: 401,
          continueTo,
          username,
          error: 'Unable to sign in: wrong username or password.',
        });
      }
      const token = newToken();
      sessions.set(token, { username: user.username, expiresAt: Date.now() + SESSION_TTL_MS });
      setCookie(res, IDP_COOKIE, token);
      return redirect(res, continueTo);
    }
    if (req.method === 'GET' && path.startsWith('/app/amazon_aws/') && path.endsWith('/sso/saml')) {
      if (path !== appPath) return errorPage(res, 404, 'No such application.');
      return idpInitiated(req, res, url);
    }
    if (path === '/sso/saml') {
      if (req.method === 'GET') return spInitiated(req, res, url.searchParams);
      if (req.method === 'POST') return spInitiated(req, res, await readForm(req));
    }
    if (req.method === 'GET' && path === '/logout') {
      const token = parseCookies(req).get(IDP_COOKIE);
      if (token) sessions.delete(token);
      clearCookie(res, IDP_COOKIE);
      return sendHtml(
        res,
        200,
        page(
          'Signed out - Local IdP',
          '<h1>Signed out</h1><p>You are signed out of the identity provider.</p>' +
            '<p><a href="/login">Sign in</a></p>',
        ),
      );
    }
    if (req.method === 'GET' && path === '/metadata') return metadata(res);
    if (req.method === 'GET' && path === '/favicon.ico') return sendText(res, 204, '');
    return errorPage(res, 404, 'Not found.');
  }

  const server = createServer('idp', handle, {
    latencyMs: () => ctx.latencyMs.idp || 0,
    quiet: ctx.quiet,
  });

  return {
    server,
    appId,
    entityId,
    appPath,
    federationUrl,
    get fault() {
      return fault;
    },
    setFault(next) {
      if (next !== null && next !== undefined && !IDP_FAULTS.includes(next)) {
        throw new TypeError(
          `unknown IdP fault ${JSON.stringify(next)}; ` +
            `expected null or one of ${IDP_FAULTS.join(', ')}`,
        );
      }
      fault = next ?? null;
    },
    /** Ends every IdP session (as if the IdP was restarted). */
    endSessions() {
      sessions.clear();
    },
  };
}
