// The canvas model on its own: the conflict rules of docs/CANVAS.md played through replicas and
// the sequencing loop (test/support/canvas-room.mjs), Figma's undo rule, the batch composition
// the OT client uses for its buffer, fractional indexes, selections and strict reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rng } from './support/random.mjs';
import { CanvasRoom } from './support/canvas-room.mjs';
import { TextOperation } from '../src/ot/text-operation.js';
import {
  canvasType, composeBatches, CanvasDoc, CanvasOperation, CanvasReplica, DEFAULT_LIMITS, createChange, deleteChange,
  setChange, moveChange, editChange, indexBetween, indexesBetween, validateIndex, readOperation, propOf,
} from '../src/types/canvas/index.js';

const op = (...changes) => new CanvasOperation(changes);
const text = (doc, id) => propOf(doc.get(id).props, 'text');

/** A room and people who decide when they send, when the room takes a batch, and when they hear back. */
function room() {
  const server = new CanvasRoom(DEFAULT_LIMITS);
  const people = [];
  const person = () => {
    const p = { replica: new CanvasReplica(CanvasDoc.fromJSON(server.doc.toJSON()), server.head), inbox: [], sent: null };
    p.edit = (...changes) => p.replica.edit(op(...changes));
    p.send = () => { p.sent = p.sent || p.replica.takeOutgoing(); return p; };
    p.commit = () => {
      const r = server.submit(p.sent.base, p.sent.op);
      p.sent = null;
      if (r.refused) p.inbox.push({ refused: true });
      else for (const q of people) q.inbox.push({ rev: r.rev, op: r.committed, ack: q === p });
      return r;
    };
    p.receive = () => {
      for (const m of p.inbox.splice(0)) {
        if (m.refused) p.replica.rejected();
        else if (m.ack) p.replica.ack(m.rev, m.op);
        else p.replica.remote(m.rev, m.op);
      }
    };
    p.view = () => p.replica.view;
    people.push(p);
    return p;
  };
  const settle = () => {
    for (let round = 0; round < 100; round++) {
      let moved = false;
      for (const p of people) {
        p.send();
        if (p.sent) { p.commit(); moved = true; }
      }
      for (const p of people) { moved ||= p.inbox.length > 0; p.receive(); }
      if (!moved) {
        for (const p of people) assert.deepEqual(p.view().toJSON(), server.doc.toJSON());
        return;
      }
    }
    throw new Error('did not settle');
  };
  return { server, person, settle };
}

test('set is last-writer-wins in the server\'s order, and our own value masks theirs until acknowledged', () => {
  const r = room();
  const ann = r.person();
  const bob = r.person();
  ann.edit(createChange('r1', 'rectangle', null, 'a0', { fill: '#000' }));
  r.settle();
  ann.edit(setChange('r1', 'fill', '#ff0000'));
  bob.edit(setChange('r1', 'fill', '#0000ff'));
  bob.send().commit();
  ann.send();
  ann.receive(); // Bob's blue arrives while Ann's red is in flight
  assert.equal(propOf(ann.view().get('r1').props, 'fill'), '#ff0000', 'Ann still sees her own red');
  ann.commit();
  r.settle();
  assert.equal(propOf(r.server.doc.get('r1').props, 'fill'), '#ff0000', 'Ann\'s reached the room second: red for everyone');
});

test('a change to a deleted object is dropped, and the ack carries the batch without it', () => {
  const r = room();
  const ann = r.person();
  const bob = r.person();
  ann.edit(createChange('r1', 'rectangle', null, 'a0'));
  r.settle();
  ann.edit(deleteChange('r1'));
  bob.edit(setChange('r1', 'x', 40), createChange('r2', 'ellipse', null, 'a1'));
  ann.send().commit();
  const result = bob.send().commit();
  assert.deepEqual(JSON.parse(JSON.stringify(result.committed)).changes.map((c) => c.create || c.set), ['r2']);
  r.settle();
  assert.equal(r.server.doc.has('r1'), false);
});

test('a move that would make a cycle is dropped: the first move to reach the room wins', () => {
  const r = room();
  const ann = r.person();
  const bob = r.person();
  ann.edit(createChange('f1', 'frame', null, 'a0'), createChange('f2', 'frame', null, 'a1'));
  r.settle();
  ann.edit(moveChange('f1', 'f2', 'a0'));
  bob.edit(moveChange('f2', 'f1', 'a0'));
  ann.send().commit();
  bob.send().commit();
  r.settle();
  assert.equal(r.server.doc.get('f1').parent, 'f2');
  assert.equal(r.server.doc.get('f2').parent, null);
});

