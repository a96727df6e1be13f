// Rich-text documents through the SDK: the randomized simulation (delays, cuts, outages, reloads)
// on Quill deltas with formats, and TandemClient with the fake server (a sequencer like the real
// one: each submission transformed past each committed revision, with the tie) for the cases the
// Quill page meets: one formats a word while the other types inside it, carets in UTF-16 units,
// offline edits, and a link that opens whatever type the document has (`opened.docType`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { VirtualTime } from './support/virtual-time.mjs';
import { FakeServer } from './support/fake-server.mjs';
import { FakeNetwork } from './support/fake-network.mjs';
import { rng } from './support/random.mjs';
import { randomDelta } from './support/random-delta.mjs';
import { simulate, checkConverged } from './support/simulation.mjs';
import { TandemClient } from '../src/client.js';
import { richTextType } from '../src/types/rich-text.js';
import { textType } from '../src/types/text.js';

const RICH = {
  type: richTextType,
  initial: new Delta().insert('Hello ').insert('\u{1F600} world', { bold: true }).retain(1, { header: 1 }),
  edit: (r, snapshot) => randomDelta(r, snapshot),
};

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`rich-text tabs converge on the server's delta despite delays, cuts and reloads (seed ${seed})`, () => {
    checkConverged(simulate(seed, { kind: RICH }));
  });
}

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

/** The person changes the document by `delta`, as the Quill binding does: the editor first, then the document. */
function edit(doc, delta) {
  doc.view.applyOperation(delta);
  doc.submitOp(delta);
}

/** Lets promise callbacks run (the type is resolved asynchronously). */
const settle = () => new Promise((resolve) => { setImmediate(resolve); });
const json = (snapshot) => JSON.stringify(richTextType.snapshotToJSON(snapshot));

test('one bolds a word while the other types inside it: both changes stay, everyone holds the same delta', () => {
  const w = world();
  w.server.createDoc('fox', new Delta().insert('the quick fox'), richTextType);
  const ana = w.person('Ana').open('fox', { type: 'rich-text' });
  const bo = w.person('Bo').open('fox', { type: 'rich-text' });
  w.time.advance(200);
  edit(ana, new Delta().retain(4).retain(5, { bold: true }));
  edit(bo, new Delta().retain(6).insert('XX'));
  w.time.advance(2000);
  const server = w.server.docs.get('fox').text;
  assert.equal(json(ana.snapshot), json(server));
  assert.equal(json(bo.snapshot), json(server));
  assert.deepEqual(server.ops, [{ insert: 'the ' }, { insert: 'qu', attributes: { bold: true } }, { insert: 'XX' },
    { insert: 'ick', attributes: { bold: true } }, { insert: ' fox\n' }]);
});

test('one turns a paragraph into a list while the other edits it: the line is a list with both edits', () => {
  const w = world(3);
  w.server.createDoc('list', new Delta().insert('Intro\nBuy milk\nEnd'), richTextType);
  const ana = w.person('Ana').open('list', { type: 'rich-text' });
  const bo = w.person('Bo').open('list', { type: 'rich-text' });
  w.time.advance(200);
  edit(ana, new Delta().retain(14).retain(1, { list: 'bullet' }));
  edit(bo, new Delta().retain(10).insert('oat ').retain(4).insert(' and bread'));
  w.time.advance(2000);
  const server = w.server.docs.get('list').text;
  assert.equal(json(ana.snapshot), json(server));
  assert.equal(json(bo.snapshot), json(server));
  assert.deepEqual(server.ops, [{ insert: 'Intro\nBuy oat milk and bread' }, { insert: '\n', attributes: { list: 'bullet' } }, { insert: 'End\n' }]);
});

test('carets travel in UTF-16 units and move through later edits', () => {
  const w = world();
  w.server.createDoc('carets', new Delta().insert('\u{1F600} hello'), richTextType);
  const ana = w.person('Ana').open('carets', { type: 'rich-text' });
  const bo = w.person('Bo').open('carets', { type: 'rich-text' });
  w.time.advance(200);
  ana.setSelection({ anchor: 3, head: 8 });
  w.time.advance(500);
  assert.deepEqual(bo.peers.map((p) => [p.user.name, p.sel]), [['Ana', { anchor: 3, head: 8 }]]);
  edit(bo, new Delta().insert('\u{1F389}'));
  assert.deepEqual(bo.peers[0].sel, { anchor: 5, head: 10 }, "moved through Bo's own edit at once");
  w.time.advance(500);
  assert.equal(json(ana.snapshot), json(bo.snapshot));
});

