// The connection to a Tandem node: a WebSocket at /ws, or SockJS at /sockjs when WebSockets are
// blocked; the `hello` handshake; heartbeats; and reconnecting with backoff and jitter.
//
// The socket itself comes from `openSocket(kind, url)` (see transports.js in the browser, a fake
// in tests): anything with the WebSocket shape (send, close, onopen, onmessage, onclose).
//
// Events: 'state' ({ state, attempt, retryAt, transport }) where state is one of
// 'connecting', 'ready', 'waiting' (to retry at retryAt), 'stopped', 'failed';
// 'ready' (the welcome message), 'message' (any other server message), 'closed',
// 'unauthorized' (the node refused the token or it expired: { code, message }).
//
// Several nodes: `endpoints` may be a list ({ ws, sockjs } per node). The connection uses one at
// a time and moves on to the next when a connection attempt fails or the node says it is shutting
// down (close 1001, a drain): then it connects to the next one within a second, without backoff.
//
// Access tokens: `token` is a string, or a function returning one (or a promise of one), asked
// again before every connection; so when a token expires (the server ends the session with
// TOKEN_EXPIRED, close code 4401), the next connection carries the application's fresh token and
// the documents catch up with their unsent edits.

import { Emitter } from '../util/emitter.js';
import { backoffDelay } from './backoff.js';
import { decodeFrame, encodeFrame } from './frames.js';

export const PROTOCOL_VERSION = 1;
const STABLE_AFTER_MS = 10000; // a connection up this long resets the backoff
const CONNECT_TIMEOUT_MS = 15000;

export class Connection extends Emitter {
  constructor({ clientId, user, endpoints, openSocket, timers = globalThis, random = Math.random,
    now = () => Date.now(), backoff = {}, heartbeatMs = 25000, deadAfterMs = 60000, token = null }) {
    super();
    this.clientId = clientId;
    this.token = token;
    /** The id the others see for this client (welcome's `client`), once welcomed. */
    this.publicId = clientId;
    this.user = user;
    /** Every node's endpoints ({ ws: url, sockjs: url | null }), tried in turn; `node` is the one in use. */
    this.nodes = Array.isArray(endpoints) ? endpoints : [endpoints];
    if (this.nodes.length === 0) throw new Error('Connection needs at least one node');
    this.node = 0;
    this.openSocket = openSocket;
    this.timers = timers;
    this.random = random;
    this.now = now;
    this.backoff = backoff;
    this.heartbeatMs = heartbeatMs;
    this.deadAfterMs = deadAfterMs;
    this.state = 'idle';
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.heartbeat = null;
    this.transport = null;
    this.preferred = null; // the kind of socket that worked
    this.failures = { ws: 0, sockjs: 0 };
    this.rttMs = null;
  }

  /** The endpoints of the node in use. */
  get endpoints() {
    return this.nodes[this.node];
  }

  /** The URL of the node in use, as the current transport reaches it. */
  get url() {
    return this.endpoints[this.transport || 'ws'];
  }

  start() {
    if (this.state === 'idle' || this.state === 'stopped') this.connect();
  }

  stop() {
    this.setState('stopped');
    this.timers.clearTimeout(this.retryTimer);
    this.drop();
  }

  /** Sends a message; false (and nothing sent) unless the handshake is done. */
  send(msg) {
    if (this.state !== 'ready') return false;
    this.socket.send(encodeFrame([msg]));
    return true;
  }

  setUser(user) {
    this.user = user;
    this.send({ type: 'user', user });
  }

  /** Drops the connection (if any) and connects again after `delayMs`. */
  reconnect(delayMs = 0) {
    if (this.state === 'stopped' || this.state === 'failed') return;
    const wasUp = this.socket !== null;
    this.drop();
    if (wasUp) this.emit('closed', { code: 4000, reason: 'reconnect' });
    this.scheduleConnect(delayMs);
  }

  /** Connects now if waiting for a retry (the person asked, or the browser came back online). */
  retryNow() {
    if (this.state === 'waiting') {
      this.timers.clearTimeout(this.retryTimer);
      this.connect();
    }
  }

  connect() {
    this.retryTimer = null;
    const kind = this.chooseTransport();
    this.transport = kind;
    this.setState('connecting');
    const made = this.openSocket(kind, this.endpoints[kind]);
    if (made && typeof made.then === 'function') {
      made.then((socket) => this.attach(socket, kind), () => this.onClose(null, { code: 1006 }, kind));
    } else {
      this.attach(made, kind);
    }
  }