test('two people typing into one sticky keep both their words, character by character', () => {
  const r = room();
  const ann = r.person();
  const bob = r.person();
  ann.edit(createChange('s1', 'sticky', null, 'a0', { text: 'Hello' }));
  r.settle();
  ann.edit(editChange('s1', 'text', new TextOperation().retain(5).insert(' world')));
  bob.edit(editChange('s1', 'text', new TextOperation().insert('Oh, ').retain(5)));
  bob.edit(editChange('s1', 'text', new TextOperation().insert('¡').retain(9)));
  ann.send().commit();
  bob.send();
  bob.receive();
  assert.equal(text(bob.view(), 's1'), '¡Oh, Hello world');
  r.settle();
  assert.equal(text(r.server.doc, 's1'), '¡Oh, Hello world');
});

test('a frame deleted while someone moves a shape into it: the shape is moved and deleted with it, or stays out', () => {
  for (const deleteFirst of [true, false]) {
    const r = room();
    const ann = r.person();
    const bob = r.person();
    ann.edit(createChange('f1', 'frame', null, 'a0'), createChange('r1', 'rectangle', null, 'a1'));
    r.settle();
    ann.edit(deleteChange('f1'));
    bob.edit(moveChange('r1', 'f1', 'a0'));
    if (deleteFirst) { ann.send().commit(); bob.send().commit(); } else { bob.send().commit(); ann.send().commit(); }
    r.settle();
    assert.equal(r.server.doc.has('f1'), false);
    assert.equal(r.server.doc.has('r1'), deleteFirst, deleteFirst ? 'the move into a missing frame is dropped' : 'moved in, then deleted with the frame');
    if (deleteFirst) assert.equal(r.server.doc.get('r1').parent, null);
  }
});

test('a create of an id that exists is dropped with the batch\'s later changes to that id', () => {
  const doc = new CanvasDoc();
  doc.apply(op(createChange('s1', 'sticky', null, 'a0', { text: 'first' })));
  const applied = doc.apply(op(createChange('s1', 'sticky', null, 'a1', { text: 'second' }), setChange('s1', 'x', 5),
    createChange('s2', 'text', null, 'a2')));
  assert.deepEqual(applied.changes.map((c) => c.id), ['s2']);
  assert.equal(text(doc, 's1'), 'first');
  assert.equal(propOf(doc.get('s1').props, 'x'), null);
});

test('undo then redo leaves the board as it was; undo never overwrites what others did since', () => {
  const r = room();
  const ann = r.person();
  const bob = r.person();
  ann.edit(createChange('r1', 'rectangle', null, 'a0', { x: 0, fill: '#111' }));
  r.settle();
  ann.edit(setChange('r1', 'x', 100), setChange('r1', 'fill', '#222'));
  r.settle();
  bob.edit(setChange('r1', 'fill', '#333'));
  r.settle();
  const before = JSON.stringify(ann.view().toJSON());
  ann.replica.undo();
  r.settle();
  assert.equal(propOf(r.server.doc.get('r1').props, 'x'), 0, 'Ann\'s move is undone');
  assert.equal(propOf(r.server.doc.get('r1').props, 'fill'), '#333', 'Bob\'s colour stays');
  ann.replica.redo();
  r.settle();
  assert.equal(JSON.stringify(ann.view().toJSON()), before, 'redo restores exactly');
});

test('undoing typing takes back only our characters, moved past others\' typing', () => {
  const r = room();
  const ann = r.person();
  const bob = r.person();
  ann.edit(createChange('s1', 'sticky', null, 'a0', { text: '' })); // an empty text takes text undo; an unset one a value restore
  r.settle();
  ann.edit(editChange('s1', 'text', new TextOperation().insert('ann')));
  r.settle();
  bob.edit(editChange('s1', 'text', new TextOperation().insert('bob ').retain(3)));
  r.settle();
  ann.replica.undo();
  r.settle();
  assert.equal(text(r.server.doc, 's1'), 'bob ');
});

test('undoing a delete recreates the frame with what was inside it, ids kept', () => {
  const r = room();
  const ann = r.person();
  ann.edit(createChange('f1', 'frame', null, 'a0'), createChange('s1', 'sticky', 'f1', 'a0', { text: 'in' }));
  r.settle();
  ann.edit(deleteChange('f1'));
  r.settle();
  assert.equal(r.server.doc.size, 0);
  ann.replica.undo();
  r.settle();
  assert.equal(r.server.doc.get('s1').parent, 'f1');
  assert.equal(text(r.server.doc, 's1'), 'in');
});

