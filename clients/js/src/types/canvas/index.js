// The `canvas` document type (PROTOCOL.md, "Document types"; docs/CANVAS.md): a Figma-style
// board whose operations are batches of changes, snapshots are CanvasDocs and selections are
// { pointer: [x, y] | null, selected: [ids] }. Registered by name on import, like `text`.
//
// Unlike text, applying a canvas batch depends on the order the server applies batches in (a
// set is last-writer-wins, a change to something gone is dropped), so a view of a canvas is not
// moved along by transformed remote operations: it is the server's state with our pending
// batches put back on top (`rebaseView`, see ../../sync/doc-sync.js and ./replica.js).

import { registerType } from '../type.js';
import { OtError } from '../../ot/ot-error.js';
import { CanvasDoc } from './canvas-doc.js';
import { CanvasOperation } from './operation.js';
import { readOperation } from './wire.js';
import { transform, keyOf } from './transform.js';
import { DEFAULT_LIMITS, isValidId, MAX_SELECTED, MAX_COORDINATE } from './schema.js';

export { CanvasDoc, siblingOrder } from './canvas-doc.js';
export { CanvasOperation, createChange, deleteChange, setChange, moveChange, editChange, propOf } from './operation.js';
export { CanvasReplica } from './replica.js';
export { readOperation } from './wire.js';
export { transform as transformCanvas } from './transform.js';
export { indexBetween, indexesBetween, validateIndex, isValidIndex } from './fractional-index.js';
export { KINDS, DEFAULT_LIMITS, builtInProperties, typeOf as propertyType, isValidId } from './schema.js';

/**
 * Two batches as one, for the OT client's buffer of unsent batches: their concatenation, without
 * a set that a later set of the same property replaces with nothing in between that could see
 * it (an edit of that property, a create or delete of its object). Applying the result always
 * gives what applying both in turn gives, and a drag of a thousand steps made while offline
 * stays two sets.
 */
export function composeBatches(first, second) {
  const all = [...first.changes, ...second.changes];
  const later = new Map(); // id -> props set later with nothing in between
  const kept = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const c = all[i];
    if (c.verb === 'set') {
      let props = later.get(c.id);
      if (props && props.has(c.prop)) continue;
      if (!props) later.set(c.id, (props = new Set()));
      props.add(c.prop);
    } else if (c.verb === 'edit') {
      const props = later.get(c.id);
      if (props) props.delete(c.prop);
    } else if (c.verb === 'create' || c.verb === 'delete') {
      later.delete(c.id);
    }
    kept.push(c);
  }
  kept.reverse();
  return new CanvasOperation(kept);
}

/** A selection from the wire, or null when it is malformed or absent. */
export function selectionFromJSON(json) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const finite = (x) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= MAX_COORDINATE;
  let pointer = null;
  if (json.pointer !== undefined && json.pointer !== null) {
    const p = json.pointer;
    if (!Array.isArray(p) || p.length !== 2 || !finite(p[0]) || !finite(p[1])) return null;
    pointer = [p[0], p[1]];
  }
  let selected = [];
  if (json.selected !== undefined && json.selected !== null) {
    if (!Array.isArray(json.selected) || json.selected.length > MAX_SELECTED || !json.selected.every(isValidId)) return null;
    selected = [...json.selected];
  }
  return { pointer, selected };
}

export function selectionToJSON(sel) {
  if (!sel) return null;
  const out = {};
  if (sel.pointer) out.pointer = [sel.pointer[0], sel.pointer[1]];
  out.selected = (sel.selected || []).slice(0, MAX_SELECTED);
  return out;
}

/** @type {import('../type.js').DocumentType<CanvasDoc, CanvasOperation, { pointer: number[] | null, selected: string[] }> & Record<string, any>} */
export const canvasType = Object.freeze({
  name: 'canvas',
  limits: DEFAULT_LIMITS,
  /** A view is the server's state with pending batches on top (rebuilt, not transformed). */
  rebaseView: true,
  /** The author's ack carries the batch as committed (applying may drop changes). */
  acksCarryOperation: true,
  create: () => new CanvasDoc(DEFAULT_LIMITS),
  apply: (doc, op) => {
    const out = doc.copy();
    out.apply(op);
    return out;
  },
  transform: (op, other, side) => transform(op, other, side),
  compose: composeBatches,
  isNoop: (op) => op.changes.every((c) => c.verb === 'edit' && c.op.isNoop()),
  /** A batch too large to send in one piece: the first maxChanges changes, and the rest. */
  split: (op) => (op.size <= DEFAULT_LIMITS.maxChanges ? [op, null]
    : [new CanvasOperation(op.changes.slice(0, DEFAULT_LIMITS.maxChanges)), new CanvasOperation(op.changes.slice(DEFAULT_LIMITS.maxChanges))]),
  // Pointers are board coordinates and selections ids: operations do not move them.
  transformSelection: (sel) => sel,
  opFromJSON: (json) => readOperation(json, DEFAULT_LIMITS),
  opToJSON: (op) => op.toJSON(),
  snapshotFromJSON: (json) => {
    if (json === null || typeof json !== 'object') throw new OtError('MALFORMED_SNAPSHOT', 'a canvas snapshot is {"objects":[...]}');
    return CanvasDoc.fromJSON(json, DEFAULT_LIMITS);
  },
  snapshotToJSON: (doc) => doc.toJSON(),
  selectionFromJSON,
  selectionToJSON,
});

export { keyOf };

registerType(canvasType);
