// The editor adapter for a <textarea>: turns what the person types into operations, applies
// other people's operations without disturbing the caret, and reports the selection. Positions
// leave here in code points; the browser's UTF-16 offsets never escape this file.
//
// Events: 'change' ({ op, before, inverse }) for the person's edits; 'selection' (Selection | null
// when the textarea loses focus); 'undo' and 'redo' (the shortcuts and the browser's own
// Undo/Redo menu items, which are intercepted: the native undo would undo other people's text);
// 'compositionstart' and 'compositionend' (an IME composition began, finished).

import { Emitter } from '../../util/emitter.js';
import { Selection } from '../../ot/selection.js';
import { Bias, TextOperation } from '../../ot/text-operation.js';
import { toCodePointIndex, toUtf16Indices, offsetByCodePoints } from '../../ot/code-points.js';
import { diffToOperation } from './text-diff.js';

export class TextareaEditor extends Emitter {
  constructor(textarea) {
    super();
    this.textarea = textarea;
    this.value = textarea.value;
    this.composing = false;
    this.applying = false; // an edit made by this code, not the person, is under way
    this.lastSelection = null;
    this.listen();
  }

  getText() {
    return this.value;
  }

  /** Replaces the whole text (a snapshot), keeping the caret where it was in code points. */
  setText(text) {
    const sel = this.getSelection();
    this.value = text;
    this.textarea.value = text;
    if (sel) {
      const len = [...text].length;
      this.setSelection(new Selection(Math.min(sel.anchor, len), Math.min(sel.head, len)));
    }
  }

  /** Applies someone else's operation; our caret stays before text typed right at it. */
  applyRemote(op) {
    const sel = this.getSelection();
    const before = this.value;
    const splices = splicesOf(op, before);
    const ta = this.textarea;
    if (!this.spliceNatively(splices)) {
      for (let i = splices.length - 1; i >= 0; i--) {
        const s = splices[i];
        ta.setRangeText(s.text, s.start, s.end, 'preserve');
      }
    }
    this.value = op.apply(before);
    if (ta.value !== this.value) ta.value = this.value; // a browser that mangled the splices
    if (sel) this.setSelection(sel.transform(op, Bias.BEFORE), false);
  }

  /** The person's selection in code points, or null when the editor is not focused. */
  getSelection() {
    const ta = this.textarea;
    if (typeof document !== 'undefined' && document.activeElement !== ta) return null;
    const start = toCodePointIndex(this.value, ta.selectionStart);
    const end = ta.selectionStart === ta.selectionEnd ? start : toCodePointIndex(this.value, ta.selectionEnd);
    return ta.selectionDirection === 'backward' ? new Selection(end, start) : new Selection(start, end);
  }

  setSelection(sel, reveal = true) {
    const [a, h] = toUtf16Indices(this.value, [sel.anchor, sel.head]);
    const backward = h < a;
    this.textarea.setSelectionRange(Math.min(a, h), Math.max(a, h), backward ? 'backward' : 'forward');
    if (reveal) this.revealCaret();
  }

  setReadOnly(readOnly) {
    this.textarea.readOnly = readOnly;
  }

  focus() {
    this.textarea.focus({ preventScroll: true });
  }

  /** Scrolls the page so that the caret is visible (the textarea grows; the page scrolls). */
  revealCaret() {
    this.emit('reveal');
  }