test('composing batches drops only sets a later set replaces, and applies like both in turn (seeded)', () => {
  const random = rng(11);
  const ids = ['a', 'b', 'c'];
  const props = ['x', 'y', 'text', 'fill'];
  const change = () => {
    const id = random.pick(ids);
    const k = random.int(10);
    if (k < 5) {
      const prop = random.pick(props);
      const value = prop === 'text' ? random.pick(['', 'hi', 'yo']) : prop === 'fill' ? random.pick(['#fff', '#000']) : random.int(50);
      return setChange(id, prop, random.bool(0.1) ? null : value);
    }
    if (k < 6) return deleteChange(id);
    if (k < 7) return createChange(id, random.pick(['frame', 'sticky']), null, 'a0');
    if (k < 8) return moveChange(id, random.bool() ? null : random.pick(ids), random.pick(['a0', 'a1']));
    return editChange(id, 'text', new TextOperation().insert('x')); // fits only an empty text: may be refused
  };
  let collapsed = 0;
  for (let run = 0; run < 500; run++) {
    const start = new CanvasDoc();
    start.apply(op(createChange('a', 'frame', null, 'a0'), createChange('b', 'sticky', null, 'a1', { text: '' })));
    const a = op(...Array.from({ length: 1 + random.int(6) }, change));
    const b = op(...Array.from({ length: 1 + random.int(6) }, change));
    const composed = composeBatches(a, b);
    collapsed += a.size + b.size - composed.size;
    const inTurn = start.copy();
    const together = start.copy();
    let refused = false;
    try {
      inTurn.apply(a.then(b));
    } catch {
      refused = true;
    }
    if (refused) continue; // composing may only take refusals away
    together.apply(composed);
    assert.deepEqual(together.toJSON(), inTurn.toJSON(), `run ${run}: ${a} then ${b} as ${composed}`);
  }
  assert.ok(collapsed > 200, `sets collapsed: ${collapsed}`);
});

test('a drag of many steps composes into two sets; a batch over the limit is split for sending', () => {
  let buffer = CanvasOperation.EMPTY;
  for (let i = 0; i < 1000; i++) buffer = composeBatches(buffer, op(setChange('r1', 'x', i), setChange('r1', 'y', -i)));
  assert.deepEqual(JSON.parse(JSON.stringify(buffer)).changes, [{ set: 'r1', prop: 'x', value: 999 }, { set: 'r1', prop: 'y', value: -999 }]);
  const big = op(...indexesBetween(null, null, 2500).map((index, i) => createChange(`s${i}`, 'sticky', null, index)));
  const [now, later] = canvasType.split(big);
  assert.equal(now.size, DEFAULT_LIMITS.maxChanges);
  assert.equal(later.size, 1500);
});

test('fractional indexes: between any two, ascending, and only base-62 keys are taken', () => {
  const a = indexBetween(null, null);
  const b = indexBetween(a, null);
  const mid = indexBetween(a, b);
  assert.ok(a < mid && mid < b, `${a} < ${mid} < ${b}`);
  assert.equal(indexBetween(b, a), mid, 'the bounds may come in either order');
  const keys = indexesBetween(a, b, 20);
  assert.deepEqual([...keys].sort(), keys);
  assert.ok(keys.every((k) => k > a && k < b));
  for (const bad of ['', 'a', 'a00', 'a0 ', 'a0!', '0', 'A00000000000000000000000000']) {
    assert.throws(() => validateIndex(bad), { code: 'INVALID_INDEX' }, bad);
  }
  assert.throws(() => indexBetween('a0', 'a0'), { code: 'INVALID_INDEX' });
});

test('selections: pointer and selected ids are read strictly and pass through operations unchanged', () => {
  assert.deepEqual(canvasType.selectionFromJSON({ pointer: [1.5, -2], selected: ['r1'] }), { pointer: [1.5, -2], selected: ['r1'] });
  assert.deepEqual(canvasType.selectionFromJSON({ selected: [] }), { pointer: null, selected: [] });
  for (const bad of [[1, 2], 'x', { pointer: [1] }, { pointer: [1, 2e9] }, { selected: ['a b'] }, { selected: 'r1' }]) {
    assert.equal(canvasType.selectionFromJSON(bad), null, JSON.stringify(bad));
  }
  assert.deepEqual(canvasType.selectionToJSON({ pointer: null, selected: ['a'] }), { selected: ['a'] });
  const sel = { pointer: [3, 4], selected: ['r1'] };
  assert.equal(canvasType.transformSelection(sel, op(deleteChange('r1'))), sel);
});

