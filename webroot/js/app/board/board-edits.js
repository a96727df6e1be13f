// What the board's tools do to a board, as batches of canvas changes (the SDK's canvas type,
// docs/CANVAS.md): pure functions of the view (a CanvasDoc) that the tools hand to
// CanvasBinding.edit. The page keeps every object's x and y in board coordinates, frames too:
// a frame groups what sits in it (moved and deleted with it) but does not shift its children,
// so putting a shape in a frame never moves it on the screen, whoever moved what meanwhile.

import { createChange, setChange, moveChange, deleteChange, indexBetween, indexesBetween, propOf } from '/sdk/src/types/canvas/index.js';

/** What a new object of each kind looks like. */
export const DEFAULTS = Object.freeze({
  rectangle: { width: 160, height: 100, fill: '#90caf9', stroke: '#1e3a5f', strokeWidth: 2 },
  ellipse: { width: 140, height: 100, fill: '#a5d6a7', stroke: '#1b5e20', strokeWidth: 2 },
  arrow: { stroke: '#37474f', strokeWidth: 3 },
  line: { stroke: '#37474f', strokeWidth: 3 },
  sticky: { width: 200, height: 160, fill: '#fff59d', fontSize: 20, text: '' },
  text: { width: 260, height: 44, fill: '#1d2130', fontSize: 24, text: '' },
  frame: { width: 480, height: 320, fill: '#ffffff', stroke: '#9aa0b4', strokeWidth: 1 },
});

/** The colours the recolour buttons offer. */
export const SWATCHES = ['#fff59d', '#ffcc80', '#ef9a9a', '#f48fb1', '#ce93d8', '#90caf9', '#80deea', '#a5d6a7', '#e0e0e0', '#37474f'];

const PREFIX = { rectangle: 'r', ellipse: 'e', arrow: 'a', line: 'l', sticky: 's', text: 't', frame: 'f' };
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A new object id, made here without asking anyone (62^12 of them: no two people pick one). */
export function newId(kind, random = (n) => crypto.getRandomValues(new Uint8Array(n))) {
  return `${PREFIX[kind] || 'o'}-${[...random(12)].map((b) => DIGITS[b % 62]).join('')}`;
}

/** A property of `o`, with `overrides` (an object's in-progress gesture) and the kind's default. */
export function prop(o, name, overrides = null) {
  if (overrides && name in overrides) return overrides[name];
  const v = propOf(o.props, name);
  return v !== null ? v : (DEFAULTS[o.kind] || {})[name] ?? null;
}

export const isLinear = (kind) => kind === 'arrow' || kind === 'line';
export const holdsText = (kind) => kind === 'sticky' || kind === 'text';

/** The object's box in board coordinates: { x, y, w, h } (a line's from its points). */
export function boundsOf(o, overrides = null) {
  const x = prop(o, 'x', overrides) || 0;
  const y = prop(o, 'y', overrides) || 0;
  if (isLinear(o.kind)) {
    const pts = prop(o, 'points', overrides) || [0, 0, 0, 0];
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < pts.length; i += 2) {
      x0 = Math.min(x0, pts[i]); x1 = Math.max(x1, pts[i]);
      y0 = Math.min(y0, pts[i + 1]); y1 = Math.max(y1, pts[i + 1]);
    }
    return { x: x + x0, y: y + y0, w: x1 - x0, h: y1 - y0 };
  }
  return { x, y, w: prop(o, 'width', overrides) || 0, h: prop(o, 'height', overrides) || 0 };
}

const round = (v) => Math.round(v * 100) / 100;
const clampCoord = (v) => Math.max(-1e9, Math.min(1e9, round(v)));

/** An index above every child of `parent` (null: the board). */
export function topIndex(view, parent) {
  const kids = view.children(parent);
  return indexBetween(kids.length ? kids[kids.length - 1].index : null, null);
}

/** A new object: a box (rectangle, ellipse, sticky, text, frame) or a line from (x, y) by `points`. */
export function createObject(view, kind, { x, y, width, height, points, parent = null, id = newId(kind), name } = {}) {
  const props = { ...DEFAULTS[kind], x: clampCoord(x), y: clampCoord(y) };
  if (isLinear(kind)) props.points = points.map(round);
  else {
    if (width !== undefined) props.width = Math.max(1, round(width));
    if (height !== undefined) props.height = Math.max(1, round(height));
  }
  if (name) props.name = name;
  return { id, changes: [createChange(id, kind, parent, topIndex(view, parent), props)] };
}

/**
 * A new frame drawn around objects takes them in (as in Figma): the objects of the same parent
 * wholly inside its box move into it, in their order.
 */
export function adoptChanges(view, frameId, box, parent = null) {
  const inside = view.children(parent).filter((o) => {
    const b = boundsOf(o);
    return o.id !== frameId && b.x >= box.x && b.y >= box.y && b.x + b.w <= box.x + box.w && b.y + b.h <= box.y + box.h;
  });
  const indexes = indexesBetween(null, null, inside.length);
  return inside.map((o, i) => moveChange(o.id, frameId, indexes[i]));
}

/** `id` and everything inside it. */
export const withInside = (view, id) => view.subtree(id).map((o) => o.id);

/** The ids among `ids` that do not sit inside another of them (what a move or delete acts on). */
export function topmost(view, ids) {
  const set = new Set(ids);
  return ids.filter((id) => {
    if (!view.has(id)) return false;
    for (let at = view.get(id).parent; at !== null; at = view.get(at).parent) if (set.has(at)) return false;
    return true;
  });
}

