// The textarea binding: a plain <textarea> (native input, IME, spell checking, accessibility)
// showing a text document, with other people's carets drawn in a mirror element laid exactly
// over it. bindTextarea(doc, textarea) attaches; the binding's destroy() detaches.

import { TextBinding } from '../text-binding.js';
import { TextareaEditor } from './textarea-editor.js';
import { CaretOverlay } from './caret-overlay.js';
import { injectCaretStyles } from '../caret-styles.js';

/** The textarea and its mirror as one editor adapter for TextBinding. */
class TextareaAdapter extends TextareaEditor {
  constructor(textarea, mirror) {
    super(textarea);
    this.overlay = new CaretOverlay(mirror);
    this.peers = [];
    /** @type {HTMLElement | null} the mirror made by bindTextarea, removed with the binding */
    this.ownMirror = null;
    this.on('reveal', () => this.overlay.reveal());
  }

  showPeers(peers) {
    this.peers = peers;
    const ta = this.textarea;
    this.overlay.update(this.value, peers, document.activeElement === ta ? ta.selectionEnd : null);
  }

  applyRemote(op) {
    super.applyRemote(op);
    this.showPeers(this.peers);
  }

  destroy() {
    super.destroy();
    if (this.ownMirror) this.ownMirror.remove();
  }
}

/**
 * Shows `doc` (a text document) in `textarea` and keeps them in step.
 * @param {import('../../document.js').TandemDocument} doc
 * @param {HTMLTextAreaElement} textarea
 * @param {{ mirror?: HTMLElement, styles?: boolean }} [options] `mirror`: an element with the
 *   textarea's exact text metrics laid over it (made here when absent); `styles`: add the default
 *   caret styles (default true)
 * @returns {TextBinding} with undo(), redo(), canUndo(), canRedo(), resetUndo(), destroy()
 */
export function bindTextarea(doc, textarea, { mirror = null, styles = true } = {}) {
  if (styles) injectCaretStyles(document);
  const own = mirror ? null : makeMirror(textarea);
  const adapter = new TextareaAdapter(textarea, mirror || own);
  adapter.ownMirror = own;
  return new TextBinding(doc, adapter);
}

/** A mirror over the textarea with its metrics, for pages that did not lay one out themselves. */
function makeMirror(textarea) {
  const mirror = document.createElement('div');
  mirror.setAttribute('aria-hidden', 'true');
  mirror.className = 'tandem-mirror';
  const cs = getComputedStyle(textarea);
  for (const p of ['font', 'letterSpacing', 'lineHeight', 'tabSize', 'padding', 'borderWidth', 'borderStyle', 'boxSizing', 'textAlign', 'wordSpacing', 'textIndent']) {
    mirror.style[p] = cs[p];
  }
  Object.assign(mirror.style, {
    position: 'absolute', color: 'transparent', borderColor: 'transparent', pointerEvents: 'none', userSelect: 'none',
    whiteSpace: 'pre-wrap', overflowWrap: 'break-word', overflow: 'hidden', margin: '0', zIndex: '1',
  });
  const place = () => {
    Object.assign(mirror.style, {
      left: `${textarea.offsetLeft}px`, top: `${textarea.offsetTop}px`,
      width: `${textarea.offsetWidth}px`, height: `${textarea.offsetHeight}px`,
    });
    mirror.scrollTop = textarea.scrollTop;
  };
  const parent = textarea.offsetParent || textarea.parentElement;
  if (parent && getComputedStyle(parent).position === 'static') parent.style.position = 'relative';
  textarea.after(mirror);
  place();
  textarea.addEventListener('scroll', place);
  new ResizeObserver(place).observe(textarea);
  return mirror;
}
