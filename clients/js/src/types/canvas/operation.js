// Canvas operations in the browser: a batch of changes applied atomically and in order
// (docs/CANVAS.md, "Operations"). A change is a plain frozen object with a `verb`:
//
//   { verb: 'create', id, kind, parent, index, props }   props: { name: value } in name order
//   { verb: 'delete', id }
//   { verb: 'set', id, prop, value }                     value null: unset
//   { verb: 'move', id, parent, index }                  parent null: the board itself
//   { verb: 'edit', id, prop, op }                       op: a TextOperation of text or name
//
// The constructors below check what does not depend on a document or on limits (ids, kinds,
// indexes, property types and ranges), as the Java Change records do: a change that exists is
// well formed.

import { OtError } from '../../ot/ot-error.js';
import { TextOperation } from '../../ot/text-operation.js';
import { checkId, checkKind, checkValue, checkEditable, typeOf } from './schema.js';
import { validateIndex } from './fractional-index.js';

/** Properties as stored: a frozen object with names in sorted order. */
export function makeProps(entries) {
  const sorted = Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out = {};
  for (const [k, v] of sorted) out[k] = v;
  return Object.freeze(out);
}

/** `props` with `name` set to `value`, or removed if `value` is null; still in name order. */
export function withProp(props, name, value) {
  if (value === null || value === undefined) {
    if (!Object.prototype.hasOwnProperty.call(props, name)) return props;
    const copy = { ...props };
    delete copy[name];
    return Object.freeze(copy);
  }
  if (Object.prototype.hasOwnProperty.call(props, name)) return Object.freeze({ ...props, [name]: value });
  return makeProps({ ...props, [name]: value });
}

export const propCount = (props) => Object.keys(props).length;
export const propOf = (props, name) => (Object.prototype.hasOwnProperty.call(props, name) ? props[name] : null);

export function createChange(id, kind, parent, index, props = {}) {
  checkId(id);
  checkKind(kind);
  if (parent !== null) checkId(parent);
  validateIndex(index);
  const checked = {};
  for (const [k, v] of Object.entries(props)) checked[k] = checkValue(k, v);
  return Object.freeze({ verb: 'create', id, kind, parent, index, props: makeProps(checked) });
}

export function deleteChange(id) {
  return Object.freeze({ verb: 'delete', id: checkId(id) });
}

export function setChange(id, prop, value) {
  checkId(id);
  if (value === null || value === undefined) {
    typeOf(prop);
    return Object.freeze({ verb: 'set', id, prop, value: null });
  }
  return Object.freeze({ verb: 'set', id, prop, value: checkValue(prop, value) });
}

export function moveChange(id, parent, index) {
  checkId(id);
  if (parent !== null) checkId(parent);
  validateIndex(index);
  return Object.freeze({ verb: 'move', id, parent, index });
}

export function editChange(id, prop, op) {
  checkId(id);
  checkEditable(prop);
  if (!(op instanceof TextOperation)) throw new OtError('MALFORMED_OPERATION', `edit of ${id}.${prop} without an op`);
  return Object.freeze({ verb: 'edit', id, prop, op });
}

/** A batch of changes, applied atomically and in order. Immutable. */
export class CanvasOperation {
  /** @param {ReadonlyArray<any>} changes */
  constructor(changes) {
    this.changes = Object.freeze([...changes]);
  }

  static of(...changes) {
    return new CanvasOperation(changes);
  }

  get size() { return this.changes.length; }

  isEmpty() { return this.changes.length === 0; }

  /** This batch followed by `next`, as one batch. */
  then(next) {
    if (next.isEmpty()) return this;
    if (this.isEmpty()) return next;
    return new CanvasOperation([...this.changes, ...next.changes]);
  }

  /** The wire form, {"changes": [...]} (docs/CANVAS.md). */
  toJSON() {
    return { changes: this.changes.map(changeToJSON) };
  }

  toString() {
    return JSON.stringify(this.toJSON());
  }
}

CanvasOperation.EMPTY = new CanvasOperation([]);

export function changeToJSON(c) {
  switch (c.verb) {
    case 'create': {
      const out = { create: c.id, kind: c.kind, parent: c.parent, index: c.index };
      if (Object.keys(c.props).length > 0) out.props = propsToJSON(c.props);
      return out;
    }
    case 'delete': return { delete: c.id };
    case 'set': return { set: c.id, prop: c.prop, value: valueToJSON(c.value) };
    case 'move': return { move: c.id, parent: c.parent, index: c.index };
    default: return { edit: c.id, prop: c.prop, op: c.op.toJSON() };
  }
}

export function propsToJSON(props) {
  const out = {};
  for (const [k, v] of Object.entries(props)) out[k] = valueToJSON(v);
  return out;
}

const valueToJSON = (v) => (Array.isArray(v) ? [...v] : v);
