// TandemClient and TandemDocument against the fake server over a fake network: documents that
// do not exist yet (two people on a fresh link, a first visit while offline), presence between
// two clients, pausing remote messages, and a document type other than text going through the
// same client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualTime } from './support/virtual-time.mjs';
import { FakeServer } from './support/fake-server.mjs';
import { FakeNetwork } from './support/fake-network.mjs';
import { rng } from './support/random.mjs';
import { TandemClient } from '../src/client.js';
import { TextOperation } from '../src/ot/text-operation.js';
import { Selection } from '../src/ot/selection.js';
import { codePointLength } from '../src/ot/code-points.js';
import { registerType } from '../src/types/type.js';

function world(seed = 7) {
  const time = new VirtualTime();
  const random = rng(seed);
  const server = new FakeServer();
  const net = new FakeNetwork({ server, time, random });
  const person = (name) => new TandemClient({
    url: 'http://tandem.test/', user: { name, color: '#123456' }, clientId: `c-${name.toLowerCase()}-0001`,
    openSocket: net.openSocket, timers: time, watchNetwork: false, sockjs: false,
    connection: { now: time.now, random, backoff: { baseMs: 50, capMs: 500 } },
  });
  return { time, server, net, person };
}

/** Types `text` at the end of the document, as an editor would: applied to the view, then submitted. */
function typeAtEnd(doc, text) {
  for (const ch of text) {
    const op = TextOperation.splice(codePointLength(doc.snapshot), codePointLength(doc.snapshot), 0, ch);
    doc.view.applyOperation(op);
    doc.submitOp(op);
  }
}

test('two people on a link to a document that does not exist both type, and both words reach the server', () => {
  const w = world();
  const ana = w.person('Ana').open('fresh-link');
  const bo = w.person('Bo').open('fresh-link');
  assert.equal(ana.canEdit, false, 'not editable before the server answers');
  w.time.advance(200);
  assert.ok(ana.canEdit && bo.canEdit, 'the open created the document');
  typeAtEnd(ana, 'Ana was here. ');
  typeAtEnd(bo, 'Bo too. ');
  w.time.advance(2000);
  const server = w.server.docs.get('fresh-link').text;
  assert.equal(ana.snapshot, server);
  assert.equal(bo.snapshot, server);
  assert.ok(server.includes('Ana was here. ') && server.includes('Bo too. '), server);
});

test('a first visit while the server is out of reach starts the document here and creates it with what was typed', () => {
  const w = world();
  w.net.down = true;
  const ana = w.person('Ana').open('made-offline', { startOfflineAfterMs: 1000 });
  w.time.advance(999);
  assert.equal(ana.canEdit, false);
  w.time.advance(1);
  assert.equal(ana.canEdit, true, 'started here after a second without the server');
  assert.equal(ana.revision, 0);
  typeAtEnd(ana, 'typed offline');
  w.time.advance(3000);
  assert.equal(w.server.docs.has('made-offline'), false);
  w.net.down = false;
  w.time.advance(5000);
  assert.equal(w.server.docs.get('made-offline').text, 'typed offline');
  assert.equal(ana.unsentEdits, 0);
});

test('a document started here that existed after all gets the typing merged into it, nothing lost', () => {
  const w = world();
  w.server.createDoc('existing', 'Hello from the server.');
  w.net.down = true;
  const ana = w.person('Ana').open('existing');
  ana.startHere();
  typeAtEnd(ana, 'Mine.');
  w.net.down = false;
  w.time.advance(5000);
  const server = w.server.docs.get('existing').text;
  assert.equal(ana.snapshot, server);
  assert.ok(server.includes('Hello from the server.') && server.includes('Mine.'), server);
});

