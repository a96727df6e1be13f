// DocSync: the protocol rules of PROTOCOL.md for one document, message by message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocSync, RELOAD_SEQ_GAP } from '../src/sync/doc-sync.js';
import { TextOperation } from '../src/ot/text-operation.js';
import { Selection } from '../src/ot/selection.js';
import { localTextOf } from '../src/sync/doc-record.js';
import { textEditor } from './support/text-editor.mjs';
import { VirtualTime } from './support/virtual-time.mjs';
import { SAVING_PAUSED_AFTER_MS } from '../src/sync/save-watch.js';

const ME = 'c-me-123456';
function setup(options = {}) {
  const sent = [];
  const editor = textEditor();
  const time = new VirtualTime();
  const sync = new DocSync({ doc: 'd1', clientId: ME, send: (m) => sent.push(m), view: editor, timers: time, ...options });
  const events = [];
  for (const type of ['reset', 'notFound', 'reconnect', 'fatal']) sync.on(type, (e) => events.push({ ...e, type }));
  return { sync, sent, editor, events, time };
}
const op = (...parts) => TextOperation.fromJSON(parts);
const type = (s, o) => { s.editor.applyOperation(o); s.sync.localEdit(o); };
function openWith(s, snapshot, rev) {
  s.sync.connected();
  s.sync.receive({ type: 'opened', doc: 'd1', rev, snapshot, presence: [] });
}

test('the first open asks for a snapshot and shows it', () => {
  const s = setup();
  s.sync.connected();
  assert.deepEqual(s.sent, [{ type: 'open', doc: 'd1', docType: 'text' }]);
  assert.equal(s.sync.canEdit, false);
  s.sync.receive({ type: 'opened', doc: 'd1', rev: 7, snapshot: 'hello', presence: [] });
  assert.equal(s.editor.text, 'hello');
  assert.equal(s.sync.revision, 7);
  assert.equal(s.sync.phase, 'open');
  assert.equal(s.sync.canEdit, true);
});

test('a new document is opened with create', () => {
  const s = setup({ create: true });
  s.sync.connected();
  assert.deepEqual(s.sent, [{ type: 'open', doc: 'd1', create: true, docType: 'text' }]);
});

test('edits are submitted with base, op and seq, and the ack completes them', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  type(s, op(2, '\u{1F600}'));
  assert.deepEqual(s.sent.at(-1), { type: 'submit', doc: 'd1', base: 3, op: [2, '\u{1F600}'], seq: 1 });
  assert.equal(s.sync.unsentEdits, 1);
  type(s, op(3, 'c'));
  assert.equal(s.sync.unsentEdits, 2);
  assert.equal(s.sent.length, 2, 'one submission in flight at a time');
  s.sync.receive({ type: 'ack', doc: 'd1', seq: 1, rev: 4 });
  assert.deepEqual(s.sent.at(-1), { type: 'submit', doc: 'd1', base: 4, op: [3, 'c'], seq: 2 });
  assert.equal(s.sync.unsentEdits, 1);
  s.sync.receive({ type: 'ack', doc: 'd1', seq: 2, rev: 5 });
  assert.equal(s.sync.unsentEdits, 0);
  assert.equal(s.sync.serverSnapshot, 'ab\u{1F600}c');
});

test('edits made offline are sent once the document is reopened, from the revision we had', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  s.sync.disconnected();
  type(s, op('x', 2));
  type(s, op(3, 'y'));
  assert.equal(s.sent.length, 1, 'nothing sent while offline');
  assert.equal(s.sync.unsentEdits, 2);
  s.sync.connected();
  assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', rev: 3, docType: 'text' });
  s.sync.receive({ type: 'opened', doc: 'd1', rev: 4, ops: [{ rev: 4, op: [1, 'Q', 1], client: 'other-1234', seq: 5 }], presence: [] });
  assert.equal(s.editor.text, 'xaQby');
  assert.deepEqual(s.sent.at(-1), { type: 'submit', doc: 'd1', base: 4, op: ['x', 3], seq: 1 });
});

