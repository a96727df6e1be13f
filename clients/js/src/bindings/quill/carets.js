// Other people's carets and selections over a Quill editor: a layer inside Quill's container
// (beside its contenteditable root, which Quill watches and must not be touched), with a caret
// and its owner's name at each head and tinted boxes over each selection, placed from Quill's
// own measurements (getBounds, and DOM ranges over the selected text). Redrawn when the peers,
// the text, the editor's scroll position or its size change.

const LABEL_MS = 4000; // show the name flag this long after a caret moved or its owner typed
const FLAG_ROOM_PX = 18; // a caret nearer the top than this shows its name below it

const CSS = `
:where(.tq-carets) { position: absolute; inset: 0; pointer-events: none; overflow: hidden; z-index: 1; }
:where(.tq-caret) { position: absolute; width: 2px; margin-left: -1px; background: var(--peer, #3949ab); }
:where(.tq-caret-flag) { position: absolute; left: 0; bottom: 100%; font: 600 11px/1.5 system-ui, sans-serif; color: #fff;
  background: var(--peer, #3949ab); padding: 0 6px; border-radius: 4px 4px 4px 0; white-space: nowrap; opacity: 0; }
:where(.tq-caret-flag-below .tq-caret-flag) { bottom: auto; top: 100%; border-radius: 0 4px 4px 4px; }
:where(.tq-caret-labelled .tq-caret-flag) { opacity: 1; }
:where(.tq-selection) { position: absolute; border-radius: 2px; }
`;

/** Adds the caret styles to `doc` once (zero specificity: a page's own rules win). */
export function injectQuillCaretStyles(doc) {
  if (doc.querySelector('style[data-tandem-quill-carets]')) return;
  const style = doc.createElement('style');
  style.dataset.tandemQuillCarets = '';
  style.textContent = CSS;
  doc.head.prepend(style);
}

/** `#rrggbb` as rgba() with the given opacity. */
export function tint(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Whether a peer's name shows: while typing, and for a few seconds after the caret moved. */
export function isLabelled(peer, now) {
  return Boolean(peer.typing || now - Math.max(peer.movedAt || 0, peer.typingAt || 0) < LABEL_MS);
}

export class QuillCarets {
  /** @param {any} quill a Quill 2 editor */
  constructor(quill) {
    this.quill = quill;
    this.peers = [];
    const doc = quill.root.ownerDocument;
    this.layer = doc.createElement('div');
    this.layer.className = 'tq-carets';
    this.layer.setAttribute('aria-hidden', 'true');
    quill.container.append(this.layer);
    this.redraw = this.redraw.bind(this);
    quill.root.addEventListener('scroll', this.redraw, { passive: true });
    const view = doc.defaultView;
    this.resize = view && view.ResizeObserver ? new view.ResizeObserver(() => this.redraw()) : null;
    if (this.resize) this.resize.observe(quill.root);
  }

  /** Draws `peers` ({ client, user: { name, color }, sel: { anchor, head } | null, typing, movedAt, typingAt }). */
  show(peers) {
    this.peers = peers;
    this.redraw();
  }

  redraw() {
    const q = this.quill;
    const last = q.getLength() - 1;
    const box = q.container.getBoundingClientRect();
    const now = Date.now();
    const parts = [];
    for (const p of this.peers) {
      if (!p.sel) continue;
      const clamp = (i) => Math.max(0, Math.min(i, last));
      const from = clamp(Math.min(p.sel.anchor, p.sel.head));
      const to = clamp(Math.max(p.sel.anchor, p.sel.head));
      const head = clamp(p.sel.head);
      for (const r of to > from ? this.rangeRects(from, to) : []) {
        parts.push(this.element('div', 'tq-selection', {
          left: r.left - box.left, top: r.top - box.top, width: r.width, height: r.height, background: tint(p.user.color, 0.28),
        }, { client: p.client }));
      }
      const b = q.getBounds(head, 0);
      if (!b) continue;
      const caret = this.element('div', `tq-caret${isLabelled(p, now) ? ' tq-caret-labelled' : ''}${b.top < FLAG_ROOM_PX ? ' tq-caret-flag-below' : ''}`,
        { left: b.left, top: b.top, height: b.height }, { client: p.client, index: String(head) });
      caret.style.setProperty('--peer', p.user.color);
      const flag = this.element('span', 'tq-caret-flag', {}, {});
      flag.textContent = p.user.name;
      caret.append(flag);
      parts.push(caret);
    }
    this.layer.replaceChildren(...parts);
  }

  element(tag, className, box, data) {
    const el = this.layer.ownerDocument.createElement(tag);
    el.className = className;
    for (const [k, v] of Object.entries(box)) el.style[k] = typeof v === 'number' ? `${v}px` : v;
    Object.assign(el.dataset, data);
    return el;
  }

  /** Screen boxes of the text between UTF-16 indexes `from` and `to`, one per line fragment. */
  rangeRects(from, to) {
    let native;
    try {
      native = this.quill.selection.rangeToNative({ index: from, length: to - from });
    } catch {
      return [];
    }
    const [startNode, startOffset, endNode, endOffset] = native;
    if (!startNode || !endNode) return [];
    const doc = this.quill.root.ownerDocument;
    const range = doc.createRange();
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    // Text nodes only: a range's own client rects include whole blocks it spans.
    const rects = [];
    const walker = doc.createTreeWalker(range.commonAncestorContainer, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.currentNode.nodeType === 3 ? walker.currentNode : walker.nextNode(); node; node = walker.nextNode()) {
      if (!range.intersectsNode(node)) continue;
      const part = doc.createRange();
      part.selectNodeContents(node);
      if (node === startNode) part.setStart(node, startOffset);
      if (node === endNode) part.setEnd(node, endOffset);
      for (const r of part.getClientRects()) if (r.width > 0 && r.height > 0) rects.push(r);
    }
    return rects;
  }

  destroy() {
    this.quill.root.removeEventListener('scroll', this.redraw);
    if (this.resize) this.resize.disconnect();
    this.layer.remove();
  }
}
