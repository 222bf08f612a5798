// Starts the four local stand-ins together, each on its own origin on 127.0.0.1:
// the agent workspace (host page), the identity provider, AWS (SAML sign-in and Connect
// federation) and the Amazon Connect instance (login and CCP).

import { readFile } from 'node:fs/promises';
import { closeServer, listen } from './lib/http.mjs';
import { signingKeys } from './lib/keys.mjs';
import { createIdp } from './idp.mjs';
import { createAws } from './aws.mjs';
import { createConnect } from './connect.mjs';
import { createWorkspace } from './workspace.mjs';

export const DEFAULT_DIRECTORY = new URL('./directory.json', import.meta.url);
export const DEFAULT_PORTS = Object.freeze({
  workspace: 8080,
  idp: 8081,
  aws: 8082,
  connect: 8083,
});

const ROLES = ['workspace', 'idp', 'aws', 'connect'];

async function loadDirectory(directory) {
  if (directory && typeof directory === 'object' && !(directory instanceof URL)) {
    return structuredClone(directory);
  }
  return JSON.parse(await readFile(directory ?? DEFAULT_DIRECTORY, 'utf8'));
}

function checkDirectory(directory) {
  const problems = [];
  const instance = directory.instance ?? {};
  for (const key of ['id', 'alias', 'region', 'accountId']) {
    if (!instance[key]) problems.push(`instance.${key} is missing`);
  }
  if (instance.id && !/^[0-9a-fA-F-]{36}$/.test(instance.id))
    problems.push('instance.id must be a UUID');
  if (!directory.idp?.appId) problems.push('idp.appId is missing');
  for (const system of ['idp', 'workspace', 'connect']) {
    if (!Array.isArray(directory[system]?.users)) problems.push(`${system}.users must be a list`);
  }
  if (problems.length) throw new TypeError(`invalid directory: ${problems.join('; ')}`);
  directory.instance.identityManagement ??= 'SAML_AND_CONNECT';
}

/**
 * Starts the stack. Options (all optional):
 * - `directory`: object, path or URL (default sim/directory.json);
 * - `ports`: { workspace, idp, aws, connect }, 0 = ephemeral (the default);
 * - `latencyMs`: { idp, aws, connect }, added before each response of that stand-in;
 * - `approvedOrigins`: origins the CCP may be framed by (default: the workspace origin);
 * - `connectSessionTtlMs`: Connect session length (default 12 h);
 * - `rootDir`: where `www/`, `js/`, `pkg/` and `node_modules/` are (default: the repository);
 * - `quiet`: no request log (default true).
 */
export async function startStack(options = {}) {
  const directory = await loadDirectory(options.directory);
  checkDirectory(directory);
  const ports = { workspace: 0, idp: 0, aws: 0, connect: 0, ...(options.ports ?? {}) };
  const latencyMs = { idp: 0, aws: 0, connect: 0, ...(options.latencyMs ?? {}) };

  let approvedOrigins = options.approvedOrigins ? [...options.approvedOrigins] : null;
  const ctx = {
    directory,
    keys: await signingKeys(),
    urls: {},
    latencyMs,
    quiet: options.quiet ?? true,
    rootDir: options.rootDir,
    connectSessionTtlMs: options.connectSessionTtlMs,
    federationTokens: new Map(),
    approvedOrigins: () => approvedOrigins ?? [ctx.urls.workspace],
    ssoLoginUrl: () => ssoLoginUrl(),
  };

  const idp = createIdp(ctx);
  ctx.idp = idp;
  const aws = createAws(ctx);
  const connect = createConnect(ctx);
  const workspace = createWorkspace(ctx);
  const servers = {
    workspace: workspace.server,
    idp: idp.server,
    aws: aws.server,
    connect: connect.server,
  };

  const bound = [];
  try {
    for (const role of ROLES) {
      const port = await listen(servers[role], ports[role]);
      bound.push(servers[role]);
      ctx.urls[role] = `http://127.0.0.1:${port}`;
    }
  } catch (err) {
    await Promise.all(bound.map(closeServer));
    connect.close();
    throw err;
  }

  function federationUrl() {
    return `${ctx.urls.aws}/connect/federate/${directory.instance.id}?destination=%2Fccp-v2%2F`;
  }

  function ssoLoginUrl() {
    return `${ctx.urls.idp}${idp.appPath}?RelayState=${encodeURIComponent(federationUrl())}`;
  }

  let closing = null;
  return {
    urls: { ...ctx.urls },
    instanceUrl: ctx.urls.connect,
    ccpUrl: `${ctx.urls.connect}/ccp-v2/`,
    federationUrl: federationUrl(),
    ssoLoginUrl: ssoLoginUrl(),
    region: directory.instance.region,
    instanceId: directory.instance.id,
    directory,
    /** Changes a per-hop delay while running. */
    latencyMs,
    idp: {
      appId: idp.appId,
      entityId: idp.entityId(),
      cert: ctx.keys.cert,
      setFault: (fault) => idp.setFault(fault),
      get fault() {
        return idp.fault;
      },
      endSessions: () => idp.endSessions(),
    },
    aws: {
      sessions: () => aws.sessions(),
    },
    connect: {
      placeCall: (username, opts) => connect.placeCall(username, opts),
      customerHangUp: (contactId) => connect.customerHangUp(contactId),
      sendToCcp: (username, event, data) => connect.sendToCcp(username, event, data),
      expireSession: (username, opts) => connect.expireSession(username, opts),
      setFault: (fault) => connect.setFault(fault),
      get fault() {
        return connect.fault;
      },
      agent: (username) => connect.agent(username),
      apiCalls: connect.apiCalls,
      /** Replaces the origins allowed to frame the CCP (CSP frame-ancestors). */
      setApprovedOrigins(origins) {
        approvedOrigins = origins ? [...origins] : null;
      },
    },
    close() {
      closing ??= (async () => {
        connect.close();
        await Promise.all(Object.values(servers).map(closeServer));
      })();
      return closing;
    },
  };
}
