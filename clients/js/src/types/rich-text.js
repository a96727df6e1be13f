// The `rich-text` document type (PROTOCOL.md, "rich-text"; docs/RICH-TEXT.md): Quill's Delta,
// with quill-delta 5.1 doing the algebra, as ShareDB's `rich-text` type does. Operations are
// Deltas, snapshots are Deltas of inserts ending in a newline, positions and lengths are UTF-16
// units (as Quill counts), selections are { anchor, head } (`[anchor, head]` on the wire).
//
// Sides match the server's RichTextType.transform: `transform(op, other, 'left')` gives `op` the
// tie, its insert goes first where both insert at one place and its value stays where both set
// one attribute. In quill-delta terms that is `other.transform(op, side === 'right')`, since
// quill-delta's `priority` belongs to the delta it is called on. The sequencer transforms an
// incoming submission with 'left' against what was committed; the OT client (../ot/client.js)
// transforms its own pending edits with 'left' against what it receives, so both agree.
//
// Importing this module registers the type (`client.open(id, { type: 'rich-text' })`). It imports
// `quill-delta` by name, so that Quill and the type share one copy (a page without a bundler
// maps the name to vendor/quill/quill-delta.js with an import map).

import Delta from 'quill-delta';
import { OtError } from '../ot/ot-error.js';
import { registerType } from './type.js';
import { deltaFromJSON, deltaToJSON } from './rich-text-json.js';

/** @typedef {{ anchor: number, head: number }} RichSelection in UTF-16 units; anchor == head is a caret */
/** @typedef {'left' | 'right'} Side */

const PLACEHOLDER = '\ufffc';

/** UTF-16 units of the document `op` applies to that it covers (kept or deleted). */
function baseExtent(op) {
  let n = 0;
  for (const part of op.ops) {
    if (typeof part.retain === 'number') n += part.retain;
    else if (typeof part.delete === 'number') n += part.delete;
  }
  return n;
}

/**
 * Where `index` is after `op`. 'left': text `op` inserts exactly at the index goes after it (the
 * index stays); 'right': the index moves past that text. The server's
 * RichTextType.transformPosition with the same side gives the same.
 * @param {number} index
 * @param {Delta} op
 * @param {Side} [side]
 */
export function transformPosition(index, op, side = 'left') {
  return op.transformPosition(index, side === 'left');
}

/**
 * Moves a selection through `op`. A caret stays before text inserted right at it (others' carets;
 * `isOwnOp`: moves past it); a range keeps text typed at its edges outside of it.
 * @param {RichSelection} sel
 * @param {Delta} op
 * @param {boolean} [isOwnOp]
 * @returns {RichSelection}
 */
export function transformSelection(sel, op, isOwnOp = false) {
  if (sel.anchor === sel.head) {
    const at = transformPosition(sel.anchor, op, isOwnOp ? 'right' : 'left');
    return { anchor: at, head: at };
  }
  const start = transformPosition(Math.min(sel.anchor, sel.head), op, 'right');
  const end = Math.max(start, transformPosition(Math.max(sel.anchor, sel.head), op, 'left'));
  return sel.anchor <= sel.head ? { anchor: start, head: end } : { anchor: end, head: start };
}

/**
 * A delta with the shape of `op`'s inverse, to move positions of the document `op` produced back
 * to the one it applied to (deleted text is unknown here: placeholders, fine for carets).
 * @param {Delta} op
 */
function inverseShape(op) {
  const out = new Delta();
  for (const part of op.ops) {
    if (typeof part.retain === 'number') out.retain(part.retain);
    else if (typeof part.delete === 'number') out.insert(PLACEHOLDER.repeat(part.delete));
    else out.delete(typeof part.insert === 'string' ? part.insert.length : 1);
  }
  return out;
}

/** @type {import('./type.js').DocumentType<Delta, Delta, RichSelection> & { transformPosition: typeof transformPosition }} */
export const richTextType = Object.freeze({
  name: 'rich-text',
  /** Quill's empty document: one newline (the server's too). */
  create: () => new Delta([{ insert: '\n' }]),
  apply: (snapshot, op) => {
    // compose() would take a delta that reaches past the end as a longer document: refuse it.
    const extent = baseExtent(op);
    const length = snapshot.length();
    if (extent > length) throw new OtError('PAST_END', `the delta covers ${extent} units of a document of ${length}`);
    return snapshot.compose(op);
  },
  transform: (op, other, side) => other.transform(op, side === 'right'),
  compose: (a, b) => a.compose(b),
  invert: (op, snapshot) => op.invert(snapshot),
  isNoop: (op) => op.ops.every((part) => typeof part.retain === 'number' && !part.attributes),
  transformPosition,
  transformSelection,
  untransformSelection: (sel, op) => transformSelection(sel, inverseShape(op)),
  opFromJSON: deltaFromJSON,
  opToJSON: deltaToJSON,
  snapshotFromJSON: (json) => {
    const doc = deltaFromJSON(json);
    if (!doc.ops.every((part) => part.insert !== undefined)) throw new OtError('NOT_A_DOCUMENT', 'a rich-text snapshot holds inserts only');
    const last = doc.ops[doc.ops.length - 1];
    if (!last || typeof last.insert !== 'string' || !last.insert.endsWith('\n')) {
      throw new OtError('NOT_A_DOCUMENT', 'a rich-text snapshot ends with a newline');
    }
    return doc;
  },
  snapshotToJSON: deltaToJSON,
  selectionFromJSON: (json) => {
    if (!Array.isArray(json) || json.length !== 2 || !json.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
    return { anchor: json[0], head: json[1] };
  },
  selectionToJSON: (sel) => (sel ? [sel.anchor, sel.head] : null),
});

registerType(richTextType);

export { Delta };
