// Replays the vectors written by the Java build (OtVectorsTest) through the JavaScript OT core:
// both cores must give identical results, component for component.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { otVectors } from './support/paths.mjs';
import { TextOperation, Bias } from '../src/ot/text-operation.js';
import { Selection } from '../src/ot/selection.js';

// Under Maven the path is passed in and must exist; run by hand, the tests skip until
// `mvn test -Dtest=OtVectorsTest` has written the file.
const required = Boolean(process.env.TANDEM_OT_VECTORS);
const file = process.env.TANDEM_OT_VECTORS || otVectors;
const present = fs.existsSync(file);
if (required && !present) throw new Error(`TANDEM_OT_VECTORS names ${file}, which does not exist`);
const skip = present ? false : `no vectors at ${file}: run mvn test -Dtest=OtVectorsTest first`;
const vectors = present ? JSON.parse(fs.readFileSync(file, 'utf8')) : { cases: [], parse: [], errors: [] };

const op = (json) => TextOperation.fromJSON(json);
const code = (fn) => {
  try {
    fn();
  } catch (e) {
    if (e.code) return e.code;
    throw e;
  }
  return 'no error';
};

test('the vector file holds the expected number of cases', { skip }, () => {
  assert.equal(vectors.version, 1);
  assert.ok(vectors.cases.length >= 700, `only ${vectors.cases.length} cases`);
});

test('apply, lengths and noop agree with Java', { skip }, () => {
  for (const [i, c] of vectors.cases.entries()) {
    const a = op(c.a);
    assert.deepEqual(a.toJSON(), c.a, `case ${i}: the wire form is already normal`);
    assert.equal(a.apply(c.doc), c.applyA, `case ${i}: apply a`);
    assert.equal(op(c.b).apply(c.doc), c.applyB, `case ${i}: apply b`);
    assert.equal(a.baseLength, c.baseLengthA, `case ${i}`);
    assert.equal(a.targetLength, c.targetLengthA, `case ${i}`);
    assert.equal(a.isNoop(), c.noopA, `case ${i}`);
  }
});

test('transform gives the same pair with the same tie-break', { skip }, () => {
  for (const [i, c] of vectors.cases.entries()) {
    const { aPrime, bPrime } = TextOperation.transform(op(c.a), op(c.b));
    assert.deepEqual(aPrime.toJSON(), c.aPrime, `case ${i}: a'`);
    assert.deepEqual(bPrime.toJSON(), c.bPrime, `case ${i}: b'`);
    assert.equal(bPrime.apply(c.applyA), c.converged, `case ${i}`);
    assert.equal(aPrime.apply(c.applyB), c.converged, `case ${i}`);
  }
});

test('compose and invert agree with Java', { skip }, () => {
  for (const [i, c] of vectors.cases.entries()) {
    const composed = op(c.a).compose(op(c.next));
    assert.deepEqual(composed.toJSON(), c.compose, `case ${i}: compose`);
    assert.equal(composed.apply(c.doc), c.composeApply, `case ${i}`);
    assert.deepEqual(op(c.a).invert(c.doc).toJSON(), c.invertA, `case ${i}: invert`);
  }
});

test('carets and selections move the same way with both biases', { skip }, () => {
  for (const [i, c] of vectors.cases.entries()) {
    const a = op(c.a);
    for (const p of c.positions) {
      assert.equal(a.transformPosition(p.pos, Bias.BEFORE), p.before, `case ${i} caret ${p.pos} BEFORE`);
      assert.equal(a.transformPosition(p.pos, Bias.AFTER), p.after, `case ${i} caret ${p.pos} AFTER`);
    }
    for (const s of c.selections) {
      const sel = Selection.fromJSON(s.sel);
      assert.deepEqual(sel.transform(a, Bias.BEFORE).toJSON(), s.before, `case ${i} selection ${s.sel}`);
      assert.deepEqual(sel.transform(a, Bias.AFTER).toJSON(), s.after, `case ${i} selection ${s.sel}`);
    }
  }
});

test('parsing normalises and rejects exactly like Java', { skip }, () => {
  assert.ok(vectors.parse.some((p) => p.error), 'some parse cases are invalid');
  for (const p of vectors.parse) {
    const label = JSON.stringify(p.input);
    if (p.error) {
      assert.equal(code(() => TextOperation.fromJSON(p.input)), p.error, label);
    } else {
      const parsed = TextOperation.fromJSON(p.input);
      assert.deepEqual(parsed.toJSON(), p.normal, label);
      assert.equal(parsed.baseLength, p.baseLength, label);
      assert.equal(parsed.targetLength, p.targetLength, label);
    }
  }
});

test('misuse gives the same error codes', { skip }, () => {
  for (const e of vectors.errors) {
    const a = e.a && op(e.a);
    const b = e.b && op(e.b);
    const calls = {
      apply: () => a.apply(e.doc),
      invert: () => a.invert(e.doc),
      compose: () => a.compose(b),
      transform: () => TextOperation.transform(a, b),
      transformPosition: () => a.transformPosition(e.pos, Bias.BEFORE),
      splice: () => TextOperation.splice(...e.args),
    };
    assert.ok(calls[e.call], `unknown call ${e.call}`);
    assert.equal(code(calls[e.call]), e.error, JSON.stringify(e));
  }
});