test('carets travel between two clients, moved through later edits, with names', () => {
  const w = world();
  const ana = w.person('Ana').open('carets');
  const bo = w.person('Bo').open('carets');
  w.time.advance(200);
  typeAtEnd(ana, 'hello world');
  w.time.advance(500);
  ana.setSelection(new Selection(6, 11));
  w.time.advance(500);
  assert.deepEqual(bo.peers.map((p) => [p.user.name, p.sel.toJSON()]), [['Ana', [6, 11]]]);
  const op = TextOperation.splice(11, 0, 0, '>> ');
  bo.view.applyOperation(op);
  bo.submitOp(op);
  assert.deepEqual(bo.peers[0].sel.toJSON(), [9, 14], 'moved through Bo\'s own edit at once');
  w.time.advance(500);
  assert.deepEqual(ana.peers.map((p) => p.user.name), ['Bo']);
});

test('remote messages wait while paused (an IME composition) and arrive in order after', () => {
  const w = world();
  const ana = w.person('Ana').open('paused');
  const bo = w.person('Bo').open('paused');
  w.time.advance(200);
  bo.pauseRemote();
  typeAtEnd(ana, 'abc');
  w.time.advance(1000);
  assert.equal(bo.snapshot, '', 'held back');
  bo.resumeRemote();
  assert.equal(bo.snapshot, 'abc');
});

test('another document type goes through the same client: a counter whose ops add', () => {
  const counter = registerType({
    name: 'test-counter',
    create: () => 0,
    apply: (n, op) => n + op,
    transform: (op) => op,
    compose: (a, b) => a + b,
    isNoop: (op) => op === 0,
    opFromJSON: (j) => { if (!Number.isInteger(j)) throw new Error('not an integer'); return j; },
    opToJSON: (op) => op,
    snapshotFromJSON: (j) => j,
    snapshotToJSON: (n) => n,
  });
  const w = world();
  const ana = w.person('Ana').open('counter', { type: 'test-counter' });
  const sent = [];
  const send = ana.send;
  ana.send = (m) => { sent.push(m); return send(m); };
  ana.sync.connected();
  assert.equal(sent.at(-1).docType, 'test-counter');
  ana.deliver({ type: 'opened', doc: 'counter', docType: 'test-counter', rev: 4, snapshot: 10, presence: [] });
  ana.view.applyOperation(5);
  ana.submitOp(5);
  assert.deepEqual(sent.at(-1), { type: 'submit', doc: 'counter', base: 4, op: 5, seq: 1 });
  ana.deliver({ type: 'op', doc: 'counter', rev: 5, op: 2, client: 'c-other', seq: 1 });
  assert.equal(ana.snapshot, 17);
  assert.equal(counter.name, 'test-counter');
});

test('a document of another type than the client edits is refused clearly, not shown', () => {
  const w = world();
  const ana = w.person('Ana').open('typed');
  const fatal = [];
  ana.on('fatal', (e) => fatal.push(e.code));
  ana.sync.connected();
  ana.deliver({ type: 'opened', doc: 'typed', docType: 'canvas', rev: 3, snapshot: { objects: {} }, presence: [] });
  assert.deepEqual(fatal, ['TYPE_MISMATCH']);
  assert.equal(ana.canEdit, false);
});

test('a client given several nodes skips one it cannot reach, and its typing reaches the server', async () => {
  const w = world();
  const tried = [];
  const client = new TandemClient({
    url: ['http://a.tandem.test/', 'http://b.tandem.test/'], user: { name: 'Ana' }, clientId: 'c-ana-0001',
    openSocket: (kind, url) => {
      tried.push(url);
      return url.includes('//a.') ? Promise.reject(new Error('connection refused')) : w.net.openSocket(kind, url);
    },
    timers: w.time, watchNetwork: false, sockjs: false,
    connection: { now: w.time.now, random: () => 0.5, backoff: { baseMs: 50, capMs: 500 } },
  });
  const ana = client.open('two-nodes');
  await new Promise((resolve) => setImmediate(resolve)); // the refusal is a promise's
  w.time.advance(2000);
  typeAtEnd(ana, 'typed on the second node');
  w.time.advance(1000);
  assert.deepEqual(tried.slice(0, 2), ['ws://a.tandem.test/ws', 'ws://b.tandem.test/ws']);
  assert.equal(w.server.docs.get('two-nodes').text, 'typed on the second node');
  assert.equal(ana.unsentEdits, 0);
});
