#!/usr/bin/env node
// connect-softphone's command line, for admins and CI. `doctor` runs the same checks as the
// component (the same wasm) on an instance URL and SSO Login URL, before agents meet them.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initSync, diagnose } from '../pkg/connect_softphone.js';

const USAGE = `Usage: node js/cli.mjs doctor --instance-url URL --sso-login-url URL
         [--region REGION] [--instance-id ID]
         [--username NAME --connect-username NAME] [--json]

Checks an Amazon Connect softphone configuration: the instance URL, the SSO Login URL
(an empty one means the standard Amazon Connect login) and its RelayState, and that the
workspace user name matches the Amazon Connect user name.

Exit status: 0 when nothing stops sign-in, 1 when a finding is an error, 2 on a usage error.
Finding codes: docs/findings.md`;

const OPTIONS = {
  'instance-url': { type: 'string' },
  'sso-login-url': { type: 'string' },
  region: { type: 'string' },
  'instance-id': { type: 'string' },
  username: { type: 'string' },
  'connect-username': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

class UsageError extends Error {}

function parse(argv) {
  let parsed;
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  const unknown = flags.find((arg) => arg.startsWith('--') && !(arg.slice(2).split('=')[0] in OPTIONS));
  if (unknown) {
    const name = unknown.slice(2).split('=')[0];
    const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const hint = kebab in OPTIONS ? ` Did you mean --${kebab}?` : '';
    throw new UsageError(`Unknown option '--${name}'.${hint}`);
  }
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0) throw new UsageError('Missing the command: doctor.');
  if (positionals[0] !== 'doctor') throw new UsageError(`Unknown command "${positionals[0]}".`);
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  for (const required of ['instance-url', 'sso-login-url']) {
    if (values[required] === undefined) {
      throw new UsageError(`Missing --${required} (pass --sso-login-url "" for the standard Amazon Connect login).`);
    }
  }
  if (values['connect-username'] !== undefined && values.username === undefined) {
    throw new UsageError('--connect-username needs --username to compare it with.');
  }
  return {
    json: values.json,
    config: {
      instanceUrl: values['instance-url'],
      ssoLoginUrl: values['sso-login-url'],
      region: values.region,
      instanceId: values['instance-id'],
      username: values.username,
      connectUsername: values['connect-username'],
    },
  };
}

function loadWasm() {
  const wasm = readFileSync(new URL('../pkg/connect_softphone_bg.wasm', import.meta.url));
  initSync({ module: wasm });
}

const MARK = { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' };

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Text from the configuration, with control characters shown, not obeyed by the terminal. */
function printable(text) {
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function report(result, config) {
  const lines = [];
  lines.push(`Instance URL:   ${config.instanceUrl ? printable(config.instanceUrl) : '(none)'}`);
  lines.push(`CCP URL:        ${result.ccpUrl ? printable(result.ccpUrl) : '(cannot be derived)'}`);
  lines.push(`Sign-in:        ${config.ssoLoginUrl ? `single sign-on (${result.idp})` : 'standard Amazon Connect login'}`);
  lines.push('');
  for (const finding of result.findings) {
    const field = finding.field ? ` [${finding.field}]` : '';
    lines.push(`${MARK[finding.severity] ?? finding.severity} ${finding.code}${field}`);
    lines.push(`  ${printable(finding.message)}`);
    if (finding.hint) lines.push(`  Fix: ${printable(finding.hint)}`);
    lines.push('');
  }
  const count = (severity) => result.findings.filter((f) => f.severity === severity).length;
  const summary = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`;
  lines.push(result.ok ? `OK: ${summary}. Nothing stops sign-in.` : `FAILED: ${summary}. Agents cannot sign in until the errors are fixed.`);
  return lines.join('\n');
}

export function main(argv) {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadWasm();
  const result = diagnose(args.config);
  if (args.json) {
    const { ok, idp, findings } = result;
    process.stdout.write(`${JSON.stringify({ ok, idp, findings }, null, 2)}\n`);
  } else {
    process.stdout.write(`${report(result, args.config)}\n`);
  }
  return result.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
