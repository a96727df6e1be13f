// The rich-text type (src/types/rich-text.js): quill-delta's algebra behind the document type
// interface, with the server's sides (RichTextType.transform: 'left' gives op the tie), UTF-16
// carets, and the wire form read as strictly as the server reads it. Seeded properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Delta from 'quill-delta';
import { richTextType as T, transformPosition } from '../src/types/rich-text.js';
import { typeNamed } from '../src/types/type.js';
import { rng } from './support/random.mjs';
import { randomDelta, randomDocument } from './support/random-delta.mjs';

const d = (...ops) => new Delta(ops);
const json = (x) => JSON.stringify(T.snapshotToJSON(x));
const code = (fn) => {
  try {
    fn();
  } catch (e) {
    return e.code;
  }
  return 'no error';
};

test('importing the module registers the type under its wire name', () => {
  assert.equal(typeNamed('rich-text'), T);
  assert.deepEqual(T.snapshotToJSON(T.create()), { ops: [{ insert: '\n' }] }, "the server's empty document");
});

test('apply composes a change into the document and refuses one that reaches past its end', () => {
  const doc = d({ insert: 'Hello world\n' });
  const bolded = T.apply(doc, d({ retain: 6 }, { retain: 5, attributes: { bold: true } }));
  assert.deepEqual(bolded.ops, [{ insert: 'Hello ' }, { insert: 'world', attributes: { bold: true } }, { insert: '\n' }]);
  assert.deepEqual(T.apply(doc, d({ retain: 11, attributes: { list: 'bullet' } })).ops.at(-1), { insert: '\n' },
    'a change may stop before the end');
  assert.equal(code(() => T.apply(doc, d({ retain: 13 }, { insert: '!' }))), 'PAST_END');
  assert.equal(code(() => T.apply(doc, d({ retain: 10 }, { delete: 3 }))), 'PAST_END');
});

test('lengths and positions are UTF-16 units: an emoji is 2, an embed 1', () => {
  const doc = T.apply(T.create(), d({ insert: '\u{1F600}a' }, { insert: { image: 'https://example.com/p.png' } }));
  assert.equal(doc.length(), 5);
  const op = d({ retain: 2 }, { insert: 'XY' });
  assert.equal(transformPosition(2, op, 'left'), 2, "'left': stays before text inserted right at it");
  assert.equal(transformPosition(2, op, 'right'), 4, "'right': moves past it");
  assert.equal(transformPosition(3, op), 5);
  assert.equal(transformPosition(1, op), 1);
});

test("transform sides are the server's: the 'left' op's insert goes first, and its attribute value stays", () => {
  const doc = d({ insert: 'abcd\n' });
  const incoming = d({ retain: 2 }, { insert: 'IN' });
  const committed = d({ retain: 2 }, { insert: 'C' });
  // The sequencer: committed first, then the incoming submission transformed with 'left'.
  const server = T.apply(T.apply(doc, committed), T.transform(incoming, committed, 'left'));
  assert.equal(json(server), json(d({ insert: 'abINCcd\n' })), 'the later submission stands first');
  // Its author: own edit first, then the committed one transformed with 'right'.
  const author = T.apply(T.apply(doc, incoming), T.transform(committed, incoming, 'right'));
  assert.equal(json(author), json(server));

  const red = d({ retain: 4, attributes: { color: '#ff0000' } });
  const blue = d({ retain: 4, attributes: { color: '#0000ff' } });
  const atServer = T.apply(T.apply(doc, red), T.transform(blue, red, 'left'));
  assert.equal(atServer.ops[0].attributes.color, '#0000ff', "the submission's value stays");
  assert.equal(json(T.apply(T.apply(doc, blue), T.transform(red, blue, 'right'))), json(atServer));
});

test('one bolds a word while the other types inside it: both keep their change, in any order', () => {
  const doc = d({ insert: 'the quick fox\n' });
  const bold = d({ retain: 4 }, { retain: 5, attributes: { bold: true } });
  const typing = d({ retain: 6 }, { insert: 'XX' });
  const a = T.apply(T.apply(doc, bold), T.transform(typing, bold, 'left'));
  const b = T.apply(T.apply(doc, typing), T.transform(bold, typing, 'right'));
  assert.equal(json(a), json(b));
  assert.deepEqual(a.ops, [{ insert: 'the ' }, { insert: 'qu', attributes: { bold: true } }, { insert: 'XX' },
    { insert: 'ick', attributes: { bold: true } }, { insert: ' fox\n' }]);
});

test('compose, invert, isNoop', () => {
  const doc = d({ insert: 'abc\n' });
  const a = d({ retain: 1 }, { insert: 'X', attributes: { italic: true } });
  const b = d({ retain: 3 }, { delete: 1 });
  assert.equal(json(T.apply(doc, T.compose(a, b))), json(T.apply(T.apply(doc, a), b)));
  const f = d({ retain: 3, attributes: { bold: true } });
  assert.equal(json(T.apply(T.apply(doc, f), T.invert(f, doc))), json(doc));
  assert.equal(T.isNoop(d({ retain: 4 })), true);
  assert.equal(T.isNoop(d()), true);
  assert.equal(T.isNoop(d({ retain: 4, attributes: { bold: true } })), false);
});

