// The editor's pure parts: recovering edits from textarea values, undo of own edits only,
// presence throttling and the roster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffToOperation } from '../src/bindings/textarea/text-diff.js';
import { UndoManager, caretAfter } from '../src/bindings/undo-manager.js';
import { TextOperation } from '../src/ot/text-operation.js';
import { throttle } from '../src/sync/throttle.js';
import { Roster, typingLine } from '../src/sync/presence.js';
import { Selection } from '../src/ot/selection.js';
import { VirtualTime } from './support/virtual-time.mjs';
import { rng, text } from './support/random.mjs';

const op = (...parts) => TextOperation.fromJSON(parts);

test('textarea changes become operations in code points', () => {
  assert.deepEqual(diffToOperation('ab', 'a\u{1F600}b', 3).toJSON(), [1, '\u{1F600}', 1]);
  assert.deepEqual(diffToOperation('\u{1F600}\u{1F601}', '\u{1F600}', 2).toJSON(), [1, -1]);
  assert.deepEqual(diffToOperation('hello world', 'hello there', 11).toJSON(), [6, 'there', -5]);
  assert.equal(diffToOperation('same', 'same', 0), null);
});

test('the caret decides where text typed into a run of equal characters went', () => {
  assert.deepEqual(diffToOperation('aa', 'aaa', 1).toJSON(), ['a', 2]);
  assert.deepEqual(diffToOperation('aa', 'aaa', 3).toJSON(), [2, 'a']);
  assert.deepEqual(diffToOperation('ab', 'abXb', 3).toJSON(), [1, 'bX', 1]);
  assert.deepEqual(diffToOperation('x\n\ny', 'x\n\n\ny', 2).toJSON(), [1, '\n', 3]);
});

test('a surrogate pair is never split, even when only its low half differs', () => {
  // U+1F600 and U+1F601 share their high surrogate.
  assert.deepEqual(diffToOperation('a\u{1F600}b', 'a\u{1F601}b', 3).toJSON(), [1, '\u{1F601}', -1, 1]);
  assert.deepEqual(diffToOperation('\u{1F600}', '\u{1F600}\u{1F600}', 4).toJSON(), [1, '\u{1F600}']);
});

test('random edits are always recovered exactly', () => {
  const r = rng(7);
  for (let i = 0; i < 2000; i++) {
    const before = text(r, 12);
    const after = text(r, 12);
    const caret = r.int(after.length + 1);
    const o = diffToOperation(before, after, caret);
    assert.equal(o ? o.apply(before) : before, after, JSON.stringify({ before, after, caret }));
  }
});

test('undo takes back only my edit, after someone else typed before it', () => {
  let doc = 'hello';
  const undo = new UndoManager({ now: () => 0 });
  const mine = op(5, ' world');
  undo.record(mine, doc);
  doc = mine.apply(doc);
  const theirs = op('>> ', 11);
  doc = theirs.apply(doc);
  undo.transform(theirs);
  const u = undo.undo(doc);
  doc = u.apply(doc);
  assert.equal(doc, '>> hello');
  assert.equal(caretAfter(u), 8);
  const r = undo.redo(doc);
  doc = r.apply(doc);
  assert.equal(doc, '>> hello world');
  assert.equal(undo.canRedo(), false);
  assert.equal(undo.canUndo(), true);
});

test('an own edit whose text others deleted leaves nothing to undo', () => {
  let doc = 'abc';
  const undo = new UndoManager({ now: () => 0 });
  const mine = op(3, 'X');
  undo.record(mine, doc);
  doc = mine.apply(doc);
  const theirs = op(-4);
  doc = theirs.apply(doc);
  undo.transform(theirs);
  assert.equal(undo.canUndo(), false);
  assert.equal(undo.undo(doc), null);
});

test('quick typing is one undo step; a pause, a newline or a jump starts another', () => {
  let t = 0;
  const undo = new UndoManager({ now: () => t, groupMs: 1000 });
  let doc = '';
  const typeAt = (pos, s) => {
    const o = TextOperation.splice([...doc].length, pos, 0, s);
    undo.record(o, doc);
    doc = o.apply(doc);
  };
  typeAt(0, 'h'); t += 100; typeAt(1, 'i'); t += 100; typeAt(2, '!');
  assert.equal(undo.undoStack.length, 1);
  t += 5000; typeAt(3, '?');
  typeAt(4, '\n');
  t += 100; typeAt(0, 'X');
  assert.equal(undo.undoStack.length, 4);
  for (const expected of ['hi!?\n', 'hi!?', 'hi!', '']) doc = undo.undo(doc).apply(doc), assert.equal(doc, expected);
  // Backspaces in a row are one step too.
  doc = 'abcd';
  const u2 = new UndoManager({ now: () => 0 });
  for (const pos of [3, 2, 1]) {
    const o = TextOperation.splice([...doc].length, pos, 1, '');
    u2.record(o, doc);
    doc = o.apply(doc);
  }
  assert.equal(u2.undoStack.length, 1);
  assert.equal(u2.undo(doc).apply(doc), 'abcd');
});

