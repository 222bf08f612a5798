// The local CCP page: the iframe side of the Streams conduit, plus a small CCP view.
//
// In the real CCP a SharedWorker talks to AWS and this page only relays between the worker
// and window.parent. Here the server keeps the agent state: the page forwards API calls to
// POST /ccp-v2/api and receives agent snapshots over Server-Sent Events (/ccp-v2/events), so
// every CCP page of one agent stays in step. Towards the parent it behaves like the worker:
// acknowledge with a port id, agent::update with Date timestamps, api_response with `err` as a
// JSON string, master_response, and the echo of every broadcast.
(function () {
  'use strict';

  var boot = JSON.parse(document.getElementById('ccp-boot').textContent);
  var framed = window.parent !== window;
  var talksToParent = framed && boot.acknowledge;
  var portId = randomId();
  var DATE_KEYS = {
    startTimestamp: true,
    timeStamp: true,
    timestamp: true,
    snapshotTimestamp: true,
    queueTimestamp: true,
    joinTimeStamp: true,
  };

  var agent = null; // the latest agent data, JSON form (ISO timestamps)
  var version = -1;
  var events = null;
  var terminated = false;
  var muted = false;
  var busy = false;
  var reloading = null;
  var AUTH_FAIL_RELOAD_MS = 500;

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b < 16 ? '0' : '') + b.toString(16);
      })
      .join('');
    return [
      hex.slice(0, 8),
      hex.slice(8, 12),
      hex.slice(12, 16),
      hex.slice(16, 20),
      hex.slice(20),
    ].join('-');
  }

  /** JSON with ISO strings -> the same data with Date objects, as the AWS SDK gives them. */
  function revive(value, key) {
    if (Array.isArray(value))
      return value.map(function (item) {
        return revive(item);
      });
    if (value && typeof value === 'object') {
      var out = {};
      Object.keys(value).forEach(function (k) {
        out[k] = revive(value[k], k);
      });
      return out;
    }
    if (key && DATE_KEYS[key] && typeof value === 'string') {
      var date = new Date(value);
      return isNaN(date.getTime()) ? value : date;
    }
    return value;
  }

  /** The worker's agent object: Dates, local timestamp and skew, and its aliases. */
  function workerAgent(data) {
    var out = revive(data);
    var snapshot = out.snapshot;
    snapshot.localTimestamp = Date.now();
    snapshot.skew = snapshot.snapshotTimestamp.getTime() - snapshot.localTimestamp;
    snapshot.contacts.forEach(function (contact) {
      contact.status = contact.state;
      contact.connections.forEach(function (connection) {
        connection.address = connection.endpoint;
      });
    });
    return out;
  }

  function post(event, data) {
    if (!talksToParent) return;
    window.parent.postMessage({ event: event, data: data }, '*');
  }

  function postAgent() {
    if (agent && !terminated) post('agent::update', workerAgent(agent));
  }

  // ---- the server -------------------------------------------------------------------------

  /** Resolves to { data } or { err } or { authFailure: true }; never rejects. */
  function callServer(method, params, via) {
    return fetch('/ccp-v2/api', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        method: method,
        params: params === undefined ? {} : params,
        via: via,
      }),
    })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) return { authFailure: true };
        return response.json();
      })
      .catch(function (error) {
        return {
          err: {
            type: 'NetworkingError',
            message: String(error && error.message),
            stack: [],
            retryStatus: 'none',
          },
        };
      });
  }

  function onAgentEvent(message) {
    var payload = JSON.parse(message.data);
    if (payload.version <= version) return;
    version = payload.version;
    agent = payload.agent;
    if (muted && !hasLiveCall(agent)) {
      muted = false;
      post('agent::mute_toggle', { muted: false });
    }
    render();
    postAgent();
  }

  /**
   * The session is gone. Like the real CCP, which tries to re-authorize and then sends
   * itself to the login page: tell the parent, then reload (without a session the reload
   * lands on /login, which refuses framing, so this frame stops acknowledging).
   */
  function authFailed() {
    post('auth_fail');
    if (reloading) return;
    reloading = setTimeout(function () {
      window.location.reload();
    }, AUTH_FAIL_RELOAD_MS);
  }

  function onCcpEvent(message) {
    var payload = JSON.parse(message.data);
    if (payload.event === 'auth_fail') {
      authFailed();
      return;
    }
    post(payload.event, payload.data);
    if (payload.event === 'terminated') stop();
  }

  function listen() {
    if (typeof EventSource === 'undefined') return;
    events = new EventSource('/ccp-v2/events');
    events.addEventListener('agent', onAgentEvent);
    events.addEventListener('ccp', onCcpEvent);
  }

  function stop() {
    terminated = true;
    if (events) events.close();
    events = null;
    render();
  }

  // ---- the conduit ------------------------------------------------------------------------

  function onApiRequest(request) {
    callServer(request.method, request.params, 'conduit').then(function (result) {
      if (result.authFailure) {
        // As the worker does: no response to the request, an auth_fail for the page.
        authFailed();
        return;
      }
      post('api_response', {
        event: 'api_response',
        requestId: request.requestId,
        data: revive(result.data === undefined ? null : result.data),
        err: result.err ? JSON.stringify(result.err) : null,
      });
    });
  }

  function onMasterRequest(request) {
    var topic = request.params && request.params.topic;
    var data =
      request.method === 'becomeMaster'
        ? { masterId: portId, takeOver: false, topic: topic }
        : { masterId: portId, isMaster: true, topic: topic };
    post('master_response', {
      event: 'master_response',
      requestId: request.requestId,
      data: data,
      err: null,
    });
  }

  function onBroadcast(message) {
    if (!message || typeof message.event !== 'string') return;
    post(message.event, message.data);
    if (message.event === 'mute' && message.data && typeof message.data.mute === 'boolean') {
      // What the CCP's softphone does with a live call: flip the microphone and say so.
      if (hasLiveCall(agent)) {
        muted = message.data.mute;
        post('agent::mute_toggle', { muted: muted });
        render();
      }
    }
  }

  function onMediaDeviceRequest() {
    var devices = navigator.mediaDevices && navigator.mediaDevices.enumerateDevices;
    if (!devices) {
      post('media_device_response', []);
      return;
    }
    navigator.mediaDevices
      .enumerateDevices()
      .then(function (list) {
        post(
          'media_device_response',
          list.map(function (d) {
            return d.toJSON();
          }),
        );
      })
      .catch(function (error) {
        post('media_device_response', { error: String(error && error.message) });
      });
  }

  function onMessage(event) {
    if (event.source !== window.parent || !talksToParent) return;
    var message = event.data;
    if (!message || typeof message.event !== 'string') return;
    var data = message.data;
    switch (message.event) {
      case 'synchronize':
        post('acknowledge');
        break;
      case 'api_request':
        if (data && data.requestId) onApiRequest(data);
        break;
      case 'master_request':
        if (data && data.requestId) onMasterRequest(data);
        break;
      case 'broadcast':
        onBroadcast(data);
        break;
      case 'reload_agent_configuration':
        postAgent();
        break;
      case 'media_device_request':
        onMediaDeviceRequest();
        break;
      case 'terminate':
        post('terminated');
        stop();
        break;
      default:
        // configure, outer_context_info, iframe_style, log, tab_id, … need no answer.
        break;
    }
  }

  // ---- the view ---------------------------------------------------------------------------

  var $ = function (id) {
    return document.getElementById(id);
  };

  function hasLiveCall(data) {
    return !!(
      data &&
      data.snapshot.contacts.some(function (c) {
        return c.state.type === 'connected';
      })
    );
  }

  var STATE_LABELS = {
    PendingBusy: 'Incoming contact',
    Busy: 'On contact',
    AfterCallWork: 'After contact work',
    MissedCallAgent: 'Missed contact',
  };

  function render() {
    if (!agent) return;
    var configuration = agent.configuration;
    var snapshot = agent.snapshot;
    $('agent-name').textContent = configuration.name;

    var select = $('status');
    var wanted = snapshot.agentAvailabilityState.state;
    var names = configuration.agentStates
      .map(function (s) {
        return s.name;
      })
      .join('|');
    if (select.dataset.names !== names) {
      select.textContent = '';
      configuration.agentStates.forEach(function (s) {
        var option = document.createElement('option');
        option.value = s.name;
        option.textContent = s.name;
        select.appendChild(option);
      });
      select.dataset.names = names;
    }
    select.value = wanted;
    select.disabled = terminated || busy;

    var systemState =
      snapshot.state.name !== wanted
        ? STATE_LABELS[snapshot.state.name] || snapshot.state.name
        : '';
    $('system-state').textContent = systemState;
    $('system-state').hidden = !systemState;
    document.body.dataset.agentState = snapshot.state.name;

    var contact = snapshot.contacts[0];
    var panel = $('contact');
    panel.hidden = !contact;
    if (contact) {
      var inbound = contact.connections.filter(function (c) {
        return c.type === 'inbound';
      })[0];
      $('caller').textContent =
        (inbound && inbound.endpoint && inbound.endpoint.phoneNumber) || 'Unknown caller';
      var type = contact.state.type;
      $('contact-state').textContent = type + (muted ? ' · muted' : '');
      panel.dataset.contactState = type;
      var ringing = type === 'connecting' || type === 'incoming';
      var live = type === 'connected' || type === 'paused';
      $('accept').hidden = !ringing;
      $('reject').hidden = !ringing;
      $('hangup').hidden = !live;
      $('clear').hidden = ringing || live;
    }
    ['accept', 'reject', 'hangup', 'clear'].forEach(function (id) {
      $(id).disabled = terminated || busy;
    });
    $('ended').hidden = !terminated;
  }

  function showError(text) {
    $('message').textContent = text || '';
    $('message').hidden = !text;
  }

  function act(method, params) {
    busy = true;
    showError('');
    render();
    callServer(method, params, 'ccp-ui').then(function (result) {
      busy = false;
      if (result.authFailure) {
        showError('Your session has ended. Sign in again.');
        authFailed();
      } else if (result.err) {
        showError(result.err.message || result.err.type);
      }
      render();
    });
  }

  function currentContact() {
    return agent && agent.snapshot.contacts[0];
  }

  function agentConnection(contact) {
    return contact.connections.filter(function (c) {
      return c.type === 'agent';
    })[0];
  }

  function wireView() {
    $('status').addEventListener('change', function (event) {
      var name = event.target.value;
      var state = agent.configuration.agentStates.filter(function (s) {
        return s.name === name;
      })[0];
      if (state) act('putAgentState', { state: state, enqueueNextState: false });
    });
    $('accept').addEventListener('click', function () {
      var contact = currentContact();
      if (contact) act('acceptContact', { contactId: contact.contactId });
    });
    $('reject').addEventListener('click', function () {
      var contact = currentContact();
      if (contact) act('rejectContact', { contactId: contact.contactId });
    });
    $('hangup').addEventListener('click', function () {
      var contact = currentContact();
      var connection = contact && agentConnection(contact);
      if (connection)
        act('destroyConnection', {
          contactId: contact.contactId,
          connectionId: connection.connectionId,
        });
    });
    $('clear').addEventListener('click', function () {
      var contact = currentContact();
      if (contact) act('clearContact', { contactId: contact.contactId });
    });
  }

  // ---- start ------------------------------------------------------------------------------

  agent = boot.agent;
  version = boot.version;
  document.body.dataset.framed = String(framed);
  wireView();
  render();
  window.addEventListener('message', onMessage);
  if (talksToParent) {
    post('acknowledge', { id: portId });
    post('update_connected_ccps', { length: 1 });
    postAgent();
  }
  listen();
})();
