// The doctor command as an admin (or a CI job) runs it: real processes, real exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../js/cli.mjs', import.meta.url));
const INSTANCE_ID = '3f1c9a52-7e4b-4d2a-9b61-0c8e5f2d7a94';
const FEDERATION = `https://us-east-1.console.aws.amazon.com/connect/federate/${INSTANCE_ID}?destination=%2Fccp-v2`;
const GOOD_SSO = `https://acme.okta.com/app/amazon_aws/exk1abc2def3ghi4/sso/saml?RelayState=${encodeURIComponent(FEDERATION)}`;

function doctor(...args) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test('a correct configuration passes with exit 0', () => {
  const { code, out } = doctor(
    'doctor', '--instance-url', 'https://acme.my.connect.aws', '--sso-login-url', GOOD_SSO,
    '--region', 'us-east-1', '--instance-id', INSTANCE_ID,
    '--username', 'agent.smith', '--connect-username', 'agent.smith',
  );
  assert.equal(code, 0, out);
  assert.match(out, /CCP URL: +https:\/\/acme\.my\.connect\.aws\/ccp-v2\//);
  assert.match(out, /single sign-on \(okta\)/);
  assert.match(out, /^OK: 0 errors/m);
});

test('--json prints ok, idp and findings; errors exit 1', () => {
  const sso = GOOD_SSO.replace('us-east-1', 'eu-west-2');
  const { code, out } = doctor(
    'doctor', '--json', '--instance-url', 'https://acme.my.connect.aws', '--sso-login-url', sso,
    '--region', 'us-east-1', '--username', 'agent.smith', '--connect-username', 'Agent.Smith',
  );
  assert.equal(code, 1);
  const report = JSON.parse(out);
  assert.deepEqual(Object.keys(report).sort(), ['findings', 'idp', 'ok']);
  assert.equal(report.ok, false);
  assert.equal(report.idp, 'okta');
  const codes = report.findings.map((f) => f.code);
  assert.ok(codes.includes('relay-state-region-mismatch'), codes.join());
  const mismatch = report.findings.find((f) => f.code === 'identity-mismatch');
  assert.equal(mismatch.severity, 'error');
  assert.match(mismatch.message, /only in case/);
  for (const finding of report.findings) {
    for (const key of ['code', 'severity', 'field', 'message', 'hint']) {
      assert.equal(typeof finding[key], 'string', `${finding.code}.${key}`);
    }
  }
});

test('an empty SSO Login URL is the standard Amazon Connect login', () => {
  const { code, out } = doctor('doctor', '--instance-url', 'https://acme.awsapps.com/connect', '--sso-login-url', '');
  assert.equal(code, 0, out);
  assert.match(out, /standard Amazon Connect login/);
  assert.match(out, /https:\/\/acme\.awsapps\.com\/connect\/ccp-v2\//);
});

test('a javascript: SSO Login URL is refused', () => {
  const { code, out } = doctor('doctor', '--json', '--instance-url', 'https://acme.my.connect.aws', '--sso-login-url', 'javascript:alert(1)');
  assert.equal(code, 1);
  const report = JSON.parse(out);
  assert.ok(report.findings.some((f) => f.field === 'ssoLoginUrl' && f.severity === 'error'));
});

test('control characters in a value are shown, not obeyed by the terminal', () => {
  const forged = 'https://acme.my.connect.aws\nOK: 0 errors, 0 warnings, 0 notes. Nothing stops sign-in.\u001b[8m';
  const { code, out } = doctor('doctor', '--instance-url', forged, '--sso-login-url', '');
  assert.equal(code, 1);
  assert.doesNotMatch(out, /\u001b/);
  assert.equal(out.split('\n').filter((line) => line.startsWith('OK:')).length, 0, out);
  assert.match(out, /\\u000a/);
  assert.match(out, /^FAILED/m);
});

test('usage errors exit 2 and say what is wrong', () => {
  for (const [args, pattern] of [
    [[], /Missing the command/],
    [['check'], /Unknown command "check"/],
    [['doctor', '--instance-url', 'https://a.my.connect.aws'], /Missing --sso-login-url/],
    [['doctor', '--instance-url', 'x', '--sso-login-url', '', '--colour'], /Unknown option '--colour'/],
    [['doctor', '--instanceUrl', 'x', '--sso-login-url', ''], /Unknown option '--instanceUrl'\. Did you mean --instance-url\?/],
    [['doctor', '--instance-url', 'x', '--sso-login-url', '', '--connect-username', 'a'], /needs --username/],
  ]) {
    const { code, err, out } = doctor(...args);
    assert.equal(code, 2, `${args.join(' ')}: ${out}`);
    assert.match(err, pattern);
    assert.match(err, /Usage: node js\/cli\.mjs doctor/);
  }
  const help = doctor('--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /Exit status/);
});
