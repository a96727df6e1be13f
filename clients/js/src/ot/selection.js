// A selection as a person made it: `anchor` where it started, `head` where the caret is now,
// in code points. anchor == head is a plain caret. Twin of dev.tandem.ot.Selection.

import { Bias } from './text-operation.js';

export class Selection {
  constructor(anchor, head = anchor) {
    this.anchor = anchor;
    this.head = head;
  }

  static caret(position) {
    return new Selection(position, position);
  }

  /** From the wire form [anchor, head]; null stays null (no caret shown). */
  static fromJSON(pair) {
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every(Number.isInteger)) return null;
    return new Selection(pair[0], pair[1]);
  }

  toJSON() {
    return [this.anchor, this.head];
  }

  isCollapsed() { return this.anchor === this.head; }
  start() { return Math.min(this.anchor, this.head); }
  end() { return Math.max(this.anchor, this.head); }

  equals(other) {
    return other instanceof Selection && other.anchor === this.anchor && other.head === this.head;
  }

  /**
   * Moves this selection through `op`. A caret follows `caretBias`. A range keeps text typed
   * at its edges outside of it: its start moves after such text, its end stays before it.
   */
  transform(op, caretBias) {
    if (this.isCollapsed()) return Selection.caret(op.transformPosition(this.anchor, caretBias));
    const newStart = op.transformPosition(this.start(), Bias.AFTER);
    const newEnd = Math.max(newStart, op.transformPosition(this.end(), Bias.BEFORE));
    return this.anchor <= this.head ? new Selection(newStart, newEnd) : new Selection(newEnd, newStart);
  }
}
