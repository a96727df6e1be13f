// Transforms a canvas batch past a concurrent one (the Java core's CanvasTransform). Only text
// edits need it: everything else is decided by applying in the server's order (a set is
// last-writer-wins, a change to something gone is dropped), so it passes unchanged.
//
//   other:  edit s1.text [2,"ab"]        set s1.text "new"        delete s1 / create s1
//   op:     edit s1.text [2,"x"]         edit s1.text [2,"x"]     edit s1.text [2,"x"]
//   op':    edit s1.text [4,"x"]         (dropped: the set        (dropped: the text it
//           (or [2,"x",2] on the         replaced the text        was made for is gone)
//           left side)                   it was made for)
//
// An edit that follows a set, create or delete of its own object in `op` is made on `op`'s
// own value, which `other` never saw, and passes unchanged.

import { OtError } from '../../ot/ot-error.js';
import { TextOperation } from '../../ot/text-operation.js';
import { CanvasOperation, editChange } from './operation.js';

const keyOf = (id, prop) => `${id}\u0000${prop}`;

/** `op` past concurrent `other`; side 'left': `op`'s inserts go first where both insert at one place. */
export function transform(op, other, side) {
  const theirs = TextEffects.of(other);
  if (theirs.isEmpty()) return op;
  const ownIds = new Set();
  const ownProps = new Set();
  const out = [];
  let changed = false;
  for (const c of op.changes) {
    if (c.verb === 'create' || c.verb === 'delete') {
      ownIds.add(c.id);
      out.push(c);
    } else if (c.verb === 'set') {
      ownProps.add(keyOf(c.id, c.prop));
      out.push(c);
    } else if (c.verb === 'edit') {
      const key = keyOf(c.id, c.prop);
      if (ownIds.has(c.id) || ownProps.has(key)) {
        out.push(c);
      } else if (!theirs.isReset(c.id, c.prop)) {
        const moved = theirs.transformPast(key, c.op, side);
        out.push(moved === c.op ? c : editChange(c.id, c.prop, moved));
        changed ||= moved !== c.op;
      } else {
        changed = true; // dropped: the text it was made for was replaced
      }
    } else {
      out.push(c);
    }
  }
  return changed ? new CanvasOperation(out) : op;
}

// 'left': transform(a, b), a's inserts first; 'right': transform(b, a), b's inserts first.
function pair(a, b, side) {
  try {
    return side === 'left' ? TextOperation.transform(a, b) : TextOperation.transform(b, a);
  } catch (e) {
    throw new OtError('TRANSFORM_MISMATCH', `concurrent edits of one property: ${e.message}`);
  }
}

/**
 * What a batch does to text properties: those it replaces (a set, or its object created or
 * deleted) and, for the others, its edits of each in order. The edits are kept apart, not
 * composed: an edit is transformed past each in turn (and each past it), the grid of pairwise
 * transforms, so the result is the same whichever side is transformed.
 */
export class TextEffects {
  constructor() {
    this.resetIds = new Set();
    this.resetProps = new Set();
    /** @type {Map<string, TextOperation[]>} */
    this.edits = new Map();
  }

  static of(op) {
    const t = new TextEffects();
    for (const c of op.changes) {
      if (c.verb === 'create' || c.verb === 'delete') {
        t.resetIds.add(c.id);
      } else if (c.verb === 'set') {
        t.resetProps.add(keyOf(c.id, c.prop));
      } else if (c.verb === 'edit' && !t.isReset(c.id, c.prop)) {
        const key = keyOf(c.id, c.prop);
        if (!t.edits.has(key)) t.edits.set(key, []);
        t.edits.get(key).push(c.op);
      }
    }
    return t;
  }

  /**
   * `edit` of property `key` transformed past these edits of it (ties by `side`, for `edit`);
   * these edits become their transforms past `edit`, ready for the next edit of that property.
   */
  transformPast(key, edit, side) {
    const theirs = this.edits.get(key);
    if (!theirs) return edit;
    for (let i = 0; i < theirs.length; i++) {
      const p = pair(edit, theirs[i], side);
      edit = side === 'left' ? p.aPrime : p.bPrime;
      theirs[i] = side === 'left' ? p.bPrime : p.aPrime;
    }
    return edit;
  }

  isReset(id, prop) {
    return this.resetIds.has(id) || this.resetProps.has(keyOf(id, prop));
  }

  isEmpty() {
    return this.resetIds.size === 0 && this.resetProps.size === 0 && this.edits.size === 0;
  }
}

export { keyOf };
