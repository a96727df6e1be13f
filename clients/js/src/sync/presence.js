// Who else has the document open: their name and colour, their caret or selection in the
// local document, and whether they are typing. Ephemeral, rebuilt from every `opened`.
//
// Selections arrive at the sender's revision; `place(rev, selection)` (DocSync.toLocal) moves
// them into the local document, or answers undefined when that revision has not reached us
// yet, in which case the roster asks again after the next change. Every later change of the
// local document (our edits and others') moves them along with `transform(op)`.

import { Emitter } from '../util/emitter.js';
import { textType } from '../types/text.js';

export const TYPING_TIMEOUT_MS = 6000;

export class Roster extends Emitter {
  /**
   * @param {{ selfId: string, type?: import('../types/type.js').DocumentType<any, any, any>, now?: () => number }} options
   *   `selfId`: our clientId (not listed); `type`: the document type, which reads and moves selections (default text)
   */
  constructor({ selfId, type = textType, now = () => Date.now() }) {
    super();
    this.selfId = selfId;
    this.type = type;
    this.now = now;
    this.peers = new Map();
  }

  /** Replaces the roster with the one from `opened`. */
  setAll(list, place) {
    this.peers.clear();
    for (const p of list || []) this.upsert(p, place);
    this.emit('change');
  }

  /** A `presence` message. */
  update(msg, place) {
    this.upsert(msg, place);
    this.emit('change');
  }

  /** A `left` message. */
  remove(client) {
    if (this.peers.delete(client)) this.emit('change');
  }

  clear() {
    this.peers.clear();
    this.emit('change');
  }

  upsert(msg, place) {
    if (!msg || typeof msg.client !== 'string' || msg.client === this.selfId) return;
    const now = this.now();
    const old = this.peers.get(msg.client);
    const peer = old || { client: msg.client, sel: null, typing: false, movedAt: 0, typingAt: 0 };
    peer.user = sanitizeUser(msg.user, old && old.user);
    peer.typing = Boolean(msg.typing);
    if (peer.typing) peer.typingAt = now;
    peer.waiting = null;
    const sel = this.type.selectionFromJSON ? this.type.selectionFromJSON(msg.sel) : null;
    if (!sel) {
      peer.sel = null;
    } else {
      const placed = place(msg.rev, sel);
      if (placed === undefined) peer.waiting = { rev: msg.rev, sel };
      else peer.sel = placed;
      if (!old || !old.sel || !placed || JSON.stringify(old.sel) !== JSON.stringify(placed)) peer.movedAt = now;
    }
    this.peers.set(msg.client, peer);
  }

  /** The local document changed by `op`: carry every caret along. */
  transform(op) {
    if (!this.type.transformSelection) return;
    for (const peer of this.peers.values()) {
      if (!peer.sel) continue;
      try {
        peer.sel = this.type.transformSelection(peer.sel, op);
      } catch {
        peer.sel = null;
      }
    }
  }

  /** Places selections that were waiting for a revision we now have. */
  retry(place) {
    let changed = false;
    for (const peer of this.peers.values()) {
      if (!peer.waiting) continue;
      const placed = place(peer.waiting.rev, peer.waiting.sel);
      if (placed === undefined) continue;
      peer.sel = placed;
      peer.waiting = null;
      changed = true;
    }
    if (changed) this.emit('change');
  }

  /** Forgets typing flags that were not renewed (a lost `typing: false`). */
  expireTyping() {
    const now = this.now();
    let changed = false;
    for (const peer of this.peers.values()) {
      if (peer.typing && now - peer.typingAt > TYPING_TIMEOUT_MS) {
        peer.typing = false;
        changed = true;
      }
    }
    if (changed) this.emit('change');
  }

  list() {
    return [...this.peers.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
  }

  typingNames() {
    return this.list().filter((p) => p.typing).map((p) => p.user.name);
  }
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

function sanitizeUser(user, previous) {
  const name = user && typeof user.name === 'string' && user.name.trim() ? user.name.trim().slice(0, 64) : null;
  const color = user && typeof user.color === 'string' && COLOR.test(user.color) ? user.color : null;
  return {
    name: name || (previous && previous.name) || 'Someone',
    color: color || (previous && previous.color) || '#5f6368',
  };
}

/** "Ana is typing…", "Ana and Bo are typing…", "Ana, Bo and 2 others are typing…". */
export function typingLine(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others are typing…`;
}
