// The binding of a rich-text document to a Quill 2 editor. Quill's text-change deltas are the
// document's operations as they are (both are Quill Deltas in UTF-16 units), so there is nothing
// to convert: the person's changes (source 'user') are submitted, the server's are applied with
// source 'api'. Besides that it does what the text bindings do:
//
// - undo and redo of the person's own changes only: Quill's history module with `userOnly`
//   records 'user' changes and transforms its stacks past every 'api' one;
// - IME: from Quill's composition-before-start to composition-end (after Quill has reported the
//   composed text) the document's messages are held back (doc.pauseRemote / resumeRemote);
// - Quill reports typing a moment after the DOM changed (a MutationObserver): before a server
//   message is handled, the document asks the view to flush, so it meets every keystroke;
// - the caret and selection go to the document's presence (throttled, with the typing flag, by
//   TandemDocument), other people's are drawn by ./carets.js; our own caret stays before text
//   someone else types right at it (Quill shifts it so for 'api' changes).

import { Emitter } from '../../util/emitter.js';
import { QuillCarets } from './carets.js';

const REDRAW_MS = 1000; // name flags fade a few seconds after a caret stops: redraw now and then

export class QuillBinding extends Emitter {
  /**
   * @param {import('../../document.js').TandemDocument} doc a document of type `rich-text`
   * @param {any} quill a Quill 2 editor with its history module
   * @param {{ timers?: any }} [options]
   */
  constructor(doc, quill, { timers = globalThis } = {}) {
    super();
    if (!doc.type || doc.type.name !== 'rich-text') {
      throw new Error(`a Quill binding shows rich-text documents, not ${doc.type ? doc.type.name : 'one of unknown type'}`);
    }
    const history = quill.getModule('history');
    if (!history) throw new Error("the Quill binding needs Quill's history module");
    // Undo only what this person did; everyone else's changes transform the stacks instead.
    history.options.userOnly = true;
    this.doc = doc;
    this.quill = quill;
    this.history = history;
    this.timers = timers;
    this.composing = false;
    this.selectionQueued = false;
    this.carets = new QuillCarets(quill);
    this.detachView = doc.attach({
      getSnapshot: () => quill.getContents(),
      setSnapshot: (delta) => {
        quill.setContents(delta, 'api');
        history.clear(); // the changes it held were made on another document
        this.changed();
      },
      applyOperation: (delta) => {
        quill.updateContents(delta, 'api');
      },
      flush: () => {
        if (!this.composing) quill.update('user');
      },
    });
    const onText = (delta, oldDelta, source) => this.onTextChange(delta, oldDelta, source);
    const onEditor = (name) => { if (name === 'selection-change') this.queueSelection(); };
    const onCompositionStart = () => {
      // Changing the editor now would break the composition: hold the server's messages back.
      if (!this.composing) doc.pauseRemote();
      this.composing = true;
    };
    const onCompositionEnd = () => {
      if (this.composing) {
        this.composing = false;
        doc.resumeRemote();
      }
    };
    const quillEvents = [['text-change', onText], ['editor-change', onEditor],
      ['composition-before-start', onCompositionStart], ['composition-end', onCompositionEnd]];
    for (const [event, fn] of quillEvents) quill.on(event, fn);
    this.offs = [
      () => { for (const [event, fn] of quillEvents) quill.off(event, fn); },
      doc.on('remote', () => {
        this.queueSelection(); // Quill moved our caret past (or before) their change
        this.changed();
      }),
      doc.on('peers', () => this.showPeers()),
      doc.on('change', () => this.setEditable(doc.canEdit)),
    ];
    this.redraw = timers.setInterval(() => { if (doc.peers.length > 0) this.showPeers(); }, REDRAW_MS);
    this.setEditable(doc.canEdit);
    this.showPeers();
  }

  onTextChange(delta, oldDelta, source) {
    if (source !== 'user') return;
    if (!this.doc.canEdit) {
      // Not loaded yet: the editor is read-only, this is a safety net.
      this.quill.updateContents(delta.invert(oldDelta), 'silent');
      return;
    }
    this.doc.submitOp(delta);
    this.queueSelection();
    this.changed();
  }

  /**
   * Reports the caret once the current change is done (never in the middle of the document
   * client's handling of a server message).
   */
  queueSelection() {
    if (this.selectionQueued) return;
    this.selectionQueued = true;
    queueMicrotask(() => {
      this.selectionQueued = false;
      if (this.destroyed) return;
      const range = this.quill.hasFocus() ? this.quill.getSelection() : null;
      this.doc.setSelection(range ? { anchor: range.index, head: range.index + range.length } : null);
    });
  }

  setEditable(editable) {
    if (this.editable === editable) return;
    this.editable = editable;
    this.quill.enable(editable);
  }

  /** Puts the keyboard focus in the editor. */
  focus() {
    this.quill.focus();
  }

  /** Characters in the document (UTF-16 units, without Quill's final newline). */
  length() {
    return this.quill.getLength() - 1;
  }

  /**
   * Applies `delta`, made on the document as the editor shows it now, as the person's own edit:
   * the editor shows it, it is sent like typing, and undo takes it back as one step (restoring an
   * old version is such an edit). The history is cut before and after, so the edit never joins
   * typing made just before or after it. Returns false while the document cannot be edited yet.
   * @param {any} delta a quill-delta Delta
   */
  edit(delta) {
    if (!this.doc.canEdit) return false;
    const length = this.quill.getLength();
    let covers = 0;
    for (const part of delta.ops) covers += typeof part.retain === 'number' ? part.retain : part.delete || 0;
    if (covers > length) throw new RangeError(`the edit covers ${covers} units; the document has ${length}`);
    this.history.cutoff();
    this.quill.updateContents(delta, 'user'); // text-change (source 'user'): recorded and submitted
    this.history.cutoff();
    return true;
  }

  canUndo() { return this.history.stack.undo.length > 0; }
  canRedo() { return this.history.stack.redo.length > 0; }

  /** Takes back the person's last own change (never someone else's); false if there is none. */
  undo() {
    if (!this.doc.canEdit || !this.canUndo()) return false;
    this.history.undo();
    return true;
  }

  redo() {
    if (!this.doc.canEdit || !this.canRedo()) return false;
    this.history.redo();
    return true;
  }

  /** Forgets the undo history (the application replaced the document, say). */
  resetUndo() {
    this.history.clear();
    this.emit('change');
  }

  changed() {
    this.showPeers();
    this.emit('change');
  }

  showPeers() {
    this.carets.show(this.doc.peers);
  }

  /** Detaches the editor: it keeps its content but no longer follows the document. */
  destroy() {
    this.destroyed = true;
    this.timers.clearInterval(this.redraw);
    if (this.composing) this.doc.resumeRemote();
    this.offs.forEach((off) => off());
    this.detachView();
    this.carets.destroy();
    this.quill.enable(true);
    this.doc.setSelection(null);
  }
}
