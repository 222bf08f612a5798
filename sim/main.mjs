#!/usr/bin/env node
// Runs the local stand-ins until SIGINT or SIGTERM.
//
//   node sim/main.mjs [--ports 8080,8081,8082,8083] [--directory path.json] [--verbose]
//
// Ports are workspace, IdP, AWS, Connect, in that order; `SIM_PORTS` (same format) works too.

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

function usage(message) {
  if (message) console.error(`sim: ${message}`);
  console.error('usage: node sim/main.mjs [--ports W,I,A,C] [--directory FILE] [--verbose]');
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      ports: { type: 'string' },
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
try {
  stack = await startStack({ ports, directory: args.directory, quiet: !args.verbose });
} catch (err) {
  const hint = err.code === 'EADDRINUSE' ? ' (a port is in use: pass --ports or SIM_PORTS)' : '';
  console.error(`sim: could not start: ${err.message}${hint}`);
  process.exit(1);
}

console.log(`Agent workspace   ${stack.urls.workspace}/`);
console.log(`Identity provider ${stack.urls.idp}/`);
console.log(`AWS sign-in       ${stack.urls.aws}/saml`);
console.log(`Connect instance  ${stack.instanceUrl}  (CCP ${stack.ccpUrl})`);
console.log(`SSO Login URL     ${stack.ssoLoginUrl}`);
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