test('presence is throttled to at most 20 per second and the last state always goes out', () => {
  const time = new VirtualTime();
  const sent = [];
  let state = 0;
  const send = throttle(() => sent.push({ at: time.now(), state }), 50, { timers: time, now: time.now });
  for (let i = 0; i < 1000; i++) {
    state = i;
    send();
    time.advance(1);
  }
  time.advance(100);
  assert.ok(sent.length <= 21, `${sent.length} sends in one second`);
  for (let i = 1; i < sent.length; i++) assert.ok(sent[i].at - sent[i - 1].at >= 50);
  assert.equal(sent.at(-1).state, 999, 'the latest state was sent');
  assert.equal(sent[0].at, 0, 'the first call goes out at once');
});

test('the roster places carets, moves them with edits, and waits for future revisions', () => {
  let now = 0;
  const roster = new Roster({ selfId: 'me-123456', now: () => now });
  const place = (rev, sel) => (rev > 5 ? undefined : sel);
  roster.setAll([{ client: 'bo-1234567', user: { name: 'Bo', color: '#3949ab' }, rev: 5, sel: [2, 2], typing: false },
    { client: 'me-123456', user: { name: 'Me' }, rev: 5, sel: [0, 0] }], place);
  assert.deepEqual(roster.list().map((p) => p.client), ['bo-1234567'], 'we are not our own peer');
  roster.transform(op('ab', 4));
  assert.deepEqual(roster.peers.get('bo-1234567').sel.toJSON(), [4, 4]);
  roster.transform(op(4, 'x', 2));
  assert.deepEqual(roster.peers.get('bo-1234567').sel.toJSON(), [4, 4], 'text typed at a caret stays after it');
  roster.update({ client: 'ana-123456', user: { name: 'Ana', color: 'red' }, rev: 6, sel: [1, 3], typing: true }, place);
  const ana = roster.peers.get('ana-123456');
  assert.equal(ana.sel, null, 'revision 6 has not arrived');
  assert.equal(ana.user.color, '#5f6368', 'an invalid colour is replaced');
  roster.retry(() => new Selection(1, 3));
  assert.deepEqual(ana.sel.toJSON(), [1, 3]);
  assert.equal(typingLine(roster.typingNames()), 'Ana is typing…');
  now = 10000;
  roster.expireTyping();
  assert.equal(typingLine(roster.typingNames()), '');
  roster.remove('ana-123456');
  assert.equal(roster.list().length, 1);
});

test('typing lines read naturally', () => {
  assert.equal(typingLine(['Ana', 'Bo']), 'Ana and Bo are typing…');
  assert.equal(typingLine(['A', 'B', 'C']), 'A, B and C are typing…');
  assert.equal(typingLine(['A', 'B', 'C', 'D', 'E']), 'A, B and 3 others are typing…');
});

test('an edit in a long text is recovered as the one changed range, across the stride of the fast comparison', () => {
  const r = rng(11);
  const chars = Array.from({ length: 6000 }, () => ['a', 'b', '\u{1F600}', 'c', '\n'][r.int(5)]);
  const before = chars.join('');
  for (let i = 0; i < 300; i++) {
    const at = r.int(chars.length + 1); // in characters, so that no pair is cut
    const del = r.int(4) === 0 ? r.int(3000) : r.int(3);
    const ins = ['', 'x', '\u{1F601}', 'ab'.repeat(r.int(700))][r.int(4)];
    const head = chars.slice(0, at).join('');
    const after = head + ins + chars.slice(at + del).join('');
    const o = diffToOperation(before, after, head.length + ins.length);
    assert.equal(o ? o.apply(before) : before, after, `edit ${i}`);
    if (o) {
      // Exactly the minimal change: what it deletes and inserts is no longer than the edit made.
      const json = o.toJSON();
      const inserted = json.filter((c) => typeof c === 'string').join('');
      assert.ok(inserted.length <= ins.length, `edit ${i}: inserted ${inserted.length} for ${ins.length}`);
    }
  }
});