test('our edit in flight found among the missed revisions counts as acked and is not resent', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  type(s, op(2, '!'));
  type(s, op(3, '?'));
  s.sync.disconnected();
  s.sync.connected();
  const before = s.sent.length;
  s.sync.receive({
    type: 'opened', doc: 'd1', rev: 5, presence: [],
    ops: [{ rev: 4, op: [2, '!'], client: ME, seq: 1 }, { rev: 5, op: ['>', 3], client: 'other-1234', seq: 1 }],
  });
  assert.equal(s.editor.text, '>ab!?');
  const submits = s.sent.slice(before).filter((m) => m.type === 'submit');
  assert.deepEqual(submits, [{ type: 'submit', doc: 'd1', base: 5, op: [4, '?'], seq: 2 }], 'only the buffer goes out');
  s.sync.receive({ type: 'ack', doc: 'd1', seq: 1, rev: 4 });
  assert.equal(s.sync.revision, 5, 'a late duplicate ack is ignored');
});

test('our own edit arriving as an op (the server committed a resubmission) is an ack', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  type(s, op(2, '!'));
  s.sync.receive({ type: 'op', doc: 'd1', rev: 4, op: [2, '!'], client: ME, seq: 1 });
  assert.equal(s.editor.text, 'ab!', 'not applied twice');
  assert.equal(s.sync.client.state.name, 'Synchronized');
});

test('a gap in revisions makes the page catch up by reconnecting', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  s.sync.receive({ type: 'op', doc: 'd1', rev: 6, op: [2, 'x'], client: 'o-12345678', seq: 1 });
  assert.equal(s.editor.text, 'ab');
  assert.deepEqual(s.events, [{ type: 'reconnect', delayMs: 0 }]);
  s.sync.receive({ type: 'op', doc: 'd1', rev: 3, op: [2, 'x'], client: 'o-12345678', seq: 1 });
  assert.equal(s.editor.text, 'ab', 'old revisions are ignored');
});

test('an operation that does not fit makes the next open ask for a snapshot', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  s.sync.receive({ type: 'op', doc: 'd1', rev: 4, op: [7, 'x'], client: 'o-12345678', seq: 1 });
  assert.equal(s.events[0].type, 'reconnect');
  s.sync.connected();
  assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', docType: 'text' });
});

test('a snapshot replacing unsent edits hands the lost text back', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  s.sync.disconnected();
  type(s, op(2, ' mine'));
  s.sync.connected();
  s.sync.receive({ type: 'opened', doc: 'd1', rev: 90, snapshot: 'theirs', reset: true, presence: [] });
  assert.equal(s.editor.text, 'theirs');
  assert.deepEqual(s.events, [{ type: 'reset', lostText: 'ab mine' }]);
  type(s, op(6, '.'));
  assert.ok(s.sent.at(-1).seq > 1, 'seqs keep increasing after a reset');
});

test('error codes: resync, catch up, retry later, not found, fatal', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  s.sync.receive({ type: 'error', doc: 'd1', code: 'REVISION_IN_FUTURE', resync: true });
  assert.equal(s.sync.wantSnapshot, true);
  s.sync.connected();
  s.sync.receive({ type: 'opened', doc: 'd1', rev: 3, snapshot: 'ab', presence: [] });
  s.sync.receive({ type: 'error', doc: 'd1', code: 'UNAVAILABLE', resync: false, retryAfterMs: 700 });
  s.time.advance(699);
  const opensBefore = s.sent.filter((m) => m.type === 'open').length;
  s.time.advance(1);
  assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', rev: 3, docType: 'text' }, 'UNAVAILABLE: catch up from our revision after retryAfterMs');
  assert.equal(s.sent.filter((m) => m.type === 'open').length, opensBefore + 1);
  assert.equal(s.sync.wantSnapshot, false, 'UNAVAILABLE is the server, not our copy');
  s.sync.receive({ type: 'opened', doc: 'd1', rev: 3, ops: [], presence: [] });
  type(s, op(2, 'c'));
  const submits = () => s.sent.filter((m) => m.type === 'submit').length;
  assert.equal(submits(), 1);
  s.sync.receive({ type: 'error', doc: 'd1', code: 'RATE_LIMITED', resync: false, retryAfterMs: 250, seq: 1 });
  s.time.advance(249);
  assert.equal(submits(), 1);
  s.time.advance(1);
  assert.equal(submits(), 2, 'resent after retryAfterMs');
  assert.equal(s.sent.at(-1).seq, 1);
  s.sync.receive({ type: 'error', doc: 'd1', code: 'TOO_MANY_DOCUMENTS', resync: false });
  assert.equal(s.events.at(-1).type, 'fatal');
  const t = setup();
  t.sync.connected();
  t.sync.receive({ type: 'error', doc: 'd1', code: 'DOCUMENT_NOT_FOUND', resync: false });
  assert.equal(t.events.at(-1).type, 'notFound');
});