test('a snapshot is checked: cycles, missing parents and bad values are MALFORMED_SNAPSHOT', () => {
  const bad = [
    { objects: {} },
    { objects: [], more: 1 },
    { objects: [{ id: 'a', kind: 'frame', parent: 'b', index: 'a0' }, { id: 'b', kind: 'frame', parent: 'a', index: 'a0' }] },
    { objects: [{ id: 'a', kind: 'frame', parent: 'nobody', index: 'a0' }] },
    { objects: [{ id: 'r', kind: 'rectangle', parent: null, index: 'a0' }, { id: 'a', kind: 'text', parent: 'r', index: 'a0' }] },
    { objects: [{ id: 'a', kind: 'text', parent: null, index: 'a0', props: { x: 'far' } }] },
  ];
  for (const s of bad) assert.throws(() => canvasType.snapshotFromJSON(s), { code: 'MALFORMED_SNAPSHOT' }, JSON.stringify(s));
  const good = { objects: [{ id: 'f', kind: 'frame', parent: null, index: 'a0', props: { name: 'Ideas' } },
    { id: 's', kind: 'sticky', parent: 'f', index: 'a0', props: { fill: '#ffeb3b', text: 'Ship it' } }] };
  assert.deepEqual(canvasType.snapshotToJSON(canvasType.snapshotFromJSON(good)), good);
});

test('reading is strict: unknown keys, kinds and properties are refused with their codes', () => {
  const read = (json) => readOperation(json, DEFAULT_LIMITS);
  assert.throws(() => read({ changes: [{ delete: 'x', force: true }] }), { code: 'MALFORMED_OPERATION' });
  assert.throws(() => read({ changes: [{ create: 'x', kind: 'hexagon', parent: null, index: 'a0' }] }), { code: 'UNKNOWN_KIND' });
  assert.throws(() => read({ changes: [{ set: 'x', prop: 'colour', value: '#fff' }] }), { code: 'UNKNOWN_PROPERTY' });
  assert.throws(() => read({ changes: [{ set: 'x', prop: 'fill', value: 'red' }] }), { code: 'INVALID_PROPERTY_VALUE' });
  assert.throws(() => read({ changes: [{ edit: 'x', prop: 'fill', op: ['#'] }] }), { code: 'NOT_A_TEXT_PROPERTY' });
  assert.throws(() => read({ changes: Array.from({ length: 1001 }, () => ({ delete: 'x' })) }), { code: 'BATCH_TOO_LARGE' });
});

test('the steps of one gesture undo together: a drag goes back to where it started, typing goes in one undo', () => {
  const r = room();
  const ann = r.person();
  const bob = r.person();
  ann.edit(createChange('r1', 'rectangle', null, 'a0', { x: 0, y: 0 }), createChange('s1', 'sticky', null, 'a1', { text: '' }));
  r.settle();
  for (let x = 1; x <= 30; x++) ann.replica.edit(op(setChange('r1', 'x', x), setChange('r1', 'y', -x)), { mergeUndo: x > 1 });
  r.settle();
  for (const [i, ch] of [...'hey'].entries()) {
    const len = [...text(ann.view(), 's1')].length;
    ann.replica.edit(op(editChange('s1', 'text', new TextOperation().retain(len).insert(ch))), { mergeUndo: i > 0 });
    if (i === 1) { r.settle(); bob.edit(editChange('s1', 'text', new TextOperation().insert('>').retain(2))); r.settle(); }
  }
  r.settle();
  assert.equal(text(r.server.doc, 's1'), '>hey');
  ann.replica.undo();
  r.settle();
  assert.equal(text(r.server.doc, 's1'), '>', 'the three keystrokes go at once, Bob\'s character stays');
  ann.replica.undo();
  r.settle();
  assert.deepEqual([propOf(r.server.doc.get('r1').props, 'x'), propOf(r.server.doc.get('r1').props, 'y')], [0, 0], 'the whole drag goes');
  ann.replica.redo();
  ann.replica.redo();
  r.settle();
  assert.equal(propOf(r.server.doc.get('r1').props, 'x'), 30);
  assert.equal(text(r.server.doc, 's1'), '>hey');
});
