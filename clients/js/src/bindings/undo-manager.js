// Undo and redo of the person's own edits only. Each stack holds inverse operations that apply
// to the current document; when someone else's edit arrives, both stacks are transformed past
// it (as in ot.js's UndoManager), so undo never takes back another person's typing.
//
// Quick runs of typing are grouped into one undo step, as editors do.

import { TextOperation } from '../ot/text-operation.js';
import { codePointLength } from '../ot/code-points.js';

export class UndoManager {
  constructor({ maxItems = 500, groupMs = 1000, now = () => Date.now() } = {}) {
    this.maxItems = maxItems;
    this.groupMs = groupMs;
    this.now = now;
    this.undoStack = [];
    this.redoStack = [];
    this.last = null; // { at, kind, end } of the last recorded edit, for grouping
  }

  canUndo() { return this.undoStack.length > 0; }
  canRedo() { return this.redoStack.length > 0; }

  /** The person made `op` on `before`. */
  record(op, before) {
    this.recordInverse(op, op.invert(before));
  }

  /**
   * The person made `op`, which `inverse` undoes (an editor that knows it saves a walk of the text).
   * With `{ group: false }` it is an undo step of its own, never joined with typing around it.
   */
  recordInverse(op, inverse, { group: mayGroup = true } = {}) {
    const shape = mayGroup ? shapeOf(op) : null;
    const now = this.now();
    const group = this.last && this.undoStack.length > 0 && shape && this.last.kind === shape.kind
      && now - this.last.at < this.groupMs && !shape.newline
      && (shape.start === this.last.end || (shape.kind === 'delete' && shape.end === this.last.end));
    if (group) {
      this.undoStack[this.undoStack.length - 1] = inverse.compose(this.undoStack[this.undoStack.length - 1]);
    } else {
      this.undoStack.push(inverse);
      if (this.undoStack.length > this.maxItems) this.undoStack.shift();
    }
    this.last = shape ? { at: now, kind: shape.kind, end: shape.end } : null;
    this.redoStack = [];
  }

  /** Forgets everything: the document was replaced (a snapshot from the server). */
  reset() {
    this.undoStack = [];
    this.redoStack = [];
    this.last = null;
  }

  /** Returns the operation that undoes the last own edit on `doc` (to apply as a local edit), or null. */
  undo(doc) {
    return this.step(this.undoStack, this.redoStack, doc);
  }

  redo(doc) {
    return this.step(this.redoStack, this.undoStack, doc);
  }

  step(from, to, doc) {
    const op = from.pop();
    if (!op) return null;
    to.push(op.invert(doc));
    this.last = null;
    return op;
  }

  /** Someone else's `op` was applied to the document. */
  transform(op) {
    this.undoStack = transformStack(this.undoStack, op);
    this.redoStack = transformStack(this.redoStack, op);
    if (this.last) {
      this.last.end = op.transformPosition(Math.min(this.last.end, op.baseLength), 'BEFORE');
    }
  }
}

function transformStack(stack, op) {
  const out = [];
  let other = op;
  for (let i = stack.length - 1; i >= 0; i--) {
    const { aPrime, bPrime } = TextOperation.transform(stack[i], other);
    if (!aPrime.isNoop()) out.push(aPrime);
    other = bPrime;
  }
  return out.reverse();
}

/**
 * A plain insert or delete at one place: { kind, start, end } in code points, where `end` is
 * the caret after it. Null for anything else (a replace, a multi-place edit).
 */
function shapeOf(op) {
  const parts = op.ops.filter((c) => !TextOperation.isRetain(c));
  if (parts.length !== 1) return null;
  const start = TextOperation.isRetain(op.ops[0]) ? op.ops[0] : 0;
  const c = parts[0];
  if (TextOperation.isInsert(c)) return { kind: 'insert', start, end: start + codePointLength(c), newline: c.includes('\n') };
  // A delete is grouped with the one before when the caret did not jump: Backspace (the caret
  // was at the end of the deleted text) or Delete (the caret stays at its start).
  return { kind: 'delete', start: start - c, end: start, newline: false };
}

/** Where to put the caret after applying `op`: just after its last change. */
export function caretAfter(op) {
  let pos = 0;
  let caret = null;
  for (const c of op.ops) {
    if (TextOperation.isRetain(c)) pos += c;
    else if (TextOperation.isInsert(c)) { pos += codePointLength(c); caret = pos; } else caret = pos;
  }
  return caret === null ? 0 : caret;
}
