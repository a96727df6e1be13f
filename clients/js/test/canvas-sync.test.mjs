// Boards through the whole SDK: TandemClient, TandemDocument of type canvas and bindCanvas,
// against the fake server over a fake network with random delays. Two people drag one shape at
// once (neither sees it jump back while dragging), type into one sticky, delete a frame while a
// shape moves into it; one draws offline, reloads from the saved record and merges; undo takes
// back only one's own change; pointers travel as presence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualTime } from './support/virtual-time.mjs';
import { FakeServer } from './support/fake-server.mjs';
import { FakeNetwork } from './support/fake-network.mjs';
import { rng } from './support/random.mjs';
import { TandemClient } from '../src/client.js';
import { TextOperation } from '../src/ot/text-operation.js';
import { codePointLength } from '../src/ot/code-points.js';
import { bindCanvas } from '../src/bindings/canvas/index.js';
import { createChange, setChange, moveChange, deleteChange, editChange, propOf, indexBetween, indexesBetween } from '../src/types/canvas/index.js';

function world(seed = 3) {
  const time = new VirtualTime();
  const random = rng(seed);
  const server = new FakeServer();
  const net = new FakeNetwork({ server, time, random });
  const person = (name, n = 1) => new TandemClient({
    url: 'http://tandem.test/', user: { name, color: '#123456' }, clientId: `c-${name.toLowerCase()}-000${n}`,
    openSocket: net.openSocket, timers: time, watchNetwork: false, sockjs: false,
    connection: { now: time.now, random, backoff: { baseMs: 50, capMs: 500 } },
  });
  const board = (name, id, options = {}) => {
    const doc = person(name, options.n).open(id, { type: 'canvas', ...options });
    return bindCanvas(doc);
  };
  const serverJSON = (id) => JSON.stringify(server.docs.get(id).snapshot.toJSON());
  return { time, server, net, board, random, serverJSON };
}

const prop = (board, id, name) => propOf(board.view.get(id).props, name);
const same = (w, id, ...boards) => {
  for (const b of boards) assert.equal(JSON.stringify(b.view.toJSON()), w.serverJSON(id), 'a board differs from the server');
};

test('two people drag one shape at once: each sees only their own drag until they let go, then both converge', () => {
  const w = world();
  const ann = w.board('Ann', 'drag');
  const bob = w.board('Bob', 'drag');
  w.time.advance(300);
  ann.edit([createChange('r1', 'rectangle', null, indexBetween(null, null), { x: 0, y: 0, width: 100, height: 60 })]);
  w.time.advance(500);
  assert.ok(bob.view.has('r1'));
  for (let step = 1; step <= 60; step++) {
    ann.edit([setChange('r1', 'x', step), setChange('r1', 'y', step)]);
    bob.edit([setChange('r1', 'x', -step), setChange('r1', 'y', 2 * step)]);
    w.time.advance(5 + w.random.int(30)); // messages cross at random
    assert.equal(prop(ann, 'r1', 'x'), step, `step ${step}: Ann's shape stays under her pointer`);
    assert.equal(prop(bob, 'r1', 'x'), -step, `step ${step}: Bob's shape stays under his pointer`);
  }
  w.time.advance(2000);
  same(w, 'drag', ann, bob);
  assert.ok([60, -60].includes(prop(ann, 'r1', 'x')), 'the last drag to reach the server wins');
  assert.equal(ann.doc.unsentEdits + bob.doc.unsentEdits, 0);
});

test('two people typing into one sticky note both keep their words', () => {
  const w = world(5);
  const ann = w.board('Ann', 'sticky');
  const bob = w.board('Bob', 'sticky');
  w.time.advance(300);
  ann.edit([createChange('s1', 'sticky', null, indexBetween(null, null), { text: '' })]);
  w.time.advance(500);
  const type = (b, word, atEnd) => {
    for (const ch of word) {
      const len = codePointLength(prop(b, 's1', 'text'));
      const op = atEnd ? new TextOperation().retain(len).insert(ch) : new TextOperation().insert(ch).retain(len);
      b.edit([editChange('s1', 'text', op)], { typing: true });
      w.time.advance(w.random.int(20));
    }
  };
  type(ann, 'hello', true);
  type(bob, 'world', false);
  w.time.advance(2000);
  same(w, 'sticky', ann, bob);
  const t = prop(ann, 's1', 'text');
  assert.ok(t.includes('hello') && [...'world'].every((c) => t.includes(c)) && codePointLength(t) === 10, t);
  assert.equal(ann.peers[0].typing, true, 'Ann sees that Bob is typing');
});