test('a saved record restores text, pending edits and seqs after a reload', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  type(s, op(2, '!'));
  s.sync.disconnected();
  type(s, op('>', 3));
  const record = JSON.parse(JSON.stringify(s.sync.record()));
  assert.equal(localTextOf(record), '>ab!');
  const t = setup();
  t.sync.restore(record);
  assert.equal(t.editor.text, '>ab!');
  assert.equal(t.sync.unsentEdits, 2);
  t.sync.connected();
  assert.deepEqual(t.sent[0], { type: 'open', doc: 'd1', rev: 3, docType: 'text' });
  t.sync.receive({ type: 'opened', doc: 'd1', rev: 3, ops: [], presence: [] });
  assert.deepEqual(t.sent[1], { type: 'submit', doc: 'd1', base: 3, op: [2, '!'], seq: 1 }, 'same seq after a reload');
  t.sync.receive({ type: 'ack', doc: 'd1', seq: 1, rev: 4 });
  assert.equal(t.sent[2].seq, 1 + RELOAD_SEQ_GAP + 1, 'new edits jump past any seq a stale record missed');
});

test('carets move between server revisions and the local document', () => {
  const s = setup();
  openWith(s, 'hello', 1);
  s.sync.receive({ type: 'op', doc: 'd1', rev: 2, op: ['>> ', 5], client: 'o-12345678', seq: 1 });
  type(s, op(8, '!'));
  // A caret reported at revision 1 after "hello" is now after "hello" in ">> hello!".
  assert.deepEqual(s.sync.toLocal(1, Selection.caret(5)).toJSON(), [8, 8]);
  assert.equal(s.sync.toLocal(3, Selection.caret(0)), undefined, 'a revision we do not have yet');
  assert.equal(s.sync.toLocal(0, Selection.caret(0)), null, 'older than what we remember');
  // Our caret after our unacked "!" is reported at revision 2, where "!" does not exist.
  const msg = s.sync.presenceMessage(Selection.caret(9), true);
  assert.deepEqual(msg, { type: 'presence', doc: 'd1', rev: 2, sel: [8, 8], typing: true });
  s.sync.disconnected();
  assert.equal(s.sync.presenceMessage(Selection.caret(0), false), null, 'nothing to send offline');
});

test('a pending resync survives a reload: the next open still asks for a snapshot', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  s.sync.receive({ type: 'error', doc: 'd1', code: 'OPERATION_DOES_NOT_FIT', resync: true });
  const record = JSON.parse(JSON.stringify(s.sync.record()));
  assert.equal(record.resync, true);
  const t = setup();
  t.sync.restore(record);
  t.sync.connected();
  assert.deepEqual(t.sent[0], { type: 'open', doc: 'd1', docType: 'text' });
});

test('a document created offline is opened with create and its text submitted on base 0', () => {
  const s = setup();
  s.sync.restore({ doc: 'd1', clientId: ME, rev: 0, base: '', inflight: null, buffer: null, lastSeq: 0, create: true });
  type(s, op('drafted offline'));
  s.sync.connected();
  assert.deepEqual(s.sent[0], { type: 'open', doc: 'd1', rev: 0, create: true, docType: 'text' });
  s.sync.receive({ type: 'opened', doc: 'd1', rev: 0, ops: [], presence: [] });
  assert.deepEqual(s.sent[1], { type: 'submit', doc: 'd1', base: 0, op: ['drafted offline'], seq: RELOAD_SEQ_GAP + 1 });
  assert.equal(s.sync.record().create, false, 'created once: a later reload opens it plainly');
});

