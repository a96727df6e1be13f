// One person's undo and redo stacks on a canvas, after Figma (the Java core's UndoHistory and
// UndoStep): an entry is a list of guarded steps, each made only if the document still shows our
// change, so undo never overwrites what someone else did since:
//
//   remove    undoes a create: deletes the object if it is still there
//   recreate  undoes a delete: creates the object again (same id) if nothing holds the id
//   moveBack  undoes a move, if the object is still where we put it
//   restore   undoes a set, if the property still holds the value we left
//   text      undoes text edits by their inverse, kept transformed past others' later edits
//
// The redo entry is made when undoing, from what the undo actually did, so undo then redo
// leaves the document as it was. Both stacks are relative to the current view, newest first.

import { codePointLength } from '../../ot/code-points.js';
import { createChange, deleteChange, moveChange, setChange, editChange, propOf } from './operation.js';
import { sameValue } from './schema.js';
import { TextEffects, keyOf } from './transform.js';

/** The change a step makes on `doc` now, or null when its guard fails. */
export function resolveStep(step, doc) {
  const o = doc.get(step.id);
  switch (step.kind) {
    case 'remove':
      return o ? deleteChange(step.id) : null;
    case 'recreate': {
      const w = step.object;
      return o ? null : createChange(w.id, w.kind, w.parent, w.index, w.props);
    }
    case 'moveBack':
      return o && o.parent === step.movedParent && o.index === step.movedIndex ? moveChange(step.id, step.parent, step.index) : null;
    case 'restore':
      return o && sameValue(propOf(o.props, step.prop), step.expected) ? setChange(step.id, step.prop, step.old) : null;
    default: { // text
      if (!o) return null;
      const v = propOf(o.props, step.prop);
      const text = typeof v === 'string' ? v : '';
      return codePointLength(text) === step.inverse.baseLength ? editChange(step.id, step.prop, step.inverse) : null;
    }
  }
}

export class UndoHistory {
  constructor(maxEntries) {
    this.maxEntries = maxEntries;
    /** Newest first. */
    this.undo = [];
    this.redo = [];
  }

  canUndo() { return this.undo.length > 0; }

  canRedo() { return this.redo.length > 0; }

  /**
   * A new change of ours: its entry goes on the undo stack and the redo stack is cleared. With
   * `merge`, it joins the entry of our previous change when that is still the newest (the steps
   * of one gesture, such as a drag sent twenty times a second, undo as one).
   */
  recorded(entry, merge = false) {
    this.redo = [];
    const top = this.undo[0];
    const joined = merge && top && top.newest ? mergeEntries(top, entry) : null;
    if (top) delete top.newest;
    const now = joined || entry;
    if (now.length === 0) return;
    now.newest = true; // the entry of our newest change, which a later step of its gesture may join
    if (joined) this.undo[0] = joined;
    else this.pushUndo(now);
  }

  pushUndo(entry) {
    if (entry.length === 0) return;
    this.undo.unshift(entry);
    if (this.undo.length > this.maxEntries) this.undo.pop();
  }

  pushRedo(entry) {
    if (entry.length > 0) this.redo.unshift(entry);
  }

  popUndo() { return this.undo.shift() || null; }

  popRedo() { return this.redo.shift() || null; }

  /**
   * A restore step of an entry being undone was not made (its guard failed): the older entries'
   * text steps for that property were made for the text it would have restored, so they go.
   */
  lineageBroken(id, prop, redoing) {
    const keys = new Set([keyOf(id, prop)]);
    if (redoing) this.redo = forget(this.redo, keys, new Set());
    else this.undo = forget(this.undo, keys, new Set());
  }

  /** Forgets the text steps of these properties (keyOf) and objects in both stacks. */
  forgetText(keys, ids) {
    this.undo = forget(this.undo, keys, ids);
    this.redo = forget(this.redo, keys, ids);
  }

  /** The view changed by `effect` (others' work): fold it into both stacks' text steps. */
  transform(effect) {
    // Only text steps change: without any (a drag sets numbers), nothing is rebuilt.
    const undoText = hasText(this.undo);
    const redoText = hasText(this.redo);
    if (!undoText && !redoText) return;
    // One TextEffects per stack: transforming a step past them advances them (transformPast).
    if (undoText) this.undo = transformStack(this.undo, TextEffects.of(effect));
    if (redoText) this.redo = transformStack(this.redo, TextEffects.of(effect));
  }
}

// The step's key: steps of one key in two entries of one gesture combine into one step.
const stepKey = (s) => (s.kind === 'restore' || s.kind === 'text' ? `${s.kind}:${keyOf(s.id, s.prop)}`
  : s.kind === 'moveBack' ? `move:${s.id}` : null);

/**
 * One entry that undoes `older` and then `newer` (made after it, in one gesture): a restore keeps
 * the older value and guards on the newer, a move goes back to the older place, text inverses
 * compose. Null when the two touch one property in different ways (a set and an edit).
 */
