// How the history panel shows a board (a `canvas` document) as it was: drawn read-only by the
// board's own SVG renderer (board-view.js) in an svg of its own inside the preview, fitted to
// what is on it, with the objects that changed since the previous point outlined: new ones in
// green, changed ones (moved, resized, recoloured, retyped) in amber, removed ones drawn faint
// with a red dashed outline. Nothing in the preview takes pointer events: it cannot be edited.
//
// A board has no colours by author (an object is not a run of text with one writer), and the
// server exports boards as JSON only, so the view offers the board's JSON as a file itself.

import { h } from '../dom.js';
import { BoardView } from '../board/board-view.js';
import { Camera } from '../board/camera.js';
import { boundsOf } from '../board/board-edits.js';
import { CanvasDoc } from '/sdk/src/types/canvas/index.js';

const NS = 'http://www.w3.org/2000/svg';

/** Props in name order, so that equal objects give equal strings whatever order the JSON had. */
function canonical(o) {
  const props = {};
  for (const k of Object.keys(o.props || {}).sort()) props[k] = o.props[k];
  return JSON.stringify([o.kind, o.parent, o.index, props]);
}

/**
 * What changed from board `previous` to board `content` (snapshot JSON, { objects }): the ids of
 * objects added and of objects changed (kind, parent, place among siblings or any property), and
 * the objects removed (as they were).
 */
export function boardChanges(previous, content) {
  const before = new Map((previous ? previous.objects : []).map((o) => [o.id, o]));
  const now = new Set();
  const added = [];
  const changed = [];
  for (const o of content.objects) {
    now.add(o.id);
    const was = before.get(o.id);
    if (!was) added.push(o.id);
    else if (canonical(was) !== canonical(o)) changed.push(o.id);
  }
  const removed = [...before.values()].filter((o) => !now.has(o.id));
  return { added, changed, removed };
}

/** The board box around `objects` (CanvasDoc objects), or null when there are none. */
export function extentOf(objects) {
  if (objects.length === 0) return null;
  const boxes = objects.map((o) => boundsOf(o));
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
}

/**
 * @param {object} o
 * @param {string} o.docId names the JSON file
 * @param {(opJson: unknown) => boolean} o.edit applies a canvas batch (wire form) to the board as
 *   the person's own edit, one undo step (the SDK's CanvasBinding.edit)
 */
export function boardHistoryView({ docId, edit }) {
  let fileUrl = null;
  return {
    noAuthorship: 'A board has no colours by author: what changed is outlined instead.',
    /** Draws the board at this point into `el`, outlining what changed since `previous`. */
    render(el, { content, previous }) {
      el.replaceChildren();
      el.classList.add('history-board');
      const doc = CanvasDoc.fromJSON(content);
      const marks = previous !== undefined ? boardChanges(previous, content) : { added: [], changed: [], removed: [] };
      const before = marks.removed.length ? CanvasDoc.fromJSON(previous) : null;
      const removed = marks.removed.map((o) => before.get(o.id)).filter(Boolean);
      const key = h('p', { class: 'history-board-key muted small' },
        `${doc.size} object${doc.size === 1 ? '' : 's'}`,
        previous !== undefined ? ` · outlined: ${marks.added.length} new, ${marks.changed.length} changed, ${marks.removed.length} removed` : '');
      const root = document.createElementNS(NS, 'svg');
      root.setAttribute('class', 'history-board-svg');
      root.setAttribute('role', 'img');
      root.setAttribute('aria-label', 'The board at this point (read-only)');
      el.append(key, root);
      const camera = new Camera();
      const box = extentOf([...doc.inTreeOrder(), ...removed]);
      const size = root.getBoundingClientRect();
      camera.fit(box, size.width || 600, size.height || 400, 24);
      const view = new BoardView(root, camera);
      view.render({ view: doc });
      const ghosts = document.createElementNS(NS, 'g');
      ghosts.setAttribute('class', 'history-board-removed');
      for (const o of removed) ghosts.append(view.draw(o, null, false));
      const outlines = document.createElementNS(NS, 'g');
      outlines.setAttribute('class', 'history-board-marks');
      const outline = (o, change) => {
        const b = boundsOf(o);
        const pad = 4 / camera.zoom;
        const r = document.createElementNS(NS, 'rect');
        for (const [k, v] of Object.entries({ x: b.x - pad, y: b.y - pad, width: b.w + 2 * pad, height: b.h + 2 * pad, 'data-id': o.id, 'data-change': change, class: `history-mark history-mark-${change}`, 'vector-effect': 'non-scaling-stroke' })) r.setAttribute(k, String(v));
        outlines.append(r);
      };
      for (const id of marks.added) outline(doc.get(id), 'added');
      for (const id of marks.changed) outline(doc.get(id), 'changed');
      for (const o of removed) outline(o, 'removed');
      view.world.insertBefore(ghosts, view.objects);
      view.world.append(outlines);
    },
    /** The board at this point as a JSON file (the server exports boards as JSON only). */
    downloads({ rev, content }) {
      if (fileUrl) URL.revokeObjectURL(fileUrl);
      fileUrl = URL.createObjectURL(new Blob([JSON.stringify(content, null, 2)], { type: 'application/json' }));
      return [h('a', { class: 'btn', href: fileUrl, download: `${docId}-r${rev}.json`, 'data-format': 'json' }, 'Download .json')];
    },
    applyOwnEdit: (opJson) => edit(opJson),
  };
}

