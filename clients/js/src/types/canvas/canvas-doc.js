// A working copy of a canvas: its objects by id and each frame's children. The server's truth
// in the Java core (dev.tandem.ot.canvas.CanvasDocument), a client's view here; the two apply
// batches alike, change by change, and drop the same changes:
//
//   - a change to an object that does not exist (deleted, never created);
//   - a create of an id that exists, and the batch's later changes to that id;
//   - a create or move into a parent that is missing or not a frame;
//   - a move of an object into itself or one of its descendants (no cycles).
//
// A limit that would be broken (TOO_MANY_OBJECTS, TOO_DEEP, TOO_MANY_PROPERTIES,
// PROPERTY_TOO_LONG, INVALID_INDEX) or an edit that does not fit its text refuses the whole
// batch and leaves the document as it was.
//
// An object is a frozen { id, kind, parent, index, props }; applying replaces objects, never
// changes them, so a log of the objects replaced takes a batch back (rollback).

import { OtError } from '../../ot/ot-error.js';
import { codePointLength } from '../../ot/code-points.js';
import { DEFAULT_LIMITS, checkSize, maxLength, isContainer } from './schema.js';
import { CanvasOperation, withProp, propCount, propOf } from './operation.js';
import { readSnapshotObjects, writeSnapshot } from './wire.js';

const ROOT = ''; // the children key of the board itself; no id is empty

