// CodeMirror counts UTF-16 units; the wire counts code points. These convert changes and
// positions between the two for one document. While the document holds no astral character
// (no surrogate pair: most text) the two counts agree and nothing is walked; otherwise the
// text is walked once per conversion.

import { TextOperation } from '../../ot/text-operation.js';
import { codePointLength, offsetByCodePoints, toUtf16Indices } from '../../ot/code-points.js';

const SURROGATE = /[\ud800-\udfff]/;

/** True if `text` (a string) has a surrogate half: code points and UTF-16 units differ. */
export const hasAstral = (text) => SURROGATE.test(text);

/**
 * A CodeMirror ChangeSet (on `doc`, a CodeMirror Text) as a TextOperation in code points.
 * `astral`: whether `doc` may hold astral characters.
 */
export function changesToOperation(changes, doc, astral) {
  const op = new TextOperation();
  const len = astral ? (from, to) => codePointLength(doc.sliceString(from, to)) : (from, to) => to - from;
  let at = 0;
  changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
    op.retain(len(at, fromA));
    op.delete(len(fromA, toA));
    op.insert(inserted.toString());
    at = toA;
  });
  op.retain(len(at, doc.length));
  return op;
}

/** A TextOperation as CodeMirror change specs ({ from, to, insert }) on `doc`. */
export function operationToChanges(op, doc, astral) {
  const text = astral ? doc.toString() : null;
  const changes = [];
  let at = 0; // UTF-16
  for (const c of op.ops) {
    if (TextOperation.isRetain(c)) {
      at = astral ? offsetByCodePoints(text, at, c) : at + c;
    } else if (TextOperation.isInsert(c)) {
      changes.push({ from: at, insert: c });
    } else {
      const end = astral ? offsetByCodePoints(text, at, -c) : at - c;
      changes.push({ from: at, to: end });
      at = end;
    }
  }
  return changes;
}

/** Code point offsets as UTF-16 offsets of `doc`, in one walk. */
export function toUtf16(doc, cps, astral) {
  if (!astral) return cps.map((cp) => Math.min(cp, doc.length));
  return toUtf16Indices(doc.toString(), cps);
}

/** A UTF-16 offset of `doc` as a code point offset. */
export function toCodePoint(doc, index, astral) {
  return astral ? codePointLength(doc.sliceString(0, index)) : index;
}
