// A shared board: a TandemDocument of type `canvas` with a CanvasReplica as its view.
//
//   const doc = client.open('retro', { type: 'canvas' });
//   const board = bindCanvas(doc);
//   board.on('change', () => draw(board.view));           // a CanvasDoc: objects, children(parent)
//   board.edit([createChange('s1', 'sticky', null, indexBetween(null, null), { x: 10, y: 20, text: 'Hi' })]);
//   board.setPresence({ pointer: [x, y], selected: ['s1'] });   // sent at most 20 times a second
//   board.undo();
//
// The view is the server's state with our unacknowledged batches on top (the document's OT
// client keeps and transforms them; the replica puts them back after every server batch), so
// our own values mask the server's until acknowledged and a dragged shape never jumps back.
// Undo and redo follow Figma's rule: only our changes, never over what others did since.
//
// Events: 'change' ({ local }): the view changed (local: by this person), 'reset': the view was
// replaced by a snapshot (undo history cleared).

import { Emitter } from '../../util/emitter.js';
import { canvasType, CanvasDoc, CanvasOperation, CanvasReplica } from '../../types/canvas/index.js';

export class CanvasBinding extends Emitter {
  /** @param {import('../../document.js').TandemDocument} doc a document of type canvas */
  constructor(doc) {
    super();
    if (doc.type.name !== canvasType.name) throw new Error(`bindCanvas needs a canvas document, not ${doc.type.name}`);
    this.doc = doc;
    this.replica = new CanvasReplica(new CanvasDoc(canvasType.limits), 0);
    this.presence = { pointer: null, selected: [] };
    this.detach = doc.attach(this);
    this.offs = [
      doc.on('peers', () => this.emit('peers', doc.peers)),
    ];
  }

  /** What the person sees: a CanvasDoc. Read it; change it only through edit(). */
  get view() { return this.replica.view; }

  /** True once the board has a known revision (online or from this device's copy). */
  get canEdit() { return this.doc.canEdit; }

  get peers() { return this.doc.peers; }

  // ---- the document's view (TandemDocument.attach) ----

  getSnapshot() { return this.replica.view; }

  setSnapshot(snapshot) {
    this.replica = new CanvasReplica(snapshot.copy(), 0);
    this.emit('reset');
    this.emit('change', { local: false });
  }

  /** Not used for a rebaseView type (DocSync calls rebase); kept for the view interface. */
  applyOperation(op) {
    this.replica.view.apply(op);
    this.emit('change', { local: false });
  }

  rebase(committed, pending, theirs) {
    this.replica.rebase(committed, pending, theirs);
    this.emit('change', { local: false });
  }

  // ---- the person's changes ----

  /**
   * Makes a batch of changes (createChange, setChange... of @tandem/client/types/canvas): applies
   * it to the view and sends it. `typing: true` for typing into a text (others see "typing");
   * `mergeUndo: true` for the later steps of one gesture (a drag, a resize, a run of typing),
   * which then undo together. Returns the batch as the view took it (changes to objects that
   * are gone are dropped).
   */
  edit(changes, { typing = false, mergeUndo = false } = {}) {
    if (!this.doc.canEdit) throw new Error('the board is not loaded yet');
    const op = changes instanceof CanvasOperation ? changes : new CanvasOperation(changes);
    if (op.isEmpty()) return op;
    const applied = this.replica.edit(op, { mergeUndo });
    this.doc.submitOp(op, { typing });
    this.emit('change', { local: true });
    return applied;
  }

  canUndo() { return this.replica.canUndo(); }

  canRedo() { return this.replica.canRedo(); }

  /** Undoes this person's newest change where it still shows; returns whether anything changed. */
  undo() {
    return this.replay(this.replica.undo());
  }

  redo() {
    return this.replay(this.replica.redo());
  }

  replay(parts) {
    for (const part of parts) this.doc.submitOp(part, { typing: false });
    this.emit('change', { local: true });
    return parts.length > 0;
  }

  // ---- presence ----

  /** Where the pointer is on the board ([x, y] or null) and what is selected (ids). */
  setPresence({ pointer = this.presence.pointer, selected = this.presence.selected } = {}) {
    this.presence = { pointer: pointer ? [pointer[0], pointer[1]] : null, selected: [...selected] };
    this.doc.setSelection(this.presence);
  }

  destroy() {
    this.offs.forEach((off) => off());
    this.detach();
  }
}

/** Shows canvas document `doc` in a board model; see CanvasBinding. */
export function bindCanvas(doc) {
  return new CanvasBinding(doc);
}
