// The CodeMirror 6 binding: bindCodeMirror(doc, view) shows a text document in an EditorView
// and keeps them in step; the binding's destroy() removes everything it added. The view's
// own configuration (language, line numbers, theme) stays the application's. Undo (Ctrl/Cmd+Z,
// Ctrl+Y, Ctrl/Cmd+Shift+Z) takes back only the person's own edits, ahead of CodeMirror's history.
//
// It imports `@codemirror/state` and `@codemirror/view` by name, so that it shares the
// application's copies (CodeMirror needs exactly one of each); a page without a bundler maps the
// names to the vendored build with an import map (see the package README).

import { Annotation, Compartment, EditorSelection, EditorState, Prec, StateEffect, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { Emitter } from '../../util/emitter.js';
import { Selection } from '../../ot/selection.js';
import { TextBinding } from '../text-binding.js';
import { injectCaretStyles } from '../caret-styles.js';
import { peersField, setPeers } from './carets.js';
import { changesToOperation, hasAstral, operationToChanges, toCodePoint, toUtf16 } from './positions.js';

const LABEL_MS = 4000; // show the name flag this long after a caret moved or its owner typed

/** Marks the transactions the binding makes itself (remote edits, snapshots, undo). */
const fromBinding = Annotation.define();

/** The EditorView as an editor adapter for TextBinding (see ../text-binding.js). */
export class CodeMirrorAdapter extends Emitter {
  constructor(view) {
    super();
    this.view = view;
    this.astral = hasAstral(view.state.doc.toString());
    this.readOnly = new Compartment();
    this.compartment = new Compartment();
    this.lastPeers = '';
    this.peersQueued = null;
    this.lastSelection = undefined;
    view.dispatch({ effects: StateEffect.appendConfig.of(this.compartment.of(this.extensions())) });
  }

  extensions() {
    return [
      peersField,
      this.readOnly.of(EditorState.readOnly.of(false)),
      // Ahead of any keymap (CodeMirror's history among them): the same keys as the textarea's.
      Prec.highest(EditorView.domEventHandlers({
        keydown: (e) => {
          const mod = e.ctrlKey || e.metaKey;
          if (!mod || e.altKey) return false;
          const key = e.key.toLowerCase();
          const which = key === 'z' && !e.shiftKey ? 'undo'
            : (key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey && !e.metaKey) ? 'redo' : null;
          if (!which) return false;
          e.preventDefault();
          this.emit(which);
          return true;
        },
      })),
      EditorView.domEventHandlers({
        compositionstart: () => { this.emit('compositionstart'); },
        compositionend: () => { this.emit('compositionend'); },
        beforeinput: (e) => {
          if (e.inputType !== 'historyUndo' && e.inputType !== 'historyRedo') return false;
          e.preventDefault();
          this.emit(e.inputType === 'historyUndo' ? 'undo' : 'redo');
          return true;
        },
      }),
      EditorView.updateListener.of((update) => this.onUpdate(update)),
    ];
  }

  onUpdate(update) {
    this.inUpdate = true;
    try {
      this.readUpdate(update);
    } finally {
      this.inUpdate = false;
    }
  }

  readUpdate(update) {
    for (const tr of update.transactions) {
      if (!tr.docChanged || tr.annotation(fromBinding)) continue;
      tr.changes.iterChanges((fa, ta, fb, tb, inserted) => {
        if (!this.astral && hasAstral(inserted.toString())) this.astral = true;
      });
      const op = changesToOperation(tr.changes, tr.startState.doc, this.astral);
      const inverse = changesToOperation(tr.changes.invert(tr.startState.doc), tr.state.doc, this.astral);
      this.emit('change', { op, inverse });
    }
    if (update.docChanged || update.selectionSet || update.focusChanged) this.reportSelection();
  }

  reportSelection() {
    const sel = this.getSelection();
    const key = sel ? `${sel.anchor},${sel.head}` : null;
    if (key === this.lastSelection) return;
    this.lastSelection = key;
    this.emit('selection', sel);
  }

  getText() {
    return this.view.state.doc.toString();
  }

  /** Code points in the document, without walking it when it has no astral character. */
  codePointLength() {
    return this.astral ? toCodePoint(this.view.state.doc, this.view.state.doc.length, true) : this.view.state.doc.length;
  }

  setText(text) {
    const state = this.view.state;
    const sel = this.getSelection();
    this.astral = hasAstral(text);
    const spec = { changes: { from: 0, to: state.doc.length, insert: text }, annotations: [fromBinding.of(true), Transaction.addToHistory.of(false)] };
    this.dispatchSafely(spec);
    if (sel) this.select(sel, false);
  }

  applyRemote(op) {
    const state = this.view.state;
    for (const c of op.ops) if (typeof c === 'string' && !this.astral && hasAstral(c)) this.astral = true;
    const changes = state.changes(operationToChanges(op, state.doc, this.astral));
    this.dispatchSafely({
      changes,
      // Our caret stays before text someone else typed right at it; a selection does not grow.
      selection: state.selection.map(changes, -1),
      annotations: [fromBinding.of(true), Transaction.addToHistory.of(false), Transaction.remote.of(true)],
    });
  }

  /** The person's own edit made by the binding (undo, redo): applied like typing, caret after it. */
  applyLocal(op, caret) {
    const state = this.view.state;
    for (const c of op.ops) if (typeof c === 'string' && !this.astral && hasAstral(c)) this.astral = true;
    const changes = state.changes(operationToChanges(op, state.doc, this.astral));
    const doc = changes.apply(state.doc);
    const [at] = toUtf16(doc, [caret], this.astral);
    this.dispatchSafely({
      changes, selection: EditorSelection.cursor(at), scrollIntoView: true,
      annotations: [fromBinding.of(true), Transaction.addToHistory.of(false), Transaction.userEvent.of('undo')],
    });
    this.reportSelection();
  }

  /** The person's selection in code points, or null when the editor is not focused. */
  getSelection() {
    if (!this.view.hasFocus) return null;
    const { anchor, head } = this.view.state.selection.main;
    const doc = this.view.state.doc;
    if (!this.astral) return new Selection(anchor, head);
    return new Selection(toCodePoint(doc, anchor, true), anchor === head ? toCodePoint(doc, anchor, true) : toCodePoint(doc, head, true));
  }

  select(sel, scroll = true) {
    const doc = this.view.state.doc;
    const [anchor, head] = toUtf16(doc, [sel.anchor, sel.head], this.astral);
    this.dispatchSafely({ selection: EditorSelection.single(anchor, head), scrollIntoView: scroll, annotations: fromBinding.of(true) });
  }

  setReadOnly(readOnly) {
    if (this.isReadOnly === readOnly) return;
    this.isReadOnly = readOnly;
    this.dispatchSafely({ effects: this.readOnly.reconfigure(EditorState.readOnly.of(readOnly)) });
  }

  /** Draws other people's carets ({ client, user, sel, typing, movedAt, typingAt }). */
  showPeers(peers) {
    this.peersQueued = peers;
    if (this.peersFrame) return;
    // Never dispatch from inside an update (the binding calls this while handling one).
    this.peersFrame = true;
    queueMicrotask(() => {
      this.peersFrame = false;
      if (!this.peersQueued) return;
      const queued = this.peersQueued;
      this.peersQueued = null;
      this.drawPeers(queued);
    });
  }

  drawPeers(peers) {
    const doc = this.view.state.doc;
    const placed = peers.filter((p) => p.sel);
    const cps = placed.flatMap((p) => [p.sel.start(), p.sel.end(), p.sel.head]).map((cp) => Math.min(cp, Number.MAX_SAFE_INTEGER));
    const idx = toUtf16(doc, cps, this.astral).map((i) => Math.min(i, doc.length));
    const now = Date.now();
    const spec = placed.map((p, k) => ({
      client: p.client, from: idx[3 * k], to: idx[3 * k + 1], head: idx[3 * k + 2], color: p.user.color, name: p.user.name,
      labelled: Boolean(p.typing || now - Math.max(p.movedAt || 0, p.typingAt || 0) < LABEL_MS),
    }));
    const current = this.view.state.field(peersField, false);
    if (current && JSON.stringify(current.peers) === JSON.stringify(spec)) return;
    this.dispatchSafely({ effects: setPeers.of(spec) });
  }

  focus() {
    this.view.focus();
  }

  /** Dispatches now, or right after the update being handled (CodeMirror forbids nested updates). */
  dispatchSafely(spec) {
    if (this.inUpdate) queueMicrotask(() => this.view.dispatch(spec));
    else this.view.dispatch(spec);
  }

  destroy() {
    this.view.dispatch({ effects: this.compartment.reconfigure([]) });
  }
}

/**
 * Shows `doc` (a text document) in the CodeMirror `view` and keeps them in step.
 * @param {import('../../document.js').TandemDocument} doc
 * @param {EditorView} view
 * @param {{ styles?: boolean }} [options] `styles`: add the default caret styles (default true)
 * @returns {TextBinding} with undo(), redo(), canUndo(), canRedo(), resetUndo(), focus(), destroy()
 */
export function bindCodeMirror(doc, view, { styles = true } = {}) {
  if (styles) injectCaretStyles(view.dom.ownerDocument);
  return new TextBinding(doc, new CodeMirrorAdapter(view));
}
