// The CodeMirror binding's conversions between CodeMirror's changes (UTF-16) and operations
// (code points), on random documents with and without astral characters, seeded. Runs on the
// real @codemirror/state (a dev dependency; the view needs a browser, see src/web's Chromium tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeSet, Text } from '@codemirror/state';
import { changesToOperation, operationToChanges, toUtf16, toCodePoint, hasAstral } from '../src/bindings/codemirror/positions.js';
import { rng, text as randomText, operation } from './support/random.mjs';
import { codePointLength } from '../src/ot/code-points.js';

const docOf = (s) => Text.of(s.split('\n'));

for (const seed of [1, 2, 3]) {
  test(`CodeMirror changes and operations convert both ways (seed ${seed})`, () => {
    const r = rng(seed);
    for (let i = 0; i < 300; i++) {
      const before = randomText(r, Math.floor(r() * 20));
      const doc = docOf(before);
      const astral = hasAstral(before);
      const op = operation(r, codePointLength(before));
      const changes = ChangeSet.of(operationToChanges(op, doc, astral), doc.length);
      const after = changes.apply(doc).toString();
      assert.equal(after, op.apply(before), `operation as changes on ${JSON.stringify(before)}`);
      const back = changesToOperation(changes, doc, astral || hasAstral(after));
      assert.equal(back.apply(before), after, 'changes as an operation');
      const inverse = changesToOperation(changes.invert(doc), changes.apply(doc), astral || hasAstral(after));
      assert.equal(inverse.apply(after), before, 'the inverse takes it back');
    }
  });
}

test('positions convert between code points and UTF-16, without a walk when there is no astral character', () => {
  const doc = docOf('a\u{1F600}b\nc');
  assert.deepEqual(toUtf16(doc, [0, 1, 2, 3, 5], true), [0, 1, 3, 4, 6]);
  assert.equal(toCodePoint(doc, 3, true), 2);
  const plain = docOf('abc\nd');
  assert.deepEqual(toUtf16(plain, [0, 4, 9], false), [0, 4, 5], 'clamped to the end');
  assert.equal(toCodePoint(plain, 4, false), 4);
});
