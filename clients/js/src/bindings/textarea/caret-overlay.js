// Draws other people's carets and selections over the textarea. A mirror element with the
// textarea's exact text, font, padding and wrapping lies on top of it (transparent text,
// pointer-events: none); selections are tinted spans in the mirror and carets are zero-width
// marks with a name flag, so they sit exactly where the characters are and wrap with them.
// The mirror also gives the page its height: the textarea grows with its content.
//
// The mirror's text is kept in blocks of whole lines (about BLOCK_CHARS each, one <div> per
// block; a line wraps the same in a block as in the textarea, since blocks break only after a
// newline). A redraw rebuilds only the blocks whose text or marks changed: typing into a 1 MB
// document used to re-lay out the whole mirror on every frame (seconds per keystroke).

import { toUtf16Indices } from '../../ot/code-points.js';

const LABEL_MS = 4000; // show the name flag this long after a caret moved or its owner typed
export const BLOCK_CHARS = 2048;

export class CaretOverlay {
  constructor(mirror, { now = () => Date.now() } = {}) {
    this.mirror = mirror;
    this.now = now;
    this.frame = 0;
    this.text = '';
    this.peers = [];
    /** The mirror's blocks in order: { start (UTF-16 offset), text, el, key }. */
    this.blocks = [];
    this.dropped = []; // elements of blocks replaced since the last redraw
    this.shown = null; // the text the blocks hold
  }

  /**
   * Redraws on the next frame with this text and these peers ({ user, sel, typing, movedAt,
   * typingAt }). `local` is the person's own caret as a UTF-16 index (or null): an invisible
   * mark there lets `reveal()` scroll the page to it.
   */
  update(text, peers, local = null) {
    // The blocks follow every text at once, not the text of the next frame only: two edits in
    // one frame (someone else's near the top, ours further down) would otherwise look like one
    // change spanning everything between them, and every block in between would be rebuilt.
    this.syncBlocks(text);
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
    if (this.local !== null && this.local !== undefined) {
      marks.push({ at: Math.min(this.local, text.length), kind: 'local', order: 3 });
      marks.sort((a, b) => a.at - b.at || a.order - b.order);
    }
    this.syncBlocks(text);
    let localMark = null;
    const open = new Map(); // highlights covering the current run
    let m = 0;
    this.blocks.forEach((block, k) => {
      const last = k === this.blocks.length - 1;
      const end = block.start + block.text.length;
      const before = [...open.values()];
      const mine = [];
      // A mark at a block's end belongs to the next block (the start of the next line), except in the last.
      while (m < marks.length && (marks[m].at < end || last)) mine.push(marks[m++]);
      const key = `${last ? 'L' : ''}|${before.map(peerKey).join(',')}|${mine.map((x) => `${x.at - block.start}:${x.kind}:${x.kind === 'local' ? '' : peerKey(x.peer)}:${x.label ? 1 : 0}`).join(',')}`;
      for (const x of mine) {
        if (x.kind === 'start') open.set(x.peer.client, x.peer);
        else if (x.kind === 'end') open.delete(x.peer.client);
      }
      if (block.el && block.key === key) return;
      block.key = key;
      const built = blockNodes(block, mine, new Map(before.map((p) => [p.client, p])), last);
      if (built.localMark) localMark = built.localMark;
      if (!block.el) block.el = document.createElement('div');
      block.el.replaceChildren(...built.nodes);
    });
    this.placeBlocks();
    if (this.revealPending) {
      localMark = localMark || this.mirror.querySelector('.lmark');
      if (localMark) {
        this.revealPending = false;
        localMark.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      }
    }
  }

