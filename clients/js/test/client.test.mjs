// The OT client state machine, transition by transition (after ot.js's client tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, SYNCHRONIZED, AwaitingConfirm, AwaitingWithBuffer } from '../src/ot/client.js';
import { TextOperation } from '../src/ot/text-operation.js';
import { Selection } from '../src/ot/selection.js';

function recordingClient(revision, doc) {
  const c = new Client(revision);
  c.doc = doc;
  c.sent = [];
  c.sendOperation = (rev, op, seq) => c.sent.push({ rev, op: op.toJSON(), seq });
  c.applyOperation = (op) => { c.doc = op.apply(c.doc); };
  return c;
}

const op = (...parts) => TextOperation.fromJSON(parts);

test('a local edit is sent at once with seq 1 and the client awaits its ack', () => {
  const c = recordingClient(5, 'abc');
  c.applyClient(op(3, '!'));
  assert.deepEqual(c.sent, [{ rev: 5, op: [3, '!'], seq: 1 }]);
  assert.ok(c.state instanceof AwaitingConfirm);
  assert.equal(c.state.seq, 1);
});

test('edits while waiting are composed into one buffer and sent after the ack', () => {
  const c = recordingClient(0, 'abc');
  c.applyClient(op(3, '!'));
  c.applyClient(op(4, '?'));
  c.applyClient(op(5, '\u{1F600}'));
  assert.equal(c.sent.length, 1);
  assert.ok(c.state instanceof AwaitingWithBuffer);
  assert.deepEqual(c.state.buffer.toJSON(), [4, '?\u{1F600}']);
  c.serverAck();
  assert.equal(c.revision, 1);
  assert.deepEqual(c.sent[1], { rev: 1, op: [4, '?\u{1F600}'], seq: 2 });
  assert.ok(c.state instanceof AwaitingConfirm);
  c.serverAck();
  assert.equal(c.state, SYNCHRONIZED);
  assert.equal(c.revision, 2);
});

test('a server operation while synchronized is applied as is', () => {
  const c = recordingClient(3, 'abc');
  c.applyServer(op('x', 3));
  assert.equal(c.doc, 'xabc');
  assert.equal(c.revision, 4);
  assert.equal(c.state, SYNCHRONIZED);
});

test('a server operation is transformed past the operation in flight; our insert wins ties', () => {
  // Local: "ab" -> "aXb" (in flight). Server: "ab" -> "aYb", committed first.
  const c = recordingClient(0, 'aXb');
  c.state = new AwaitingConfirm(op(1, 'X', 1), 7);
  c.applyServer(op(1, 'Y', 1));
  assert.equal(c.doc, 'aXYb', 'the server runs our op after theirs, with ours first at the tie');
  assert.deepEqual(c.state.outstanding.toJSON(), [1, 'X', 2]);
  assert.equal(c.state.seq, 7, 'the seq of the edit in flight never changes');
});

test('a server operation is transformed past the operation in flight and the buffer', () => {
  // base "abcd"; in flight: delete "b"; buffer: insert "Z" at the end; server: insert "Q" after "c".
  const c = recordingClient(0, 'acdZ');
  c.state = new AwaitingWithBuffer(op(1, -1, 2), 3, op(3, 'Z'));
  c.applyServer(op(3, 'Q', 1));
  assert.equal(c.doc, 'acQdZ');
  assert.equal(c.state.outstanding.apply('abcQd'), 'acQd');
  assert.equal(c.state.buffer.apply('acQd'), 'acQdZ');
  assert.equal(c.revision, 1);
});

test('resend repeats the edit in flight with the same seq and current revision', () => {
  const c = recordingClient(4, 'abc!');
  c.state = new AwaitingWithBuffer(op(3, '!'), 9, op(4, '?'));
  c.resend();
  assert.deepEqual(c.sent, [{ rev: 4, op: [3, '!'], seq: 9 }]);
  SYNCHRONIZED.resend(c);
  assert.equal(c.sent.length, 1, 'nothing to resend when synchronized');
});

test('an ack with nothing in flight is a protocol error', () => {
  const c = recordingClient(0, '');
  assert.throws(() => c.serverAck(), /no operation in flight/);
});

test('seqs keep increasing from the last one used', () => {
  const c = new Client(0, { lastSeq: 41 });
  c.sent = [];
  c.sendOperation = (rev, o, seq) => c.sent.push(seq);
  c.applyOperation = () => {};
  c.applyClient(op('a'));
  c.serverAck();
  c.applyClient(op(1, 'b'));
  assert.deepEqual(c.sent, [42, 43]);
});

test('a remote selection at the server revision is moved past our pending edits', () => {
  const c = recordingClient(0, 'XYabc');
  c.state = new AwaitingWithBuffer(op('X', 3), 1, op(1, 'Y', 3));
  const moved = c.transformSelection(new Selection(1, 2));
  assert.deepEqual(moved.toJSON(), [3, 4]);
  assert.deepEqual(c.transformSelection(Selection.caret(0)).toJSON(), [0, 0], 'a caret stays before text typed at it');
});