  listen() {
    const ta = this.textarea;
    const on = (target, type, fn) => {
      target.addEventListener(type, fn);
      this.unlisten.push(() => target.removeEventListener(type, fn));
    };
    this.unlisten = [];
    on(ta, 'input', () => {
      if (!this.composing && !this.applying) this.readInput();
    });
    on(ta, 'compositionstart', () => {
      this.composing = true;
      this.emit('compositionstart');
    });
    on(ta, 'compositionend', () => {
      this.composing = false;
      this.readInput();
      this.emit('compositionend');
    });
    on(ta, 'beforeinput', (e) => {
      if (e.inputType === 'historyUndo' || e.inputType === 'historyRedo') {
        e.preventDefault();
        this.emit(e.inputType === 'historyUndo' ? 'undo' : 'redo');
      }
    });
    on(ta, 'keydown', (e) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        this.emit('undo');
      } else if ((key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey && !e.metaKey)) {
        e.preventDefault();
        this.emit('redo');
      }
    });
    const selectionChanged = () => this.reportSelection();
    on(document, 'selectionchange', () => {
      if (document.activeElement === ta) selectionChanged();
    });
    for (const type of ['select', 'keyup', 'mouseup', 'focus']) on(ta, type, selectionChanged);
    on(ta, 'blur', () => {
      this.lastSelection = null;
      this.emit('selection', null);
    });
  }

  /** Stops listening to the textarea. */
  destroy() {
    this.unlisten.forEach((off) => off());
    this.unlisten = [];
  }

  readInput() {
    const after = this.textarea.value;
    const before = this.value;
    if (after === before) return;
    const op = diffToOperation(before, after, this.textarea.selectionEnd);
    this.value = after;
    this.emit('change', { op, before, inverse: op.invert(before) });
    this.reportSelection();
  }

  reportSelection() {
    const sel = this.getSelection();
    if (sel && this.lastSelection && sel.equals(this.lastSelection)) return;
    this.lastSelection = sel;
    this.emit('selection', sel);
  }

  /**
   * Makes the splices ([{ start, end, text }], UTF-16, in order) the way typing does, through the
   * browser's editing commands, when the textarea has the focus; false (nothing done) otherwise.
   * Why: setRangeText and value replace the textarea's whole text, which the browser then lays
   * out again from scratch: about 185 ms in a 1 MB document in Chromium, against 9 ms for the
   * same insertion as an editing command, which changes the text in place. The commands' input
   * events are not the person's (this.applying), and the textarea's own scroll position is kept.
   */
  spliceNatively(splices) {
    const ta = this.textarea;
    if (typeof document === 'undefined' || typeof document.execCommand !== 'function' || document.activeElement !== ta || this.composing) return false;
    const scrolled = [ta.scrollTop, ta.scrollLeft];
    this.applying = true;
    let done = 0;
    try {
      for (let i = splices.length - 1; i >= 0; i--, done++) {
        const s = splices[i];
        ta.setSelectionRange(s.start, s.end);
        const ok = s.text ? document.execCommand('insertText', false, s.text) : document.execCommand('delete');
        if (!ok) break;
      }
    } finally {
      this.applying = false;
    }
    if (done < splices.length) {
      // Refused part way (a browser without the commands here): the caller's fallback sets the value.
      this.textarea.value = this.value;
      return false;
    }
    // A textarea that scrolls inside keeps its place (a command scrolls it to where it edited);
    // the page around it is left to the browser, whose scroll anchoring keeps the person's lines
    // where they are on the screen when text above them grows or shrinks.
    if (ta.scrollTop !== scrolled[0]) ta.scrollTop = scrolled[0];
    if (ta.scrollLeft !== scrolled[1]) ta.scrollLeft = scrolled[1];
    return true;
  }

  /** The person's own edit, made by the page (undo, redo): applied like typing. */
  applyLocal(op, caret) {
    const before = this.value;
    const splices = splicesOf(op, before);
    if (!this.spliceNatively(splices)) {
      for (let i = splices.length - 1; i >= 0; i--) {
        const s = splices[i];
        this.textarea.setRangeText(s.text, s.start, s.end, 'end');
      }
    }
    this.value = op.apply(before);
    if (this.textarea.value !== this.value) this.textarea.value = this.value;
    this.setSelection(Selection.caret(caret));
    this.reportSelection();
    return before;
  }
}

/** The UTF-16 ranges an operation replaces in `text`: [{ start, end, text }] in order. */
export function splicesOf(op, text) {
  const out = [];
  let at = 0;
  for (const c of op.ops) {
    if (TextOperation.isRetain(c)) {
      at = offsetByCodePoints(text, at, c);
    } else if (TextOperation.isInsert(c)) {
      out.push({ start: at, end: at, text: c });
    } else {
      const end = offsetByCodePoints(text, at, -c);
      const last = out[out.length - 1];
      if (last && last.end === at && last.start === at) last.end = end; // insert-then-delete: one replace
      else out.push({ start: at, end, text: '' });
      at = end;
    }
  }
  return out;
}
