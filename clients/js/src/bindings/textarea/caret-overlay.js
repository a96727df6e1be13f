// Draws other people's carets and selections over the textarea. A mirror element with the
// textarea's exact text, font, padding and wrapping lies on top of it (transparent text,
// pointer-events: none); selections are tinted spans in the mirror and carets are zero-width
// marks with a name flag, so they sit exactly where the characters are and wrap with them.
// The mirror also gives the page its height: the textarea grows with its content.

import { toUtf16Indices } from '../../ot/code-points.js';

const LABEL_MS = 4000; // show the name flag this long after a caret moved or its owner typed

export class CaretOverlay {
  constructor(mirror, { now = () => Date.now() } = {}) {
    this.mirror = mirror;
    this.now = now;
    this.frame = 0;
    this.text = '';
    this.peers = [];
  }

  /**
   * Redraws on the next frame with this text and these peers ({ user, sel, typing, movedAt,
   * typingAt }). `local` is the person's own caret as a UTF-16 index (or null): an invisible
   * mark there lets `reveal()` scroll the page to it.
   */
  update(text, peers, local = null) {
    this.text = text;
    this.peers = peers;
    this.local = local;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  /** Scrolls the person's own caret into view after the next redraw. */
  reveal() {
    this.revealPending = true;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  render() {
    this.frame = 0;
    const text = this.text;
    const marks = marksFor(text, this.peers, this.now());
    let localMark = null;
    if (this.local !== null && this.local !== undefined) {
      localMark = document.createElement('span');
      localMark.className = 'lmark';
      marks.push({ at: Math.min(this.local, text.length), kind: 'local', order: 3 });
      marks.sort((a, b) => a.at - b.at || a.order - b.order);
    }
    const nodes = [];
    let at = 0;
    const open = new Map(); // highlights covering the current run
    for (const m of marks) {
      if (m.at > at) nodes.push(run(text.slice(at, m.at), open));
      at = m.at;
      if (m.kind === 'start') open.set(m.peer.client, m.peer);
      else if (m.kind === 'end') open.delete(m.peer.client);
      else if (m.kind === 'local') nodes.push(localMark);
      else nodes.push(caret(m.peer, m.label));
    }
    if (at < text.length) nodes.push(run(text.slice(at), open));
    nodes.push(document.createTextNode('\u200b')); // keeps a trailing newline's empty line
    this.mirror.replaceChildren(...nodes);
    if (this.revealPending && localMark) {
      this.revealPending = false;
      localMark.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }
}

/** Boundaries in UTF-16 order: selection starts and ends, and carets (heads). */
export function marksFor(text, peers, now) {
  const placed = peers.filter((p) => p.sel);
  const cps = [];
  for (const p of placed) cps.push(p.sel.start(), p.sel.end(), p.sel.head);
  const idx = toUtf16Indices(text, cps);
  const marks = [];
  placed.forEach((peer, k) => {
    const [start, end, head] = idx.slice(3 * k, 3 * k + 3);
    const label = peer.typing || now - Math.max(peer.movedAt || 0, peer.typingAt || 0) < LABEL_MS;
    if (end > start) {
      marks.push({ at: start, kind: 'start', peer, order: 1 });
      marks.push({ at: end, kind: 'end', peer, order: 0 });
    }
    marks.push({ at: head, kind: 'caret', peer, label, order: 2 });
  });
  return marks.sort((a, b) => a.at - b.at || a.order - b.order);
}

function run(str, open) {
  if (open.size === 0) return document.createTextNode(str);
  const span = document.createElement('span');
  span.className = 'rsel';
  const colors = [...open.values()].map((p) => tint(p.user.color, open.size > 1 ? 0.18 : 0.28));
  span.style.background = colors.length === 1 ? colors[0]
    : `linear-gradient(${colors.map((c, i) => `${c} ${(i * 100) / colors.length}% ${((i + 1) * 100) / colors.length}%`).join(', ')})`;
  span.textContent = str;
  return span;
}

function caret(peer, label) {
  const el = document.createElement('span');
  el.className = label ? 'rcaret rcaret-labelled' : 'rcaret';
  el.style.setProperty('--peer', peer.user.color);
  const flag = document.createElement('span');
  flag.className = 'rcaret-flag';
  flag.textContent = peer.user.name;
  el.append(flag);
  return el;
}

/** `#rrggbb` as rgba() with the given opacity. */
export function tint(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