  /**
   * Brings the blocks in line with `text`, keeping every block whose text is unchanged (at the
   * start of the text, or at the end, shifted), and splitting what changed into new blocks.
   */
  syncBlocks(text) {
    const old = this.blocks;
    if (this.shown === text) return;
    const delta = text.length - (this.shown === null ? 0 : this.shown.length);
    let i = 0;
    let prefixEnd = 0;
    while (i < old.length) {
      const b = old[i];
      const end = b.start + b.text.length;
      const whole = b.text.endsWith('\n') || end === text.length;
      if (!whole || !text.startsWith(b.text, b.start)) break;
      prefixEnd = end;
      i++;
      if (!b.text.endsWith('\n')) break; // the last line: the text ends here
    }
    let j = old.length - 1;
    while (j >= i) {
      const b = old[j];
      const at = b.start + delta;
      if (at < prefixEnd || (at > 0 && text.charCodeAt(at - 1) !== 10) || !text.startsWith(b.text, at)) break;
      j--;
    }
    for (let k = j + 1; k < old.length; k++) old[k].start += delta;
    const middleEnd = j + 1 < old.length ? old[j + 1].start : text.length;
    // The text's last line is in a kept block (the last, kept at the start or at the end), or it is new.
    const lastKept = j + 1 < old.length || (old.length > 0 && i === old.length);
    const fresh = splitBlocks(text, prefixEnd, middleEnd, !lastKept);
    // Their elements leave the mirror when the new ones come in (render), not before: a layout in
    // between (any read of a position) would lay the page out without them, and again with them.
    for (let k = i; k <= j; k++) if (old[k].el) this.dropped.push(old[k].el);
    this.blocks = [...old.slice(0, i), ...fresh, ...old.slice(j + 1)];
    this.shown = text;
  }

  /** Puts new block elements into the mirror, in order, after the ones kept. */
  placeBlocks() {
    for (const el of this.dropped) el.remove();
    this.dropped = [];
    let prev = null;
    for (const b of this.blocks) {
      const expected = prev ? prev.nextSibling : this.mirror.firstChild;
      if (b.el !== expected) {
        if (prev) prev.after(b.el);
        else this.mirror.prepend(b.el);
      }
      prev = b.el;
    }
    while (prev && prev.nextSibling) prev.nextSibling.remove(); // whatever the mirror held before
  }
}

/**
 * Blocks of whole lines for text[from, to): each about BLOCK_CHARS long, ending after a newline;
 * with `final`, the text's last line (after its last newline, maybe empty) ends the last block.
 */
export function splitBlocks(text, from, to, final) {
  const out = [];
  let start = from;
  let at = from;
  while (at < to) {
    const nl = text.indexOf('\n', at);
    if (nl < 0 || nl >= to) break;
    at = nl + 1;
    if (at - start >= BLOCK_CHARS) {
      out.push({ start, text: text.slice(start, at), el: null, key: null });
      start = at;
    }
  }
  if (at > start) out.push({ start, text: text.slice(start, at), el: null, key: null });
  if (final) {
    const tail = text.slice(at, to);
    const lastBlock = out[out.length - 1];
    if (lastBlock && lastBlock.start + lastBlock.text.length === at && lastBlock.text.length + tail.length < BLOCK_CHARS && tail.length > 0) {
      lastBlock.text += tail;
    } else {
      out.push({ start: at, text: tail, el: null, key: null });
    }
  }
  return out;
}

const peerKey = (p) => `${p.client}/${p.user.color}/${p.user.name}`;

/** A block's nodes: runs of its text, tinted where selections cover them, and the carets. */
function blockNodes(block, marks, open, last) {
  const nodes = [];
  const text = block.text;
  let localMark = null;
  let at = 0;
  for (const m of marks) {
    const rel = m.at - block.start;
    if (rel > at) nodes.push(run(text.slice(at, rel), open));
    at = Math.max(at, rel);
    if (m.kind === 'start') open.set(m.peer.client, m.peer);
    else if (m.kind === 'end') open.delete(m.peer.client);
    else if (m.kind === 'local') {
      localMark = document.createElement('span');
      localMark.className = 'lmark';
      nodes.push(localMark);
    } else nodes.push(caret(m.peer, m.label));
  }
  if (at < text.length) nodes.push(run(text.slice(at), open));
  if (last) nodes.push(document.createTextNode('\u200b')); // keeps a trailing newline's empty line
  return { nodes, localMark };
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