/** Siblings are ordered by (index, id): two clients that pick one index still see one order. */
export const siblingOrder = (a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class CanvasDoc {
  constructor(limits = DEFAULT_LIMITS) {
    this.limits = limits;
    /** @type {Map<string, any>} */
    this.objects = new Map();
    /** @type {Map<string, Set<string>>} ids of each frame's (and the root's) children */
    this.kids = new Map();
  }

  /** The canvas of snapshot `json` (its structure and every value checked: MALFORMED_SNAPSHOT). */
  static fromJSON(json, limits = DEFAULT_LIMITS) {
    const doc = new CanvasDoc(limits);
    for (const o of readSnapshotObjects(json)) {
      if (doc.objects.has(o.id)) throw new OtError('MALFORMED_SNAPSHOT', `object ${o.id} appears twice`);
      doc.put(o);
    }
    doc.checkTree();
    return doc;
  }

  /** A copy sharing no mutable state with this one (objects are immutable and shared). */
  copy() {
    const c = new CanvasDoc(this.limits);
    c.objects = new Map(this.objects);
    for (const [k, set] of this.kids) c.kids.set(k, new Set(set));
    return c;
  }

  get size() { return this.objects.size; }

  get(id) { return this.objects.get(id) || null; }

  has(id) { return this.objects.has(id); }

  /** The children of frame `parent` (null: the board) in (index, id) order. */
  children(parent) {
    const set = this.kids.get(parent === null ? ROOT : parent);
    if (!set) return [];
    return [...set].map((id) => this.objects.get(id)).sort(siblingOrder);
  }

  /** `id` and everything inside it (everything for null): parents first, siblings in order. */
  subtree(id) {
    const out = id === null ? [] : [this.objects.get(id)];
    const walk = (parent) => {
      for (const o of this.children(parent)) {
        out.push(o);
        if (this.kids.has(o.id)) walk(o.id);
      }
    };
    walk(id);
    return out;
  }

  /** Every object, parents before children, siblings in order. */
  inTreeOrder() {
    return this.subtree(null);
  }

  toJSON() {
    return writeSnapshot(this.inTreeOrder());
  }

  /** How deep `id` sits: 1 for a child of the board, 0 for the board (null). */
  depth(id) {
    let d = 0;
    for (let at = id; at !== null; at = this.objects.get(at).parent) d++;
    return d;
  }

  /** Whether `ancestor` is `id` or one of the frames it sits in. */
  isSelfOrAncestor(ancestor, id) {
    for (let at = id; at !== null; at = this.objects.get(at).parent) {
      if (at === ancestor) return true;
    }
    return false;
  }

  /** Applies `op` and returns it without the changes that were dropped. */
  apply(op) {
    return this.applyLogged(op).op;
  }

  /** Applies `op`; returns { op: as applied, log: what rollback(log) takes back }. */
  applyLogged(op) {
    const log = [];
    const kept = [];
    const dead = new Set();
    try {
      for (const c of op.changes) {
        if (this.applyChange(c, log, dead)) kept.push(c);
      }
    } catch (e) {
      this.rollback(log);
      throw e;
    }
    return { op: kept.length === op.size ? op : new CanvasOperation(kept), log };
  }

  /** Takes back what `log` recorded, newest first. */
  rollback(log) {
    for (let i = log.length - 1; i >= 0; i--) {
      const [id, before] = log[i];
      const now = this.objects.get(id);
      if (now) this.remove(now);
      if (before) this.put(before);
    }
  }

  applyChange(c, log, dead) {
    if (c.verb === 'create') return this.create(c, log, dead);
    const o = dead.has(c.id) ? null : this.objects.get(c.id);
    if (!o) return false;
    switch (c.verb) {
      case 'delete':
        for (const x of this.subtree(o.id)) {
          log.push([x.id, x]);
          this.remove(x);
        }
        return true;
      case 'set':
        if (c.value !== null) checkSize(c.prop, c.value, this.limits);
        this.replace(o, { ...o, props: this.withProperty(o, c.prop, c.value) }, log);
        return true;
      case 'move':
        return this.move(o, c, log, dead);
      default: {
        const old = propOf(o.props, c.prop);
        if (old !== null && typeof old !== 'string') {
          throw new OtError('NOT_A_TEXT_PROPERTY', `${c.id}.${c.prop} does not hold text`);
        }
        const text = old === null ? '' : old;
        c.op.checkFits(codePointLength(text));
        const max = maxLength(c.prop, this.limits);
        if (c.op.targetLength > max) {
          throw new OtError('PROPERTY_TOO_LONG', `the edit makes ${c.id}.${c.prop} ${c.op.targetLength} characters long; the limit is ${max}`);
        }
        this.replace(o, { ...o, props: this.withProperty(o, c.prop, c.op.apply(text)) }, log);
        return true;
      }
    }
  }

  create(c, log, dead) {
    if (this.objects.has(c.id) || dead.has(c.id)) {
      dead.add(c.id);
      return false;
    }
    if (!this.isFrame(c.parent, dead)) return false;
    this.checkIndex(c.index);
    if (this.objects.size >= this.limits.maxObjects) {
      throw new OtError('TOO_MANY_OBJECTS', `a canvas holds at most ${this.limits.maxObjects} objects`);
    }
    if (this.depth(c.parent) + 1 > this.limits.maxDepth) throw this.tooDeep(c.id, this.depth(c.parent) + 1);
    const n = propCount(c.props);
    if (n > this.limits.maxProperties) throw this.tooManyProperties(c.id, n);
    for (const [k, v] of Object.entries(c.props)) checkSize(k, v, this.limits);
    log.push([c.id, null]);
    this.put(Object.freeze({ id: c.id, kind: c.kind, parent: c.parent, index: c.index, props: c.props }));
    return true;
  }

  move(o, m, log, dead) {
    if (!this.isFrame(m.parent, dead) || (m.parent !== null && this.isSelfOrAncestor(o.id, m.parent))) return false;
    this.checkIndex(m.index);
    const deepest = this.depth(m.parent) + this.height(o.id);
    if (deepest > this.limits.maxDepth) throw this.tooDeep(o.id, deepest);
    this.replace(o, { ...o, parent: m.parent, index: m.index }, log);
    return true;
  }

  checkIndex(index) {
    if (index.length > this.limits.maxIndexLength) {
      throw new OtError('INVALID_INDEX', `an index of ${index.length} characters; the limit is ${this.limits.maxIndexLength}`);
    }
  }

  withProperty(o, prop, value) {
    const p = withProp(o.props, prop, value);
    const n = propCount(p);
    if (n > this.limits.maxProperties) throw this.tooManyProperties(o.id, n);
    return p;
  }

  // Whether parent (null: the board) exists, is a frame, and is not an id whose create this batch dropped.
  isFrame(parent, dead) {
    if (parent === null) return true;
    const p = this.objects.get(parent);
    return Boolean(p) && isContainer(p.kind) && !dead.has(parent);
  }

  // Levels from id down to its deepest descendant, counting id itself.
  height(id) {
    let best = 0;
    const stack = [[id, 1]];
    while (stack.length) {
      const [at, h] = stack.pop();
      best = Math.max(best, h);
      const set = this.kids.get(at);
      if (set) for (const k of set) stack.push([k, h + 1]);
    }
    return best;
  }

  replace(old, now, log) {
    log.push([old.id, old]);
    this.remove(old);
    this.put(Object.freeze(now));
  }

  put(o) {
    this.objects.set(o.id, o);
    const key = o.parent === null ? ROOT : o.parent;
    let set = this.kids.get(key);
    if (!set) this.kids.set(key, (set = new Set()));
    set.add(o.id);
  }

  remove(o) {
    this.objects.delete(o.id);
    const key = o.parent === null ? ROOT : o.parent;
    const set = this.kids.get(key);
    set.delete(o.id);
    if (set.size === 0) this.kids.delete(key);
  }

  // Every parent exists and is a frame, and following parents always reaches the board.
  checkTree() {
    for (const o of this.objects.values()) {
      if (o.parent === null) continue;
      const p = this.objects.get(o.parent);
      if (!p || !isContainer(p.kind)) {
        throw new OtError('MALFORMED_SNAPSHOT', `object ${o.id} sits in ${o.parent}${p ? ', which is not a frame' : ', which does not exist'}`);
      }
    }
    if (this.subtree(null).length !== this.objects.size) throw new OtError('MALFORMED_SNAPSHOT', 'some objects are their own ancestors');
  }

  tooDeep(id, depth) {
    return new OtError('TOO_DEEP', `object ${id} would sit ${depth} levels deep; frames nest at most ${this.limits.maxDepth} levels`);
  }

  tooManyProperties(id, n) {
    return new OtError('TOO_MANY_PROPERTIES', `object ${id} would have ${n} properties; the limit is ${this.limits.maxProperties}`);
  }
}
