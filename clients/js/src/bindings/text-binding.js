// What every editor binding of a `text` document does, whatever the editor: it shows the
// document in the editor (as the document's view), turns the person's edits into operations,
// keeps undo to the person's own edits (transformed past everyone else's), holds the server's
// messages back during an IME composition, reports the caret, and draws other people's carets.
//
// The editor itself is reached through an adapter (textarea/, codemirror/) with this shape:
//   getText(), setText(text), applyRemote(op), applyLocal(op, caret), getSelection(),
//   setReadOnly(flag), showPeers(peers), focus(), destroy();
//   events 'change' ({ op, inverse }), 'selection' (Selection | null), 'undo', 'redo',
//   'compositionstart', 'compositionend'.
// Positions are code points everywhere here; adapters convert from and to their editor's.

import { Emitter } from '../util/emitter.js';
import { UndoManager, caretAfter } from './undo-manager.js';
import { codePointLength } from '../ot/code-points.js';

const REDRAW_MS = 1000; // name flags fade a few seconds after a caret stops: redraw now and then

export class TextBinding extends Emitter {
  /**
   * @param {import('../document.js').TandemDocument} doc a document of type `text`
   * @param {any} adapter the editor adapter (see above)
   * @param {{ undo?: UndoManager, timers?: any }} [options]
   */
  constructor(doc, adapter, { undo = new UndoManager(), timers = globalThis } = {}) {
    super();
    if (doc.type.name !== 'text') throw new Error(`a text binding cannot show a document of type ${doc.type.name}`);
    this.doc = doc;
    this.adapter = adapter;
    this.undoManager = undo;
    this.timers = timers;
    this.composing = false;
    this.detachView = doc.attach({
      getSnapshot: () => adapter.getText(),
      setSnapshot: (text) => {
        adapter.setText(text);
        this.undoManager.reset(); // the edits it held were made on another text
        this.changed();
      },
      applyOperation: (op) => adapter.applyRemote(op),
    });
    this.offs = [
      doc.on('remote', (op) => {
        this.undoManager.transform(op);
        this.changed();
      }),
      doc.on('peers', () => this.showPeers()),
      doc.on('change', () => adapter.setReadOnly(!doc.canEdit)),
      adapter.on('change', ({ op, inverse }) => this.onLocalChange(op, inverse)),
      adapter.on('selection', (sel) => doc.setSelection(sel)),
      adapter.on('undo', () => this.undo()),
      adapter.on('redo', () => this.redo()),
      adapter.on('compositionstart', () => {
        // Changing the editor would break the composition: hold the server's messages back.
        if (!this.composing) doc.pauseRemote();
        this.composing = true;
      }),
      adapter.on('compositionend', () => {
        if (this.composing) doc.resumeRemote();
        this.composing = false;
      }),
    ];
    this.redraw = timers.setInterval(() => { if (doc.peers.length > 0) this.showPeers(); }, REDRAW_MS);
    adapter.setReadOnly(!doc.canEdit);
    this.showPeers();
  }

  onLocalChange(op, inverse) {
    if (!this.doc.canEdit) {
      // Not loaded yet: the editor is read-only, this is a safety net.
      this.adapter.applyLocal(inverse, caretAfter(inverse));
      return;
    }
    this.undoManager.recordInverse(op, inverse);
    this.doc.submitOp(op);
    this.changed();
  }

  /**
   * Applies `op`, made on the text as the editor shows it now, as the person's own edit: the
   * editor shows it, it is sent like typing, and undo takes it back as one step (restoring an old
   * version is such an edit). Returns false while the document cannot be edited yet.
   */
  edit(op) {
    if (!this.doc.canEdit) return false;
    const text = this.adapter.getText();
    if (op.baseLength !== codePointLength(text)) {
      throw new RangeError(`the edit covers ${op.baseLength} code points; the text has ${codePointLength(text)}`);
    }
    const inverse = op.invert(text);
    this.adapter.applyLocal(op, caretAfter(op));
    this.undoManager.recordInverse(op, inverse, { group: false });
    this.doc.submitOp(op);
    this.changed();
    return true;
  }

  /** Puts the keyboard focus in the editor. */
  focus() {
    this.adapter.focus();
  }

  /** Code points in the document (cheap where the editor can tell without walking the text). */
  codePointLength() {
    return this.adapter.codePointLength ? this.adapter.codePointLength() : codePointLength(this.adapter.getText());
  }

  canUndo() { return this.undoManager.canUndo(); }
  canRedo() { return this.undoManager.canRedo(); }

  /** Takes back the person's last own edit (never someone else's); false if there is none. */
  undo() {
    return this.step('undo');
  }

  redo() {
    return this.step('redo');
  }

  step(which) {
    if (!this.doc.canEdit) return false;
    const text = this.adapter.getText();
    const op = which === 'undo' ? this.undoManager.undo(text) : this.undoManager.redo(text);
    if (!op) return false;
    this.adapter.applyLocal(op, caretAfter(op));
    this.doc.submitOp(op);
    this.changed();
    return true;
  }

  /** Forgets the undo history (the application replaced the text, say). */
  resetUndo() {
    this.undoManager.reset();
    this.emit('change');
  }

  changed() {
    this.showPeers();
    this.emit('change');
  }

  showPeers() {
    this.adapter.showPeers(this.doc.peers);
  }

  /** Detaches the editor: it keeps its text but no longer follows the document. */
  destroy() {
    this.timers.clearInterval(this.redraw);
    if (this.composing) this.doc.resumeRemote();
    this.offs.forEach((off) => off());
    this.detachView();
    this.adapter.showPeers([]);
    this.adapter.destroy();
    this.doc.setSelection(null);
  }
}
