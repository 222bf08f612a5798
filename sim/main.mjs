#!/usr/bin/env node
// Runs the local stand-ins until SIGINT or SIGTERM.
//
//   node sim/main.mjs [--ports 8080,8081,8082,8083] [--approved-origins URL,URL]
//                     [--directory path.json] [--verbose]
//
// Ports are workspace, IdP, AWS, Connect, in that order; `SIM_PORTS` (same format) works too.
// Approved origins are the pages that may frame the CCP (default: the workspace's origin),
// as an Amazon Connect instance's "Approved origins" list.

import { parseArgs } from 'node:util';
import { DEFAULT_PORTS, startStack } from './stack.mjs';

const ROLES = ['workspace', 'idp', 'aws', 'connect'];

function parsePorts(text) {
  const parts = text.split(',').map((p) => p.trim());
  const ports = parts.map(Number);
  if (parts.length !== 4 || ports.some((p) => !Number.isInteger(p) || p < 0 || p > 65535)) {
    throw new Error(`expected four ports "workspace,idp,aws,connect", got "${text}"`);
  }
  return Object.fromEntries(ROLES.map((role, i) => [role, ports[i]]));
}

const USAGE = `usage: node sim/main.mjs [--ports W,I,A,C] [--approved-origins URL,URL] [--directory FILE] [--verbose]
  --ports             workspace, IdP, AWS and Connect ports (default 8080,8081,8082,8083; 0 = any free port);
                      SIM_PORTS=W,I,A,C works too
  --approved-origins  origins that may frame the CCP, like an instance's Approved origins
                      (default: the workspace's origin); add your own page's origin here
  --directory         the users of the workspace, the IdP and Connect (default sim/directory.json)`;

function usage(message) {
  if (message) {
    console.error(`sim: ${message}`);
    console.error(USAGE);
    process.exit(2);
  }
  console.log(USAGE);
  process.exit(0);
}

let args;
try {
  args = parseArgs({
    options: {
      ports: { type: 'string' },
      'approved-origins': { type: 'string' },
      directory: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (err) {
  usage(err.message);
}
if (args.help) usage();

let ports = { ...DEFAULT_PORTS };
try {
  const text = args.ports ?? process.env.SIM_PORTS;
  if (text) ports = parsePorts(text);
} catch (err) {
  usage(err.message);
}

let stack;
let extra = [];
try {
  extra = args['approved-origins']?.split(',').map((o) => o.trim()).filter(Boolean) ?? [];
  stack = await startStack({ ports, directory: args.directory, quiet: !args.verbose });
  // Your own page is approved besides the demo workspace, not instead of it.
  if (extra.length) stack.connect.setApprovedOrigins([stack.urls.workspace, ...extra]);
} catch (err) {
  const hint =
    err.code === 'EADDRINUSE'
      ? ' (a port is in use: pass other ports, e.g. npm start -- --ports 9080,9081,9082,9083)'
      : '';
  console.error(`sim: could not start: ${err.message}${hint}`);
  process.exit(1);
}

console.log(`Agent workspace   ${stack.urls.workspace}/`);
console.log(`Identity provider ${stack.urls.idp}/`);
console.log(`AWS sign-in       ${stack.urls.aws}/saml`);
console.log(`Connect instance  ${stack.instanceUrl}  (CCP ${stack.ccpUrl})`);
console.log(`SSO Login URL     ${stack.ssoLoginUrl}`);
if (extra.length) console.log(`Approved origins  ${[stack.urls.workspace, ...extra].join(' ')}`);
console.log(`Open ${stack.urls.workspace}/ and sign in. Stop with Ctrl+C.`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nsim: ${signal}, stopping`);
  await stack.close();
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
