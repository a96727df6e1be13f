// The connection: handshake, frames, backoff with jitter, SockJS fallback, heartbeats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection } from '../src/net/connection.js';
import { backoffDelay } from '../src/net/backoff.js';
import { decodeFrame, encodeFrame } from '../src/net/frames.js';
import { VirtualTime } from './support/virtual-time.mjs';

/** Sockets the test drives by hand. */
function harness({ sockjs = '/sockjs', random = () => 0.5 } = {}) {
  const time = new VirtualTime();
  const sockets = [];
  const openSocket = (kind, url) => {
    const s = { kind, url, sent: [], closed: false, send(t) { this.sent.push(JSON.parse(t)); }, close() { this.closed = true; } };
    sockets.push(s);
    return s;
  };
  const c = new Connection({ clientId: 'c-test-0001', user: { name: 'Ana', color: '#d81b60' },
    endpoints: { ws: 'ws://h/ws', sockjs }, openSocket, timers: time, random, now: time.now });
  const states = [];
  const messages = [];
  c.on('state', (e) => states.push(e.state));
  c.on('message', (m) => messages.push(m));
  return { c, time, sockets, states, messages, last: () => sockets.at(-1) };
}
const frame = (...msgs) => ({ data: JSON.stringify(msgs) });

test('backoff grows exponentially, is capped, and is jittered', () => {
  assert.equal(backoffDelay(0, { random: () => 0 }), 250);
  assert.equal(backoffDelay(0, { random: () => 1 }), 500);
  assert.equal(backoffDelay(3, { random: () => 0 }), 2000);
  assert.equal(backoffDelay(3, { random: () => 1 }), 4000);
  assert.equal(backoffDelay(50, { random: () => 1 }), 30000);
  assert.equal(backoffDelay(50, { random: () => 0 }), 15000);
  const draws = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
  assert.ok(draws.size > 10, 'random draws spread out');
});

test('frames: server arrays are iterated, a lone object is accepted, junk is dropped', () => {
  assert.deepEqual(decodeFrame('[{"type":"ack","seq":1},{"type":"op"}]').map((m) => m.type), ['ack', 'op']);
  assert.deepEqual(decodeFrame('{"type":"pong"}').map((m) => m.type), ['pong']);
  assert.deepEqual(decodeFrame('[1, null, {"no":"type"}]'), []);
  assert.throws(() => decodeFrame('not json'));
  assert.equal(encodeFrame([{ type: 'ping' }]), '{"type":"ping"}');
});

test('hello goes first; welcome makes the connection ready; every message of a frame is delivered', () => {
  const h = harness();
  h.c.start();
  assert.equal(h.last().kind, 'ws');
  h.last().onopen();
  assert.deepEqual(h.last().sent, [{ type: 'hello', v: 1, clientId: 'c-test-0001', user: { name: 'Ana', color: '#d81b60' } }]);
  assert.equal(h.c.send({ type: 'open', doc: 'x' }), false, 'nothing but hello before welcome');
  let ready = 0;
  h.c.on('ready', () => ready++);
  h.last().onmessage(frame({ type: 'welcome', v: 1, limits: { presencePerSecond: 20 } }, { type: 'presence', doc: 'x' }, { type: 'left', doc: 'x' }));
  assert.equal(ready, 1);
  assert.equal(h.c.state, 'ready');
  assert.deepEqual(h.messages.map((m) => m.type), ['presence', 'left']);
  assert.equal(h.c.send({ type: 'open', doc: 'x' }), true);
  assert.deepEqual(h.last().sent.at(-1), { type: 'open', doc: 'x' });
});

test('a dropped connection retries with growing delays', () => {
  const h = harness({ sockjs: null, random: () => 0 });
  h.c.start();
  const delays = [];
  for (let i = 0; i < 4; i++) {
    const before = h.time.now();
    h.last().onclose({ code: 1006 });
    assert.equal(h.c.state, 'waiting');
    const count = h.sockets.length;
    while (h.sockets.length === count) h.time.advance(10);
    delays.push(h.time.now() - before);
  }
  assert.deepEqual(delays, [250, 500, 1000, 2000]);
});

test('WebSocket that never opens twice falls back to SockJS, which is kept once it works', () => {
  const h = harness();
  h.c.start();
  h.last().onclose({ code: 1006 });
  h.time.advance(60000);
  assert.equal(h.last().kind, 'ws');
  h.last().onclose({ code: 1006 });
  h.time.advance(60000);
  assert.equal(h.last().kind, 'sockjs');
  assert.equal(h.last().url, '/sockjs');
  h.last().onopen();
  h.last().onclose({ code: 1006 });
  h.time.advance(60000);
  assert.equal(h.last().kind, 'sockjs', 'the transport that worked is preferred');
});

test('close 1001 (node shutting down) reconnects within a second; 4400 gives up', () => {
  const h = harness({ random: () => 0.99 });
  h.c.start();
  h.last().onopen();
  h.last().onclose({ code: 1001 });
  h.time.advance(990);
  assert.equal(h.sockets.length, 2);
  h.last().onopen();
  h.last().onclose({ code: 4400, reason: 'unsupported version' });
  h.time.advance(60000);
  assert.equal(h.sockets.length, 2);
  assert.equal(h.c.state, 'failed');
});

test('a connection that stops hearing from the server is replaced', () => {
  const h = harness();
  h.c.start();
  h.last().onopen();
  h.last().onmessage(frame({ type: 'welcome', v: 1 }));
  h.time.advance(25000);
  assert.equal(h.last().sent.at(-1).type, 'ping');
  h.last().onmessage(frame({ type: 'pong', t: h.last().sent.at(-1).t }));
  h.time.advance(50000);
  assert.equal(h.sockets[0].closed, false, 'pings keep a quiet connection up');
  h.time.advance(40000);
  assert.ok(h.sockets[0].closed, 'the silent socket was closed');
  assert.ok(h.sockets.length >= 2, 'and a new one opened');
});

