// The custom-element example: the workspace's own data becomes attributes; the element does
// the rest once it is defined. Events bubble up as `softphone-*` DOM events.
const element = document.getElementById('softphone');
const list = document.getElementById('events');

for (const type of ['state', 'agent', 'contact', 'error', 'warning']) {
  element.addEventListener(`softphone-${type}`, (event) => {
    const item = document.createElement('li');
    item.dataset.type = type;
    item.dataset.detail = JSON.stringify(event.detail);
    item.textContent = `${type} ${item.dataset.detail}`;
    list.append(item);
  });
}

const [session, defaults] = await Promise.all(
  ['/api/session', '/api/defaults'].map((url) => fetch(url).then((r) => r.json())),
);
const query = new URLSearchParams(location.search);
element.setAttribute('instance-url', defaults.instanceUrl);
element.setAttribute('sso-login-url', defaults.ssoLoginUrl);
element.setAttribute('region', defaults.region);
element.setAttribute('username', session.username);
for (const name of ['ccp-load-timeout-ms', 'sign-in-timeout-ms']) {
  if (query.has(name)) element.setAttribute(name, query.get(name));
}
// Defining the element upgrades it, and it mounts with the attributes it has by then.
await import('/js/element.js');