function mergeEntries(older, newer) {
  const out = [...older];
  const at = new Map(out.map((s, i) => [stepKey(s), i]));
  for (const s of newer) {
    const k = stepKey(s);
    const i = k === null ? undefined : at.get(k);
    if (i === undefined) {
      out.push(s);
      continue;
    }
    const o = out[i];
    if (s.kind === 'restore') out[i] = { ...o, expected: s.expected };
    else if (s.kind === 'moveBack') out[i] = { ...o, movedParent: s.movedParent, movedIndex: s.movedIndex };
    else out[i] = { ...o, inverse: s.inverse.compose(o.inverse) };
  }
  for (const s of newer) {
    if (s.kind === 'restore' && older.some((o) => o.kind === 'text' && o.id === s.id && o.prop === s.prop)) return null;
    if (s.kind === 'text' && older.some((o) => o.kind === 'restore' && o.id === s.id && o.prop === s.prop)) return null;
  }
  return out;
}

function forget(stack, keys, ids) {
  const out = [];
  for (const entry of stack) {
    /** @type {any} */
    const kept = entry.filter((s) => !(s.kind === 'text' && (ids.has(s.id) || keys.has(keyOf(s.id, s.prop)))));
    if (entry.newest) kept.newest = true;
    if (kept.length > 0) out.push(kept);
  }
  return out;
}

const hasText = (stack) => stack.some((entry) => entry.some((s) => s.kind === 'text'));

function transformStack(stack, theirs) {
  if (theirs.isEmpty() || stack.length === 0) return stack;
  const stoppedKeys = new Set();
  const stoppedIds = new Set();
  const out = [];
  for (const entry of stack) {
    /** @type {any} */
    const next = [];
    for (const s of entry) {
      if (s.kind !== 'text') {
        next.push(s);
        continue;
      }
      if (stoppedIds.has(s.id) || stoppedKeys.has(keyOf(s.id, s.prop))) {
        next.push(s);
      } else if (!theirs.isReset(s.id, s.prop)) {
        next.push({ ...s, inverse: theirs.transformPast(keyOf(s.id, s.prop), s.inverse, 'left') });
      } // else: someone replaced the text; our characters are gone with it
    }
    // Older entries come before this one's sets, creates and deletes: what others did on top
    // of those does not reach them.
    for (const s of entry) {
      if (s.kind === 'restore') stoppedKeys.add(keyOf(s.id, s.prop));
      else if (s.kind === 'remove' || s.kind === 'recreate') stoppedIds.add(s.id);
    }
    if (entry.newest) next.newest = true;
    if (next.length > 0) out.push(next);
  }
  return out;
}

/**
 * The entry that takes the view back from what `applied` did, read from the logs of applying it
 * (each [id, object before]): the objects' states before (first recorded) and now.
 */
export function entryOf(logs, applied, doc) {
  const before = new Map();
  for (const log of logs) {
    for (const [id, was] of log) if (!before.has(id)) before.set(id, was);
  }
  const edits = textEdits(applied);
  const recreates = [];
  const moves = [];
  const values = [];
  const removes = [];
  for (const [id, was] of before) {
    const now = doc.get(id);
    if (!was && !now) continue;
    if (!was || !now || was.kind !== now.kind) {
      if (now) removes.push({ kind: 'remove', id: now.id });
      if (was) recreates.push({ kind: 'recreate', id: was.id, object: was });
      continue;
    }
    if (was.parent !== now.parent || was.index !== now.index) {
      moves.unshift({ kind: 'moveBack', id: was.id, parent: was.parent, index: was.index, movedParent: now.parent, movedIndex: now.index });
    }
    const names = [...new Set([...Object.keys(was.props), ...Object.keys(now.props)])].sort();
    for (const prop of names) {
      const old = propOf(was.props, prop);
      const current = propOf(now.props, prop);
      if (sameValue(old, current)) continue;
      const edit = edits.get(keyOf(was.id, prop));
      if (edit && typeof old === 'string') values.push({ kind: 'text', id: was.id, prop, inverse: edit.invert(old) });
      else values.push({ kind: 'restore', id: was.id, prop, old, expected: current });
    }
  }
  return [...parentsFirst(recreates), ...moves, ...values, ...removes];
}

// Each property's edits in `applied` composed into one, for properties only edited (not set,
// their object not created or deleted) by it.
function textEdits(applied) {
  const effects = TextEffects.of(applied);
  const out = new Map();
  for (const [key, ops] of effects.edits) {
    const [id, prop] = key.split('\u0000');
    if (effects.isReset(id, prop)) continue;
    out.set(key, ops.reduce((all, t) => (all === null ? t : all.compose(t)), null));
  }
  return out;
}

// Recreates ordered so that a frame comes before what sits in it.
function parentsFirst(recreates) {
  const waiting = new Set(recreates.map((s) => s.id));
  const out = [];
  let left = recreates;
  while (left.length > 0) {
    const next = [];
    for (const r of left) {
      if (r.object.parent === null || !waiting.has(r.object.parent)) {
        out.push(r);
        waiting.delete(r.id);
      } else {
        next.push(r);
      }
    }
    if (next.length === left.length) return [...out, ...next]; // cannot happen for states of one tree
    left = next;
  }
  return out;
}