/** Where each object moved by a drag starts: { id: { x, y } } for `ids` and what sits inside them. */
export function dragStarts(view, ids) {
  const starts = {};
  for (const top of topmost(view, ids)) {
    for (const id of withInside(view, top)) {
      const o = view.get(id);
      starts[id] = { x: prop(o, 'x') || 0, y: prop(o, 'y') || 0 };
    }
  }
  return starts;
}

/** The in-progress look of a drag by (dx, dy): { id: { x, y } }. */
export function dragOverrides(starts, dx, dy) {
  const out = {};
  for (const [id, s] of Object.entries(starts)) out[id] = { x: clampCoord(s.x + dx), y: clampCoord(s.y + dy) };
  return out;
}

/**
 * The changes that put every object of `overrides` where it says (a drag or resize step). An
 * object's place is set whole (x and y, and the size of a resize) whenever any part of it
 * changed: properties are last-writer-wins one by one, so two people dragging one shape at once
 * would otherwise leave it at one's x and the other's y, somewhere neither put it.
 */
export function changesFor(view, overrides) {
  const changes = [];
  for (const [id, o] of Object.entries(overrides)) {
    if (!view.has(id)) continue;
    const obj = view.get(id);
    const moved = Object.entries(o).some(([name, value]) => {
      const now = propOf(obj.props, name);
      return Array.isArray(value) ? !(Array.isArray(now) && now.length === value.length && now.every((v, i) => v === value[i])) : now !== value;
    });
    if (moved) for (const [name, value] of Object.entries(o)) changes.push(setChange(id, name, value));
  }
  return changes;
}

/**
 * The look of `o` resized by dragging handle `handle` (nw, ne, sw, se; p0 or p1 for a line's
 * ends) to board point (px, py).
 */
export function resizeOverrides(o, handle, px, py) {
  const x = prop(o, 'x') || 0;
  const y = prop(o, 'y') || 0;
  if (isLinear(o.kind)) {
    const pts = [...(prop(o, 'points') || [0, 0, 0, 0])];
    const i = handle === 'p0' ? 0 : pts.length - 2;
    pts[i] = round(px - x);
    pts[i + 1] = round(py - y);
    return { points: pts };
  }
  const b = boundsOf(o);
  let [x0, y0, x1, y1] = [b.x, b.y, b.x + b.w, b.y + b.h];
  if (handle.includes('w')) x0 = px; else x1 = px;
  if (handle.includes('n')) y0 = py; else y1 = py;
  const [nx, nw] = x0 <= x1 ? [x0, x1 - x0] : [x1, x0 - x1];
  const [ny, nh] = y0 <= y1 ? [y0, y1 - y0] : [y1, y0 - y1];
  return { x: clampCoord(nx), y: clampCoord(ny), width: Math.max(1, round(nw)), height: Math.max(1, round(nh)) };
}

/** The frame drawn topmost at board point (px, py), other than `not` and what sits in them. */
export function frameAt(view, px, py, not = []) {
  const excluded = new Set(not.flatMap((id) => (view.has(id) ? withInside(view, id) : [])));
  let found = null;
  for (const o of view.inTreeOrder()) {
    if (o.kind !== 'frame' || excluded.has(o.id)) continue;
    const b = boundsOf(o);
    if (px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h) found = o;
  }
  return found;
}

/**
 * After a drag: each moved object whose centre now lies in another frame (or outside every
 * frame) goes into it, on top of what is there.
 */
export function dropChanges(view, ids) {
  const changes = [];
  for (const id of topmost(view, ids)) {
    const o = view.get(id);
    const b = boundsOf(o);
    const frame = frameAt(view, b.x + b.w / 2, b.y + b.h / 2, [id]);
    const parent = frame ? frame.id : null;
    if (parent !== o.parent) changes.push(moveChange(id, parent, topIndex(view, parent)));
  }
  return changes;
}

/** Deletes the objects (and what sits in them). */
export const deleteChanges = (view, ids) => topmost(view, ids).map((id) => deleteChange(id));

/** Recolours: the fill of shapes, notes and frames, the stroke of lines and arrows. */
export function recolourChanges(view, ids, colour) {
  return ids.filter((id) => view.has(id)).map((id) => setChange(id, isLinear(view.get(id).kind) ? 'stroke' : 'fill', colour));
}

/** One step up (or down) among its siblings for each object: the next sibling's place and beyond. */
export function restackChanges(view, ids, up) {
  const changes = [];
  for (const id of topmost(view, ids)) {
    const o = view.get(id);
    const sibs = view.children(o.parent);
    const i = sibs.findIndex((s) => s.id === id);
    if (up && i < sibs.length - 1) changes.push(moveChange(id, o.parent, indexAbove(sibs, i + 1)));
    if (!up && i > 0) changes.push(moveChange(id, o.parent, indexBelow(sibs, i - 1)));
  }
  return changes;
}

// An index just above sibling k (below the next sibling with a greater index).
function indexAbove(sibs, k) {
  const a = sibs[k].index;
  const next = sibs.slice(k + 1).find((s) => s.index > a);
  return indexBetween(a, next ? next.index : null);
}

// An index just below sibling k.
function indexBelow(sibs, k) {
  const b = sibs[k].index;
  const prev = sibs.slice(0, k).reverse().find((s) => s.index < b);
  return indexBetween(prev ? prev.index : null, b);
}

/** The objects wholly inside the board rectangle r, outermost only. */
export function objectsIn(view, r) {
  const inside = view.inTreeOrder().filter((o) => {
    const b = boundsOf(o);
    return b.x >= r.x && b.y >= r.y && b.x + b.w <= r.x + r.w && b.y + b.h <= r.y + r.h;
  }).map((o) => o.id);
  return topmost(view, inside);
}