test('after a reconnect, our edit in the missed revisions is recognised by the public id the server gave us', () => {
  const s = setup();
  openWith(s, 'ab', 3);
  type(s, op(2, 'c'));
  assert.equal(s.sent.at(-1).type, 'submit');
  s.sync.disconnected();
  s.sync.selfId = 'pPublicIdOfMe12345678'; // welcome.client of the new session
  s.sync.connected();
  s.sync.receive({ type: 'opened', doc: 'd1', rev: 4, presence: [],
    ops: [{ rev: 4, op: [2, 'c'], client: 'pPublicIdOfMe12345678', seq: s.sent.find((m) => m.type === 'submit').seq }] });
  assert.equal(s.editor.text, 'abc', 'applied once, as ours');
  assert.equal(s.sync.unsentEdits, 0, 'acknowledged');
  s.sync.receive({ type: 'op', doc: 'd1', rev: 5, op: [3, '!'], client: ME, seq: 9 });
  assert.equal(s.editor.text, 'abc!', 'our own client id in someone else\'s revision is just someone else');
});

test('saving is paused while our edits wait over 2.5 s for an ack or the server cannot save (UNAVAILABLE), and resumes with the acks', () => {
  const s = setup();
  const changes = [];
  s.sync.on('change', () => changes.push(s.time.now()));
  openWith(s, 'ab', 3);
  assert.equal(s.sync.savingPaused, false);
  type(s, op(2, 'c')); // seq 1 in flight
  s.time.advance(SAVING_PAUSED_AFTER_MS - 1);
  assert.equal(s.sync.savingPaused, false, 'a slow ack is not a pause yet');
  const before = changes.length;
  s.time.advance(1);
  assert.equal(s.sync.savingPaused, true, 'unacknowledged for 2.5 s while connected');
  assert.equal(changes.length, before + 1, 'the page hears of it with no message from the server');
  s.sync.receive({ type: 'ack', doc: 'd1', seq: 1, rev: 4 });
  assert.equal(s.sync.savingPaused, false, 'an ack: saving again');

  for (let i = 0; i < 10; i++) { // steady typing, each edit acked a second later: never paused
    type(s, op(3 + i, 'x'));
    s.time.advance(1000);
    assert.equal(s.sync.savingPaused, false);
    s.sync.receive({ type: 'ack', doc: 'd1', seq: 2 + i, rev: 5 + i });
  }
  assert.equal(s.sync.revision, 14);

  type(s, op(13, 'y')); // seq 12 in flight
  s.sync.receive({ type: 'error', doc: 'd1', code: 'UNAVAILABLE', resync: false, retryAfterMs: 500, seq: 12 });
  assert.equal(s.sync.savingPaused, true, 'the server cannot save: paused at once');
  type(s, op(14, 'z')); // kept while the document waits to catch up
  s.time.advance(500);
  assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', rev: 14, docType: 'text' });
  s.sync.receive({ type: 'error', doc: 'd1', code: 'UNAVAILABLE', resync: false, retryAfterMs: 500 }); // the catch-up refused too
  assert.equal(s.sync.savingPaused, true);
  s.time.advance(500);
  assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', rev: 14, docType: 'text' }, 'and tried again');
  s.sync.receive({ type: 'opened', doc: 'd1', rev: 14, ops: [], presence: [] });
  assert.equal(s.sync.savingPaused, false, 'the server answers again; the edit waited only a second');
  assert.deepEqual(s.sent.at(-1), { type: 'submit', doc: 'd1', base: 14, op: [13, 'y'], seq: 12 }, 'resubmitted under its seq');
  s.sync.receive({ type: 'ack', doc: 'd1', seq: 12, rev: 15 });
  assert.deepEqual(s.sent.at(-1), { type: 'submit', doc: 'd1', base: 15, op: [14, 'z'], seq: 13 });
  s.sync.receive({ type: 'ack', doc: 'd1', seq: 13, rev: 16 });
  assert.equal(s.sync.unsentEdits, 0);
  assert.equal(s.sync.savingPaused, false);
  assert.equal(s.editor.text, 'abcxxxxxxxxxxyz');

  s.sync.disconnected();
  type(s, op(15, '!'));
  s.time.advance(10_000);
  assert.equal(s.sync.savingPaused, false, 'offline is not paused: the page says offline');
  s.sync.connected(); // a new connection gets its own 2.5 s
  s.time.advance(SAVING_PAUSED_AFTER_MS - 1);
  assert.equal(s.sync.savingPaused, false);
  s.time.advance(1);
  assert.equal(s.sync.savingPaused, true, 'connected, yet the open has had no answer for 2.5 s');
});