test('a link opens whatever type the document has: the type named by `opened` is loaded, then the document shows', async () => {
  const w = world();
  w.server.createDoc('notes', new Delta().insert('Rich ', { italic: true }).insert('notes'), richTextType);
  const asked = [];
  const resolveType = (name) => {
    asked.push(name);
    return new Promise((resolve) => { w.time.setTimeout(() => resolve(name === 'rich-text' ? richTextType : textType), 300); });
  };
  const ana = w.person('Ana').open('notes', { type: null, resolveType });
  const known = ana.typeKnown();
  const sent = [];
  const send = ana.send;
  ana.send = (m) => { sent.push(m); return send(m); };
  assert.equal(ana.type, null);
  w.time.advance(200);
  await settle();
  assert.deepEqual(asked, ['rich-text'], 'the type named by opened is asked for');
  assert.equal(ana.canEdit, false, 'nothing shown before the type is loaded');
  w.time.advance(300);
  await settle();
  assert.equal(await known, richTextType);
  assert.equal(ana.canEdit, true);
  assert.equal(json(ana.snapshot), JSON.stringify({ ops: [{ insert: 'Rich ', attributes: { italic: true } }, { insert: 'notes\n' }] }));
  edit(ana, new Delta().retain(10).insert('!'));
  w.time.advance(500);
  assert.equal(json(w.server.docs.get('notes').text), json(ana.snapshot));
  ana.sync.connected();
  assert.equal(sent.at(-1).docType, 'rich-text', 'later opens name the type');
});

test('a link to a type this page cannot show says so, and one to a new document makes a text document', async () => {
  const w = world();
  w.server.createDoc('board', new Delta().insert('x'), richTextType);
  const ana = w.person('Ana').open('board', { type: null, resolveType: () => { throw new Error('not here'); } });
  const fatal = [];
  ana.on('fatal', (e) => fatal.push(e.code));
  const known = ana.typeKnown().catch((e) => e.code);
  w.time.advance(500);
  await settle();
  assert.equal(await known, 'UNKNOWN_DOCUMENT_TYPE');
  assert.deepEqual(fatal, ['UNKNOWN_DOCUMENT_TYPE']);
  assert.equal(ana.canEdit, false);

  const bo = w.person('Bo').open('brand-new', { type: null });
  w.time.advance(500);
  await settle();
  assert.equal(await bo.typeKnown(), textType);
  assert.equal(w.server.docs.get('brand-new').type, textType);
});

test('rich text typed offline is kept in the record, survives a reload and reaches the server', () => {
  const w = world(5);
  const ana = w.person('Ana').open('trip', { type: 'rich-text' });
  w.time.advance(200);
  edit(ana, new Delta().insert('Lisbon', { bold: true }));
  w.time.advance(500);
  w.net.down = true;
  w.net.cutAll({ loseInFlight: false });
  edit(ana, new Delta().retain(6).insert(' in May'));
  edit(ana, new Delta().retain(13).retain(1, { header: 2 }));
  const record = JSON.parse(JSON.stringify(ana.sync.record()));
  assert.equal(record.type, 'rich-text');
  ana.destroy();
  // The reload: a new page from the saved record, still offline.
  const again = w.person('Ana').open('trip', { type: null, record });
  assert.equal(again.type, richTextType, 'the record names its type');
  assert.equal(json(again.snapshot), JSON.stringify({ ops: [{ insert: 'Lisbon', attributes: { bold: true } }, { insert: ' in May' }, { insert: '\n', attributes: { header: 2 } }] }));
  w.net.down = false;
  w.time.advance(5000);
  assert.equal(again.unsentEdits, 0);
  assert.equal(json(w.server.docs.get('trip').text), json(again.snapshot));
});
