// A client's copy of a canvas, as Figma's and tldraw's clients keep one: the server's state with
// the client's own unacknowledged batches applied on top. The twin of the Java core's
// CanvasReplica; both replay the same seeded scenarios to the same views (canvas-vectors test).
//
//   view = server state (up to revision) + pending batches, oldest first
//
//   edit(op)        apply op to the view, keep it pending, record its undo entry
//   takeOutgoing()  the next batch to send (one in flight at a time), on revision
//   remote(rev, C)  take pending off, apply C, transform pending past C, put pending back
//   ack(rev, C)     take pending off, apply C (our batch as committed), put the rest back
//   rejected()      the in-flight batch leaves the view, with later text edits made on it
//
// Our own values therefore mask the server's for the same property until the server confirms
// them, so a shape being dragged never jumps back. Taking pending off and putting it back uses
// each batch's log, so a remote batch costs the size of the pending batches, not of the board.
//
// In the SDK a TandemDocument's OT client keeps the pending batches (in flight and buffered) and
// transforms them; there the replica is the document's view and `rebase(committed, pending,
// theirs)` is the one call it needs (see ../../bindings/canvas/).

import { OtError } from '../../ot/ot-error.js';
import { CanvasDoc } from './canvas-doc.js';
import { CanvasOperation } from './operation.js';
import { transform, keyOf } from './transform.js';
import { UndoHistory, entryOf, resolveStep } from './undo.js';

/** Undo entries kept. */
export const MAX_UNDO = 500;

export class CanvasReplica {
  /**
   * @param {CanvasDoc} doc the server's state at `revision` (the replica owns it from now on)
   * @param {number} [revision]
   */
  constructor(doc, revision = 0) {
    this.view = doc;
    this.limits = doc.limits;
    this.revision = revision;
    /** Our batches the server has not acknowledged: { op, log } (log null: the view could not take it). */
    this.pending = [];
    this.history = new UndoHistory(MAX_UNDO);
    this.inFlight = false;
  }

  hasPending() { return this.pending.length > 0; }

  /** The server's state as we know it, without our pending batches (O(size): for tests and tools). */
  serverSnapshot() {
    this.takeOffPending();
    try {
      return this.view.toJSON();
    } finally {
      this.putBackPending();
    }
  }

  /**
   * Makes a change of ours: applies it to the view and keeps it. Returns it as applied. With
   * `mergeUndo`, its undo entry joins that of our previous change (one gesture, one undo).
   */
  edit(op, { mergeUndo = false } = {}) {
    if (op.size > this.limits.maxChanges) {
      throw new OtError('BATCH_TOO_LARGE', `a batch has ${op.size} changes; the limit is ${this.limits.maxChanges}`);
    }
    const a = this.view.applyLogged(op);
    this.pending.push({ op, log: a.log });
    this.history.recorded(entryOf([a.log], a.op, this.view), mergeUndo);
    return a.op;
  }

  /** The next batch to send ({ base, op }), or null if one is in flight or nothing waits. */
  takeOutgoing() {
    if (this.inFlight || this.pending.length === 0) return null;
    const first = this.pending[0];
    while (this.pending.length > 1 && first.op.size + this.pending[1].op.size <= this.limits.maxChanges) {
      const next = this.pending.splice(1, 1)[0];
      first.op = first.op.then(next.op);
      // A batch the view could not take has no log (nothing to take off): count it as empty.
      first.log = [...(first.log || []), ...(next.log || [])];
    }
    this.inFlight = true;
    return { base: this.revision, op: first.op };
  }

  /** Revision `rev`, someone else's batch as committed. Throws if the stream is broken. */
  remote(rev, committed) {
    this.checkNext(rev);
    this.takeOffPending();
    this.applyCommitted(committed);
    this.revision = rev;
    let theirs = committed;
    for (const p of this.pending) {
      try {
        const mine = transform(p.op, theirs, 'left');
        theirs = transform(theirs, p.op, 'right');
        p.op = mine;
      } catch (e) {
        if (!(e instanceof OtError)) throw e;
        // Our batch has edits that do not fit (a bug of ours): the server will refuse it.
      }
    }
    this.putBackPending();
    this.history.transform(theirs);
  }

  /** Revision `rev`, our in-flight batch as the server committed it. */
  ack(rev, committed) {
    if (!this.inFlight) throw new Error('an acknowledgement with no batch in flight');
    this.checkNext(rev);
    this.takeOffPending();
    this.applyCommitted(committed);
    this.revision = rev;
    this.pending.shift();
    this.inFlight = false;
    this.putBackPending();
  }

  /** The server refused our in-flight batch: it leaves the view, with the text edits made on it. */
  rejected() {
    if (!this.inFlight) throw new Error('a rejection with no batch in flight');
    this.takeOffPending();
    const refused = this.pending.shift();
    this.inFlight = false;
    this.forgetEditsAfter(-1, refused.op);
    this.putBackPending();
  }

