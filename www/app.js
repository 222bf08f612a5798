// The demo workspace: a signed-in agent, the "Amazon Connect instance" settings an admin
// fills in, and the softphone in the side panel. It uses only the package's public API.
import { mount, diagnose } from '/js/index.js';

const STORAGE_KEY = 'connect-softphone-demo.instance';
const FIELDS = ['instanceUrl', 'ssoLoginUrl', 'region', 'instanceId'];
const STATE_WORDS = {
  loading: 'Loading',
  'signing-in-sso': 'Signing in with single sign-on',
  'signing-in-popup': 'Signing in (Amazon Connect login)',
  ready: 'Ready',
  'signed-out': 'Signed out',
  error: 'Needs attention',
};

const form = document.getElementById('instance-form');
const container = document.getElementById('softphone');
const stateWords = document.getElementById('state-words');
const findingsBox = document.getElementById('findings');
const eventsList = document.getElementById('events');

// Developer knobs for trying timings: `?ccpLoadTimeoutMs=1500&signInTimeoutMs=8000`.
const KNOBS = ['ccpLoadTimeoutMs', 'signInTimeoutMs'];
const query = new URLSearchParams(location.search);
const timings = Object.fromEntries(
  KNOBS.filter((name) => query.has(name)).map((name) => [name, Number(query.get(name))]),
);

let session;
let defaults;
let softphone = null;

// For trying the API from the browser console: `softphoneDemo.softphone.snapshot()`.
window.softphoneDemo = {
  get softphone() {
    return softphone;
  },
};

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

function readForm() {
  const config = {};
  for (const name of FIELDS) config[name] = form.elements[name].value.trim();
  return config;
}

function fillForm(values) {
  for (const name of FIELDS) form.elements[name].value = values[name] ?? '';
}

function savedInstance() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return null;
  }
}

function logEvent(type, detail) {
  const item = document.createElement('li');
  const time = new Date().toLocaleTimeString();
  item.textContent = `${time} ${type} ${JSON.stringify(detail)}`;
  item.dataset.type = type;
  item.dataset.detail = JSON.stringify(detail);
  eventsList.append(item);
  // Scroll the list only, not the page around it.
  eventsList.scrollTop = eventsList.scrollHeight;
}

function showState(state) {
  stateWords.textContent = STATE_WORDS[state] ?? state;
}

function renderFindings(findings, ok) {
  findingsBox.replaceChildren();
  if (findings.length === 0) {
    const line = document.createElement('p');
    line.className = 'ok';
    line.textContent = ok ? 'No problems found.' : '';
    findingsBox.append(line);
    return;
  }
  for (const finding of findings) {
    const box = document.createElement('div');
    box.className = 'finding';
    box.dataset.severity = finding.severity;
    box.dataset.code = finding.code;
    const title = document.createElement('div');
    const code = document.createElement('code');
    code.textContent = `${finding.severity} · ${finding.code}${finding.field ? ` · ${finding.field}` : ''}`;
    title.append(code);
    const message = document.createElement('div');
    message.textContent = finding.message;
    const hint = document.createElement('div');
    hint.className = 'hint';
    hint.textContent = finding.hint;
    box.append(title, message, hint);
    findingsBox.append(box);
  }
}

let checkTimer = null;
let checkSerial = 0;
function checkSoon() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(async () => {
    const serial = ++checkSerial;
    const result = await diagnose({ ...readForm(), username: session.username });
    if (serial === checkSerial) renderFindings(result.findings, result.ok);
  }, 120);
}

async function start() {
  softphone?.destroy();
  softphone = null;
  showState('loading');
  const config = { ...readForm(), username: session.username, ...timings };
  try {
    softphone = await mount(container, config);
  } catch (error) {
    stateWords.textContent = 'Not started';
    logEvent('mount-refused', { code: error.code, message: error.message });
    renderFindings(error.findings ?? [], false);
    return;
  }
  softphone.on('*', (detail, type) => logEvent(type, detail));
  softphone.on('state', ({ state }) => showState(state));
  showState(softphone.state);
}

async function placeCall() {
  const result = document.getElementById('call-result');
  result.textContent = 'Calling…';
  try {
    const response = await fetch(`${defaults.simControlUrl}/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: softphone?.snapshot().agent?.username ?? session.username }),
    });
    const body = await response.json().catch(() => ({}));
    result.textContent = response.ok
      ? `Inbound call ${body.contactId ?? ''} placed.`
      : `No call: ${body.error ?? response.status}`;
  } catch (error) {
    result.textContent = `No call: ${error.message}`;
  }
}

async function main() {
  [session, defaults] = await Promise.all([getJson('/api/session'), getJson('/api/defaults')]);
  document.getElementById('user-name').textContent = session.name;
  document.getElementById('user-login').textContent = `(${session.username})`;
  fillForm(savedInstance() ?? defaults);

  form.addEventListener('input', checkSoon);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // A configuration with errors is not saved, and the softphone that works stays.
    const result = await diagnose({ ...readForm(), username: session.username });
    renderFindings(result.findings, result.ok);
    if (!result.ok) {
      logEvent('not-saved', { reason: 'the configuration has errors', codes: result.findings.map((f) => f.code) });
      findingsBox.querySelector('.finding')?.scrollIntoView({ block: 'nearest' });
      return;
    }
    localStorage.setItem(STORAGE_KEY, JSON.stringify(readForm()));
    start();
  });
  document.getElementById('reset').addEventListener('click', () => {
    localStorage.removeItem(STORAGE_KEY);
    fillForm(defaults);
    checkSoon();
    start();
  });
  document.getElementById('place-call').addEventListener('click', placeCall);

  checkSoon();
  await start();
}

main().catch((error) => {
  stateWords.textContent = 'Could not start';
  logEvent('demo-error', { message: error.message });
});