test('one deletes a frame while the other moves a shape into it: both boards and the server agree', () => {
  const w = world(9);
  const ann = w.board('Ann', 'frames');
  const bob = w.board('Bob', 'frames');
  w.time.advance(300);
  const [i0, i1] = indexesBetween(null, null, 2);
  ann.edit([createChange('f1', 'frame', null, i0, { width: 400, height: 300 }), createChange('r1', 'rectangle', null, i1, { x: 500 })]);
  w.time.advance(500);
  ann.edit([deleteChange('f1')]);
  bob.edit([moveChange('r1', 'f1', indexBetween(null, null)), setChange('r1', 'x', 20)]);
  assert.equal(bob.view.get('r1').parent, 'f1', 'Bob sees his move at once');
  w.time.advance(2000);
  same(w, 'frames', ann, bob);
  assert.equal(ann.view.has('f1'), false);
});

test('drawing offline survives a reload from the saved record and merges when the network returns', async () => {
  const w = world(13);
  const saved = new Map();
  const save = async (record) => { saved.set(record.clientId, JSON.parse(JSON.stringify(record))); };
  const ann = w.board('Ann', 'offline', { save });
  const bob = w.board('Bob', 'offline');
  w.time.advance(300);
  ann.edit([createChange('r1', 'rectangle', null, indexBetween(null, null), { x: 1 })]);
  w.time.advance(500);
  w.net.down = true;
  w.net.cutAll();
  const [i1, i2] = indexesBetween(indexBetween(null, null), null, 2);
  ann.edit([createChange('s1', 'sticky', null, i1, { text: 'drawn offline' })]);
  for (let x = 0; x < 300; x++) ann.edit([setChange('r1', 'x', x)]); // a long drag: composed into one set
  await ann.doc.saved();
  w.time.advance(100);
  bob.edit([createChange('e1', 'ellipse', null, i2)]); // Bob, also cut off, keeps his too
  const record = saved.get('c-ann-0001');
  assert.ok(record && record.buffer, 'the unsent batches are in the record');
  ann.destroy();
  // The reload: a new client with the same clientId continues from the record, still offline.
  const again = w.board('Ann', 'offline', { record, save });
  assert.equal(prop(again, 's1', 'text'), 'drawn offline', 'the drawing is back after the reload');
  again.edit([setChange('s1', 'fill', '#ffeb3b')]);
  w.net.down = false;
  w.time.advance(8000);
  same(w, 'offline', again, bob);
  assert.equal(prop(bob, 's1', 'fill'), '#ffeb3b');
  assert.equal(prop(bob, 'r1', 'x'), 299);
  assert.ok(bob.view.has('e1') && again.view.has('e1'));
});

test('undo on a board takes back only this person\'s change; redo puts it back', () => {
  const w = world(17);
  const ann = w.board('Ann', 'undo');
  const bob = w.board('Bob', 'undo');
  w.time.advance(300);
  ann.edit([createChange('r1', 'rectangle', null, indexBetween(null, null), { x: 0, fill: '#111111' })]);
  w.time.advance(300);
  ann.edit([setChange('r1', 'x', 50)]);
  w.time.advance(300);
  bob.edit([setChange('r1', 'fill', '#222222')]);
  w.time.advance(300);
  assert.equal(ann.undo(), true);
  w.time.advance(300);
  same(w, 'undo', ann, bob);
  assert.equal(prop(bob, 'r1', 'x'), 0);
  assert.equal(prop(bob, 'r1', 'fill'), '#222222');
  ann.redo();
  w.time.advance(300);
  same(w, 'undo', ann, bob);
  assert.equal(prop(bob, 'r1', 'x'), 50);
});

test('pointers and selections travel as presence, at most 20 a second', () => {
  const w = world(19);
  const ann = w.board('Ann', 'pointers');
  const bob = w.board('Bob', 'pointers');
  w.time.advance(300);
  const sent = [];
  const send = ann.doc.send;
  ann.doc.send = (m) => { if (m.type === 'presence') sent.push(w.time.now()); return send(m); };
  for (let i = 0; i < 100; i++) {
    ann.setPresence({ pointer: [i, 2 * i], selected: i > 50 ? ['r9'] : [] });
    w.time.advance(10);
  }
  w.time.advance(500);
  const gaps = sent.slice(1).map((t, i) => t - sent[i]);
  assert.ok(gaps.every((g) => g >= 50), `presence sent ${gaps.length + 1} times in 1 s, gaps ${gaps}`);
  assert.deepEqual(bob.peers[0].sel, { pointer: [99, 198], selected: ['r9'] }, 'the last state arrives');
});

test('a batch larger than the server takes is sent in parts, all of which arrive', () => {
  const w = world(23);
  const ann = w.board('Ann', 'big');
  const bob = w.board('Bob', 'big');
  w.time.advance(300);
  w.net.down = true;
  w.net.cutAll();
  const indexes = indexesBetween(null, null, 1200);
  for (let i = 0; i < 1200; i += 100) {
    ann.edit(indexes.slice(i, i + 100).map((index, k) => createChange(`s${i + k}`, 'sticky', null, index)));
  }
  w.net.down = false;
  w.time.advance(10000);
  assert.equal(bob.view.size, 1200);
  same(w, 'big', ann, bob);
});
