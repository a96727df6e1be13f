// The `text` document type (PROTOCOL.md, "Document types"): plain text whose operations are
// TextOperations in code points, snapshots are strings and selections [anchor, head]. The
// document client (../sync/doc-sync.js) and the OT client (../ot/client.js) know operations
// only through an object of this shape, after ShareDB's OT types; see ./type.js.

import { TextOperation, Bias } from '../ot/text-operation.js';
import { Selection } from '../ot/selection.js';
import { OtError } from '../ot/ot-error.js';
import { inverseShape } from './text-positions.js';
import { registerType } from './type.js';

/** @typedef {import('./type.js').DocumentType<string, TextOperation, Selection>} TextType */

/** @type {TextType} */
export const textType = Object.freeze({
  name: 'text',
  create: () => '',
  apply: (snapshot, op) => op.apply(snapshot),
  transform: (op, other, side) => (side === 'left'
    ? TextOperation.transform(op, other).aPrime
    : TextOperation.transform(other, op).bPrime),
  // Both halves of one transform in one walk (the state machine needs both).
  transformX: (left, right) => {
    const { aPrime, bPrime } = TextOperation.transform(left, right);
    return [aPrime, bPrime];
  },
  compose: (a, b) => a.compose(b),
  invert: (op, snapshot) => op.invert(snapshot),
  isNoop: (op) => op.isNoop(),
  transformSelection: (sel, op, isOwnOp = false) => sel.transform(op, isOwnOp ? Bias.AFTER : Bias.BEFORE),
  untransformSelection: (sel, op) => sel.transform(inverseShape(op), Bias.BEFORE),
  opFromJSON: (json) => TextOperation.fromJSON(json),
  opToJSON: (op) => op.toJSON(),
  snapshotFromJSON: (json) => {
    if (typeof json !== 'string') throw new OtError('MALFORMED_OPERATION', 'a text snapshot is a string');
    return json;
  },
  snapshotToJSON: (snapshot) => snapshot,
  selectionFromJSON: (json) => Selection.fromJSON(json),
  selectionToJSON: (sel) => (sel ? sel.toJSON() : null),
});

registerType(textType);
