// Typing into a sticky note or a text box: a <textarea> laid over the note, whose changes go to
// the board as text edits of the note's `text` property (code points, the SDK's TextOperation),
// so two people typing into one note merge character by character. Others' typing reaches the
// textarea without moving the caret past text inserted before it. During an IME composition the
// board's incoming messages are held back (TandemDocument.pauseRemote), as the text bindings do.

import { diffToOperation, changedRange } from '/sdk/src/bindings/textarea/text-diff.js';
import { editChange } from '/sdk/src/types/canvas/index.js';
import { prop, boundsOf } from './board-edits.js';

const TYPING_RUN_MS = 1500; // keystrokes closer than this undo together

export class NoteEditor {
  /**
   * @param {HTMLTextAreaElement} textarea positioned in the stage
   * @param {import('/sdk/src/bindings/canvas/index.js').CanvasBinding} board
   * @param {import('./camera.js').Camera} camera
   * @param {{ onClose: () => void, onUndo: (redo: boolean) => void }} hooks
   */
  constructor(textarea, board, camera, { onClose, onUndo }) {
    this.textarea = textarea;
    this.board = board;
    this.camera = camera;
    this.onClose = onClose;
    this.id = null;
    this.composing = false;
    this.lastEditAt = 0;
    textarea.addEventListener('input', () => { if (!this.composing) this.commit(); });
    textarea.addEventListener('compositionstart', () => {
      this.composing = true;
      this.board.doc.pauseRemote();
    });
    textarea.addEventListener('compositionend', () => {
      this.composing = false;
      this.commit();
      this.board.doc.resumeRemote();
    });
    textarea.addEventListener('keydown', (e) => {
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      } else if (mod && (e.key === 'z' || e.key === 'Z' || e.key === 'y')) {
        // The browser's own undo would take back others' characters too.
        e.preventDefault();
        onUndo(e.key === 'y' || e.shiftKey);
      }
      e.stopPropagation();
    });
    textarea.addEventListener('blur', () => { if (this.id) this.close(); });
  }

  get open() { return this.id !== null; }

  /** Starts typing into note `id`, the caret at the end. */
  start(id) {
    if (this.id === id) return;
    if (this.id) this.close();
    this.id = id;
    this.lastEditAt = 0;
    this.textarea.value = this.text();
    this.textarea.hidden = false;
    this.place();
    this.textarea.focus();
    this.textarea.setSelectionRange(this.textarea.value.length, this.textarea.value.length);
  }

  close() {
    if (!this.id) return;
    if (this.composing) {
      this.composing = false;
      this.board.doc.resumeRemote();
    }
    this.commit();
    this.id = null;
    this.textarea.hidden = true;
    this.textarea.blur();
    this.onClose();
  }

  text() {
    const o = this.board.view.get(this.id);
    return o ? prop(o, 'text') || '' : '';
  }

  /** What the person typed since the last time, as one edit of the note's text. */
  commit() {
    if (!this.id || !this.board.view.has(this.id)) return;
    const before = this.text();
    const after = this.textarea.value;
    const op = diffToOperation(before, after, this.textarea.selectionEnd);
    if (!op) return;
    const now = Date.now();
    this.board.edit([editChange(this.id, 'text', op)], { typing: true, mergeUndo: now - this.lastEditAt < TYPING_RUN_MS });
    this.lastEditAt = now;
  }

  /** The board changed: follow the note's text (others' typing), its place and size. */
  refresh() {
    if (!this.id) return;
    if (!this.board.view.has(this.id)) {
      this.close(); // someone deleted it
      return;
    }
    if (!this.composing) {
      const now = this.text();
      const shown = this.textarea.value;
      if (now !== shown) {
        const { start, deleted, inserted } = changedRange(shown, now);
        const move = (i) => (i <= start ? i : i >= start + deleted ? i + inserted - deleted : start + inserted);
        const [a, b] = [move(this.textarea.selectionStart), move(this.textarea.selectionEnd)];
        this.textarea.value = now;
        this.textarea.setSelectionRange(a, b);
      }
    }
    this.place();
  }

  place() {
    const o = this.board.view.get(this.id);
    if (!o) return;
    const b = boundsOf(o);
    const z = this.camera.zoom;
    const [sx, sy] = this.camera.toScreen(b.x, b.y);
    const s = this.textarea.style;
    s.left = `${sx}px`;
    s.top = `${sy}px`;
    s.width = `${b.w * z}px`;
    s.height = `${b.h * z}px`;
    s.fontSize = `${(prop(o, 'fontSize') || 20) * z}px`;
    s.padding = `${10 * z}px`;
    s.textAlign = prop(o, 'align') || (o.kind === 'sticky' ? 'center' : 'left');
    s.background = o.kind === 'sticky' ? prop(o, 'fill') : 'transparent';
    s.color = o.kind === 'text' ? prop(o, 'fill') : '#1d2130';
    this.textarea.dataset.kind = o.kind;
  }
}