test('the wire form is read strictly, with the codes the server uses', () => {
  assert.equal(code(() => T.opFromJSON([{ insert: 'a' }])), 'MALFORMED_OPERATION', 'not an object with ops');
  assert.equal(code(() => T.opFromJSON({ ops: [{ insert: 'a', retain: 1 }] })), 'MALFORMED_OPERATION');
  assert.equal(code(() => T.opFromJSON({ ops: [{ retain: 0 }] })), 'NON_POSITIVE_LENGTH');
  assert.equal(code(() => T.opFromJSON({ ops: [{ delete: 1.5 }] })), 'NON_POSITIVE_LENGTH');
  assert.equal(code(() => T.opFromJSON({ ops: [{ delete: 2, attributes: { bold: true } }] })), 'MALFORMED_OPERATION');
  assert.equal(code(() => T.opFromJSON({ ops: [{ insert: '' }] })), 'MALFORMED_OPERATION');
  assert.equal(code(() => T.opFromJSON({ ops: [{ insert: 'a', x: 1 }] })), 'MALFORMED_OPERATION');
  assert.equal(code(() => T.opFromJSON({ ops: [{ retain: { image: 'x' } }] })), 'NON_POSITIVE_LENGTH', 'no embed retains');
  assert.equal(code(() => T.opFromJSON({ ops: [{ insert: 'a', attributes: { bold: [1] } }] })), 'MALFORMED_OPERATION');
  assert.equal(code(() => T.snapshotFromJSON({ ops: [{ retain: 1 }] })), 'NOT_A_DOCUMENT');
  assert.equal(code(() => T.snapshotFromJSON({ ops: [{ insert: 'no newline' }] })), 'NOT_A_DOCUMENT');
});

test("the wire form is quill-delta's normal form, attributes in name order", () => {
  const op = T.opFromJSON({ ops: [{ insert: 'a', attributes: { italic: true, bold: true } }, { insert: 'b', attributes: { bold: true, italic: true } },
    { insert: 'c', attributes: { underline: null } }, { delete: 1 }, { retain: 2 }] });
  assert.deepEqual(op.ops, [{ insert: 'ab', attributes: { italic: true, bold: true } }, { insert: 'c' }, { delete: 1 }]);
  assert.equal(JSON.stringify(T.opToJSON(op)), '{"ops":[{"insert":"ab","attributes":{"bold":true,"italic":true}},{"insert":"c"},{"delete":1}]}');
  assert.deepEqual(T.opToJSON(T.opFromJSON({ ops: [{ retain: 3, attributes: { bold: null } }] })), { ops: [{ retain: 3, attributes: { bold: null } }] },
    'a null in a retain removes a format');
  assert.deepEqual(T.selectionFromJSON([3, 1]), { anchor: 3, head: 1 });
  assert.equal(T.selectionFromJSON([1]), null);
  assert.equal(T.selectionFromJSON([-1, 2]), null);
  assert.deepEqual(T.selectionToJSON({ anchor: 2, head: 5 }), [2, 5]);
});

test('carets: others stay before text typed at them, a range keeps text typed at its edges outside', () => {
  const op = d({ retain: 2 }, { insert: 'ab' }, { retain: 3 }, { insert: 'cd' });
  assert.deepEqual(T.transformSelection({ anchor: 2, head: 2 }, op), { anchor: 2, head: 2 });
  assert.deepEqual(T.transformSelection({ anchor: 2, head: 2 }, op, true), { anchor: 4, head: 4 }, 'own edits move it');
  assert.deepEqual(T.transformSelection({ anchor: 2, head: 5 }, op), { anchor: 4, head: 7 });
  assert.deepEqual(T.transformSelection({ anchor: 5, head: 2 }, op), { anchor: 7, head: 4 }, 'direction kept');
  assert.deepEqual(T.untransformSelection({ anchor: 7, head: 4 }, op), { anchor: 5, head: 2 }, 'and back');
  assert.deepEqual(T.transformSelection({ anchor: 3, head: 6 }, d({ retain: 2 }, { delete: 5 })), { anchor: 2, head: 2 });
});

test('seeded: transform converges for both sides, compose agrees with applying in turn, invert undoes, wire form round-trips', () => {
  const r = rng(20240611);
  for (let i = 0; i < 1500; i++) {
    const doc = randomDocument(r);
    const a = randomDelta(r, doc);
    const b = randomDelta(r, doc);
    const where = `case ${i}: doc ${JSON.stringify(doc.ops)} a ${JSON.stringify(a.ops)} b ${JSON.stringify(b.ops)}`;
    const viaA = T.apply(T.apply(doc, a), T.transform(b, a, 'right'));
    const viaB = T.apply(T.apply(doc, b), T.transform(a, b, 'left'));
    assert.equal(json(viaA), json(viaB), where);
    const afterA = T.apply(doc, a);
    const c = randomDelta(r, afterA);
    assert.equal(json(T.apply(doc, T.compose(a, c))), json(T.apply(afterA, c)), where);
    assert.equal(json(T.apply(afterA, T.invert(a, doc))), json(doc), where);
    assert.deepEqual(T.opFromJSON(JSON.parse(JSON.stringify(T.opToJSON(a)))).ops, T.opFromJSON(T.opToJSON(a)).ops, where);
    assert.equal(json(T.snapshotFromJSON(JSON.parse(JSON.stringify(T.snapshotToJSON(afterA))))), json(afterA), where);
    // A caret moved through a change that deletes nothing, then back, lands where it was.
    const growing = new Delta(a.ops.filter((p) => p.delete === undefined));
    const at = r.int(doc.length() + 1);
    const moved = T.transformSelection({ anchor: at, head: at }, growing);
    assert.deepEqual(T.untransformSelection(moved, growing), { anchor: at, head: at }, `${where}: caret ${at} -> ${moved.anchor}`);
  }
});