  /**
   * The SDK's one call (a TandemDocument whose OT client keeps the pending batches): the server's
   * state moved on by `committed` (someone else's batch, or ours as acknowledged; null: only
   * the pending batches changed), and our pending batches are now `pendingOps`, transformed by
   * the client. `theirs` is the committed batch transformed past them, which the undo stacks
   * fold in. The pending batches are put back on top; one that the view can no longer take
   * (a limit) stays out of the view, and the server decides.
   */
  rebase(committed, pendingOps, theirs = null) {
    this.takeOffPending();
    if (committed) this.applyCommitted(committed);
    this.pending = pendingOps.map((op) => ({ op, log: null }));
    for (const p of this.pending) {
      try {
        p.log = this.view.applyLogged(p.op).log;
      } catch (e) {
        if (!(e instanceof OtError)) throw e;
        p.log = null;
      }
    }
    if (theirs) this.history.transform(theirs);
  }

  canUndo() { return this.history.canUndo(); }

  canRedo() { return this.history.canRedo(); }

  /**
   * Undoes our newest change where it still shows. Returns the batches made (each pending like
   * an edit, within the batch limit; none if nothing was left to undo).
   */
  undo() {
    return this.replay(this.history.popUndo(), false);
  }

  /** Redoes the newest undone change, on the same terms as undo(). */
  redo() {
    return this.replay(this.history.popRedo(), true);
  }

  replay(entry, redoing) {
    if (!entry) return [];
    // Resolve step by step on the view, each seeing the steps before it, then take them back.
    const changes = [];
    const trial = [];
    try {
      for (const step of entry) {
        const c = resolveStep(step, this.view);
        if (c === null) {
          if (step.kind === 'restore') this.history.lineageBroken(step.id, step.prop, redoing);
          continue;
        }
        try {
          const a = this.view.applyLogged(CanvasOperation.of(c));
          trial.push(a.log);
          changes.push(...a.op.changes);
        } catch (e) {
          if (!(e instanceof OtError)) throw e;
          // a limit the document now meets (a full board): that step cannot be made
        }
      }
    } finally {
      for (let i = trial.length - 1; i >= 0; i--) this.view.rollback(trial[i]);
    }
    // Apply for real, in batches within the limit (recreating a large frame can exceed it).
    const logs = [];
    const applied = [];
    const parts = [];
    for (let from = 0; from < changes.length; from += this.limits.maxChanges) {
      const part = new CanvasOperation(changes.slice(from, from + this.limits.maxChanges));
      const a = this.view.applyLogged(part);
      this.pending.push({ op: part, log: a.log });
      logs.push(a.log);
      applied.push(...a.op.changes);
      parts.push(part);
    }
    const inverse = entryOf(logs, new CanvasOperation(applied), this.view);
    if (redoing) this.history.pushUndo(inverse);
    else this.history.pushRedo(inverse);
    return parts;
  }

  checkNext(rev) {
    if (rev !== this.revision + 1) throw new Error(`revision ${rev} after ${this.revision}: revisions must arrive in order`);
  }

  applyCommitted(committed) {
    const applied = this.view.apply(committed);
    if (applied.size !== committed.size) {
      throw new Error(`a committed batch did not apply as committed: ${committed} applied as ${applied}`);
    }
  }

  takeOffPending() {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const log = this.pending[i].log;
      if (log) this.view.rollback(log);
    }
  }

  putBackPending() {
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i];
      try {
        p.log = this.view.applyLogged(p.op).log;
      } catch (e) {
        if (!(e instanceof OtError)) throw e;
        // Others' work now makes this batch break a limit. Sent, the server decides; not sent,
        // it is refused here. Either way the later batches' text edits made on top of it may
        // not fit what the server will have, so they go.
        p.log = null;
        this.forgetEditsAfter(i, p.op);
        if (i > 0 || !this.inFlight) this.pending.splice(i--, 1);
      }
    }
  }

  // Drops the text edits of the batches after index i that were made on what op set or edited.
  forgetEditsAfter(i, op) {
    const keys = new Set();
    const ids = new Set();
    for (const c of op.changes) {
      if (c.verb === 'edit' || c.verb === 'set') keys.add(keyOf(c.id, c.prop));
      else if (c.verb === 'create' || c.verb === 'delete') ids.add(c.id);
    }
    this.history.forgetText(keys, ids);
    for (let j = i + 1; j < this.pending.length; j++) this.pending[j].op = withoutEditsOf(this.pending[j].op, keys, ids);
  }
}

function withoutEditsOf(op, keys, ids) {
  const kept = [];
  for (const c of op.changes) {
    if (c.verb === 'set') {
      keys.delete(keyOf(c.id, c.prop)); // our own value again: later edits fit it
    } else if (c.verb === 'create' || c.verb === 'delete') {
      ids.delete(c.id);
    } else if (c.verb === 'edit' && (ids.has(c.id) || keys.has(keyOf(c.id, c.prop)))) {
      continue;
    }
    kept.push(c);
  }
  return new CanvasOperation(kept);
}