test('reconnect() drops the socket and tells listeners; retryNow() skips the wait', () => {
  const h = harness();
  h.c.start();
  h.last().onopen();
  h.last().onmessage(frame({ type: 'welcome', v: 1 }));
  let closed = 0;
  h.c.on('closed', () => closed++);
  h.c.reconnect(5000);
  assert.equal(closed, 1);
  assert.ok(h.sockets[0].closed);
  assert.equal(h.c.state, 'waiting');
  h.c.retryNow();
  assert.equal(h.sockets.length, 2);
  h.c.stop();
  h.time.advance(100000);
  assert.equal(h.sockets.length, 2, 'stopped means stopped');
});

test('an access token goes with hello; a function is asked again for every connection', async () => {
  const time = new VirtualTime();
  const sockets = [];
  const openSocket = (kind) => {
    const s = { kind, sent: [], send(t) { this.sent.push(JSON.parse(t)); }, close() {} };
    sockets.push(s);
    return s;
  };
  let n = 0;
  const c = new Connection({ clientId: 'c-test-0001', user: {}, endpoints: { ws: 'ws://h/ws', sockjs: null }, openSocket,
    timers: time, random: () => 0, now: time.now, token: async () => `token-${++n}` });
  const unauthorized = [];
  c.on('unauthorized', (e) => unauthorized.push(e.code));
  c.start();
  sockets.at(-1).onopen();
  await Promise.resolve();
  assert.equal(sockets.at(-1).sent[0].token, 'token-1');
  sockets.at(-1).onmessage(frame({ type: 'welcome', v: 1, client: 'pPublic', access: 'token', user: { name: 'Ana' } }));
  assert.equal(c.publicId, 'pPublic', 'the id the others see');
  assert.equal(c.access, 'token');
  // The token expires: the server says so and closes with 4401; the next connection asks again.
  sockets.at(-1).onmessage(frame({ type: 'error', code: 'TOKEN_EXPIRED', message: 'expired', resync: false }));
  sockets.at(-1).onclose({ code: 4401 });
  assert.deepEqual(unauthorized, ['TOKEN_EXPIRED']);
  assert.equal(c.state, 'waiting', 'not failed: it comes back');
  const count = sockets.length;
  while (sockets.length === count) time.advance(10);
  sockets.at(-1).onopen();
  await Promise.resolve();
  assert.equal(sockets.at(-1).sent[0].token, 'token-2');
});

test('several nodes: a node that cannot be reached or drains (1001) is left for the next, within a second', () => {
  const time = new VirtualTime();
  const sockets = [];
  const openSocket = (kind, url) => {
    const s = { kind, url, sent: [], closed: false, send(t) { this.sent.push(JSON.parse(t)); }, close() { this.closed = true; } };
    sockets.push(s);
    return s;
  };
  const urls = [];
  const c = new Connection({ clientId: 'c-test-0001', user: { name: 'Ana' }, openSocket, timers: time, random: () => 0.5, now: time.now,
    endpoints: [{ ws: 'ws://a/ws', sockjs: null }, { ws: 'ws://b/ws', sockjs: null }, { ws: 'ws://c/ws', sockjs: null }] });
  c.on('state', (e) => { if (e.state === 'ready') urls.push(e.url); });
  const welcome = () => {
    sockets.at(-1).onopen();
    sockets.at(-1).onmessage({ data: JSON.stringify([{ type: 'welcome', v: 1 }]) });
  };
  c.start();
  assert.equal(sockets.at(-1).url, 'ws://a/ws');
  sockets.at(-1).onclose({ code: 1006 }); // a is down: never opened
  time.advance(1000);
  assert.equal(sockets.length, 2);
  assert.equal(sockets.at(-1).url, 'ws://b/ws', 'the next node after a failed attempt');
  welcome();
  assert.deepEqual(urls, ['ws://b/ws']);
  sockets.at(-1).onclose({ code: 1006 }); // b was up and drops: the same node again (it may come back)
  time.advance(1000);
  assert.equal(sockets.at(-1).url, 'ws://b/ws');
  welcome();
  sockets.at(-1).onclose({ code: 1001 }); // b drains
  time.advance(999);
  assert.equal(sockets.at(-1).url, 'ws://c/ws', 'after a drain, the next node within a second');
  welcome();
  assert.deepEqual(urls, ['ws://b/ws', 'ws://b/ws', 'ws://c/ws']);
  assert.equal(c.url, 'ws://c/ws');
  sockets.at(-1).onclose({ code: 1001 });
  time.advance(999);
  assert.equal(sockets.at(-1).url, 'ws://a/ws', 'round the list');
});

test('a connection needs at least one node', () => {
  assert.throws(() => new Connection({ clientId: 'c-test-0001', user: {}, openSocket: () => ({}), endpoints: [] }), /at least one node/);
});

test('several nodes: a node that never answers the connection is left for the next', () => {
  const time = new VirtualTime();
  const sockets = [];
  const c = new Connection({ clientId: 'c-test-0001', user: {}, timers: time, random: () => 0.5, now: time.now,
    openSocket: (kind, url) => { const s = { kind, url, send() {}, close() { this.closed = true; } }; sockets.push(s); return s; },
    endpoints: [{ ws: 'ws://a/ws', sockjs: null }, { ws: 'ws://b/ws', sockjs: null }] });
  c.start();
  time.advance(15000); // the connect timeout
  time.advance(10);
  assert.equal(sockets.at(-1).url, 'ws://b/ws');
  assert.ok(sockets[0].closed, 'the silent attempt was closed');
});