  attach(socket, kind) {
    if (this.state !== 'connecting') {
      socket.close();
      return;
    }
    this.socket = socket;
    socket.opened = false;
    socket.onopen = () => {
      socket.opened = true;
      socket.openedAt = this.now();
      this.preferred = kind;
      this.failures[kind] = 0;
      this.lastHeard = this.now();
      const sendHello = (token) => {
        if (socket !== this.socket) return;
        const hello = { type: 'hello', v: PROTOCOL_VERSION, clientId: this.clientId, user: this.user };
        if (token) hello.token = token;
        socket.send(encodeFrame([hello]));
      };
      const noToken = (error) => {
        if (socket !== this.socket) return;
        this.emit('unauthorized', { code: 'UNAUTHENTICATED', message: `no access token: ${error && error.message}` });
        this.onClose(socket, { code: 4401, reason: 'no token' }, kind);
      };
      let token;
      try {
        token = typeof this.token === 'function' ? this.token() : this.token;
      } catch (error) {
        noToken(error);
        return;
      }
      // A plain token goes at once; the application's promise of one is waited for.
      if (token && typeof token.then === 'function') token.then(sendHello, noToken);
      else sendHello(token);
    };
    socket.onmessage = (e) => this.onFrame(socket, e.data);
    socket.onclose = (e) => this.onClose(socket, e || {}, kind);
    socket.onerror = () => {};
    socket.connectTimer = this.timers.setTimeout(() => {
      if (this.socket === socket && this.state === 'connecting') {
        if (this.nodes.length > 1) this.nextNode(); // this node does not answer: try the next
        this.reconnect(0);
      }
    }, CONNECT_TIMEOUT_MS);
  }

  onFrame(socket, data) {
    if (socket !== this.socket) return;
    this.lastHeard = this.now();
    let messages;
    try {
      messages = decodeFrame(typeof data === 'string' ? data : String(data));
    } catch {
      return; // not JSON: nothing we can act on
    }
    for (const msg of messages) {
      if (socket !== this.socket) return; // a handler reconnected meanwhile
      if (msg.type === 'welcome') {
        this.timers.clearTimeout(socket.connectTimer);
        this.limits = msg.limits || {};
        this.publicId = msg.client || this.clientId;
        this.access = msg.access || 'open';
        this.welcomeUser = msg.user || null;
        this.setState('ready');
        this.startHeartbeat();
        this.emit('ready', msg);
      } else if (msg.type === 'pong') {
        if (typeof msg.t === 'number') this.rttMs = this.now() - msg.t;
      } else if (msg.type === 'error' && msg.code === 'UNSUPPORTED_VERSION') {
        this.fail(msg);
      } else if (msg.type === 'error' && msg.doc === undefined && (msg.code === 'TOKEN_EXPIRED' || msg.code === 'UNAUTHENTICATED')) {
        // The session ends with its token (the server closes with 4401): come back with the next one.
        this.emit('unauthorized', msg);
        this.emit('message', msg);
      } else {
        this.emit('message', msg);
      }
    }
  }

  onClose(socket, event, kind) {
    if (socket !== this.socket || this.state === 'stopped') return;
    const stable = socket && socket.opened && this.now() - socket.openedAt >= STABLE_AFTER_MS;
    if (socket && !socket.opened) this.failures[kind] += 1;
    this.drop();
    this.emit('closed', event);
    if (event.code === 4400) {
      this.fail({ code: 'PROTOCOL_VIOLATION', message: event.reason || 'the server refused this client' });
      return;
    }
    if (stable) this.attempt = 0;
    const draining = event.code === 1001;
    // With several nodes, the next one is tried when this one drains or could not be reached.
    if (this.nodes.length > 1 && (draining || !(socket && socket.opened))) this.nextNode();
    // 1001: the node is shutting down; another one is ready, come back soon but not all at once.
    const delay = draining ? Math.round(this.random() * 1000) : backoffDelay(this.attempt++, { ...this.backoff, random: this.random });
    this.scheduleConnect(delay);
  }

  /** Moves on to the next node (the transport that worked is kept: what blocks WebSockets blocks them for every node). */
  nextNode() {
    this.node = (this.node + 1) % this.nodes.length;
  }

  scheduleConnect(delayMs) {
    this.timers.clearTimeout(this.retryTimer);
    this.retryAt = this.now() + delayMs;
    this.setState('waiting');
    this.retryTimer = this.timers.setTimeout(() => this.connect(), delayMs);
  }

  /** WebSocket first; SockJS after two WebSocket attempts that never opened, then alternate. */
  chooseTransport() {
    if (!this.endpoints.sockjs) return 'ws';
    if (this.preferred) return this.preferred;
    if (this.failures.ws < 2) return 'ws';
    return this.failures.sockjs <= this.failures.ws - 2 ? 'sockjs' : 'ws';
  }

  startHeartbeat() {
    this.timers.clearInterval(this.heartbeat);
    this.heartbeat = this.timers.setInterval(() => {
      if (this.state !== 'ready') return;
      if (this.now() - this.lastHeard > this.deadAfterMs) {
        this.reconnect(0);
      } else {
        this.send({ type: 'ping', t: this.now() });
      }
    }, this.heartbeatMs);
  }

  drop() {
    this.timers.clearInterval(this.heartbeat);
    this.heartbeat = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      this.timers.clearTimeout(socket.connectTimer);
      socket.onopen = socket.onmessage = socket.onclose = null;
      try {
        socket.close(4000, 'reconnect');
      } catch {
        // already closed
      }
    }
  }

  fail(error) {
    this.drop();
    this.error = error;
    this.setState('failed');
  }

  setState(state) {
    this.state = state;
    this.emit('state', { state, attempt: this.attempt, retryAt: this.retryAt, transport: this.transport, error: this.error,
      url: this.url });
  }
}
