// What the pointer and the keyboard do on the board, one gesture at a time:
//
//   select     click selects (shift adds), drag moves the selection (and what sits in frames),
//              a handle resizes, dragging empty board draws a selection rectangle
//   hand       drag pans (also the middle button, or space held, with any tool)
//   rectangle, ellipse, frame   drag draws one (a click makes one of the default size)
//   arrow      drag from tail to head
//   sticky, text   click puts one there and starts typing into it
//
// A drag shows its result at once (overrides drawn by the view) and is sent twenty times a
// second as sets of x and y, all steps of one drag joined into one undo entry; when it ends,
// a shape whose centre lies in a frame goes into that frame. The wheel pans; with Ctrl or Cmd
// (or a pinch) it zooms at the pointer.

import {
  createObject, dragStarts, dragOverrides, changesFor, resizeOverrides, dropChanges, deleteChanges, restackChanges,
  objectsIn, boundsOf, holdsText, isLinear, frameAt, adoptChanges, DEFAULTS,
} from './board-edits.js';

export const TOOLS = [
  { id: 'select', key: 'v', label: 'Select' },
  { id: 'hand', key: 'h', label: 'Hand (pan)' },
  { id: 'rectangle', key: 'r', label: 'Rectangle' },
  { id: 'ellipse', key: 'o', label: 'Ellipse' },
  { id: 'arrow', key: 'a', label: 'Arrow' },
  { id: 'sticky', key: 's', label: 'Sticky note' },
  { id: 'text', key: 't', label: 'Text' },
  { id: 'frame', key: 'f', label: 'Frame' },
];

const SEND_EVERY_MS = 50; // a drag reaches the others twenty times a second
const DRAG_THRESHOLD_PX = 3;
const DOUBLE_PRESS_MS = 450;

export class BoardTools {
  /**
   * @param {object} page { stage, camera, board, render(), selected: Set, setSelected(ids),
   *   overrides, draft(d), notes: NoteEditor, onTool(tool), pointerAt(point | null) }
   */
  constructor(page) {
    this.page = page;
    this.tool = 'select';
    this.gesture = null;
    this.space = false;
    const stage = page.stage;
    stage.addEventListener('pointerdown', (e) => this.down(e));
    stage.addEventListener('pointermove', (e) => this.move(e));
    stage.addEventListener('pointerup', (e) => this.up(e));
    stage.addEventListener('pointercancel', (e) => this.up(e, true));
    stage.addEventListener('pointerleave', () => { if (!this.gesture) page.pointerAt(null); });
    stage.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    document.addEventListener('keydown', (e) => this.key(e));
    document.addEventListener('keyup', (e) => { if (e.key === ' ') this.space = false; });
  }

  setTool(tool) {
    this.tool = tool;
    this.page.stage.dataset.tool = tool;
    this.page.onTool(tool);
  }

  point(e) {
    const r = this.page.stage.getBoundingClientRect();
    return { sx: e.clientX - r.left, sy: e.clientY - r.top, board: this.page.camera.toBoard(e.clientX - r.left, e.clientY - r.top) };
  }

  down(e) {
    const { page } = this;
    if (this.gesture || (e.button !== 0 && e.button !== 1)) return;
    // The tool bars sit on the stage: their buttons are not the board.
    if (e.target.closest('.board-toolbar, .board-propbar, .board-zoom, .board-notice, .note-editor')) return;
    if (page.notes.open && !e.target.closest('.note-editor')) page.notes.close();
    if (!page.board.canEdit && this.tool !== 'hand' && e.button === 0 && !this.space) return;
    const at = this.point(e);
    page.stage.setPointerCapture(e.pointerId);
    if (e.button === 1 || this.space || this.tool === 'hand') {
      this.gesture = { kind: 'pan', last: at };
      return;
    }
    const [x, y] = at.board;
    const handle = e.target.closest('[data-handle]');
    const hit = e.target.closest('.board-objects [data-id]');
    if (this.tool === 'select') {
      // A second press on one note within a moment opens it for typing. (Counted here: the
      // stage captures the pointer, so the browser's dblclick would name the stage, not the note.)
      const now = performance.now();
      const again = hit && this.lastPress && this.lastPress.id === hit.dataset.id && now - this.lastPress.at < DOUBLE_PRESS_MS;
      this.lastPress = hit ? { id: hit.dataset.id, at: now } : null;
      if (again && this.openNote(hit.dataset.id)) {
        this.lastPress = null;
        page.stage.releasePointerCapture(e.pointerId);
        return;
      }
      if (handle && page.selected.size === 1) {
        const id = [...page.selected][0];
        this.gesture = { kind: 'resize', id, handle: handle.dataset.handle, first: true, sentAt: 0, at };
      } else if (hit) {
        const id = hit.dataset.id;
        if (e.shiftKey) {
          const next = new Set(page.selected);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          page.setSelected(next);
        } else if (!page.selected.has(id)) {
          page.setSelected(new Set([id]));
        }
        const ids = [...page.selected];
        this.gesture = { kind: 'move', ids, starts: dragStarts(page.board.view, ids), at, first: true, sentAt: 0, moved: false };
      } else {
        if (!e.shiftKey) page.setSelected(new Set());
        this.gesture = { kind: 'marquee', x, y, at };
      }
      return;
    }
    this.gesture = { kind: 'draw', tool: this.tool, x, y, at };
  }

  move(e) {
    const { page } = this;
    const at = this.point(e);
    page.pointerAt(at.board);
    const g = this.gesture;
    if (!g) return;
    const [x, y] = at.board;
    if (g.kind === 'pan') {
      page.camera.panBy(at.sx - g.last.sx, at.sy - g.last.sy);
      g.last = at;
      page.render();
    } else if (g.kind === 'move') {
      if (!g.moved && Math.hypot(at.sx - g.at.sx, at.sy - g.at.sy) < DRAG_THRESHOLD_PX) return;
      g.moved = true;
      const z = page.camera.zoom;
      page.overrides = dragOverrides(g.starts, (at.sx - g.at.sx) / z, (at.sy - g.at.sy) / z);
      this.sendSoon(g);
      page.render();
    } else if (g.kind === 'resize') {
      const o = page.board.view.get(g.id);
      if (!o) return;
      page.overrides = { [g.id]: resizeOverrides(o, g.handle, x, y) };
      this.sendSoon(g);
      page.render();
    } else if (g.kind === 'marquee' || (g.kind === 'draw' && !holdsText(g.tool))) {
      page.draft(this.draftOf(g, x, y));
    }
  }

  up(e, cancelled = false) {
    const { page } = this;
    const g = this.gesture;
    if (!g) return;
    this.gesture = null;
    if (page.stage.hasPointerCapture(e.pointerId)) page.stage.releasePointerCapture(e.pointerId);
    if (cancelled) {
      page.overrides = {};
      page.draft(null);
      page.render();
      return;
    }
    const [x, y] = this.point(e).board;
    if (g.kind === 'move' || g.kind === 'resize') {
      if (g.kind === 'move' && !g.moved) return;
      this.send(g);
      page.overrides = {};
      if (g.kind === 'move') {
        const drops = dropChanges(page.board.view, g.ids);
        if (drops.length) page.board.edit(drops, { mergeUndo: true });
      }
      page.render();
    } else if (g.kind === 'marquee') {
      const r = this.draftOf(g, x, y);
      page.draft(null);
      if (r.w > 2 || r.h > 2) page.setSelected(new Set([...(e.shiftKey ? page.selected : []), ...objectsIn(page.board.view, r)]));
    } else if (g.kind === 'draw') {
      page.draft(null);
      const d = this.draftOf(g, x, y);
      const clicked = Math.hypot(x - g.x, y - g.y) * page.camera.zoom < 4;
      if (holdsText(g.tool)) {
        // Started here, once the click is over: the press would take the focus back from the note.
        const def = DEFAULTS[g.tool];
        const id = this.create(g.tool, { x: g.x - def.width / 2, y: g.y - def.height / 2 });
        this.setTool('select');
        page.notes.start(id);
        return;
      }
      if (isLinear(g.tool)) {
        const [dx, dy] = clicked ? [120, 0] : [d.x2 - d.x, d.y2 - d.y];
        this.create(g.tool, { x: d.x, y: d.y, points: [0, 0, dx, dy] });
      } else if (clicked) {
        const def = DEFAULTS[g.tool];
        this.create(g.tool, { x: g.x - def.width / 2, y: g.y - def.height / 2 });
      } else {
        this.create(g.tool, { x: d.x, y: d.y, width: d.w, height: d.h });
      }
      this.setTool('select');
    }
  }

  /** Sends the drag's current state if the last send is 50 ms old; the rest goes at the end. */
  sendSoon(g) {
    const now = performance.now();
    if (now - g.sentAt < SEND_EVERY_MS) return;
    g.sentAt = now;
    this.send(g);
  }

  send(g) {
    const { page } = this;
    const changes = changesFor(page.board.view, page.overrides);
    if (changes.length === 0) return;
    page.board.edit(changes, { mergeUndo: !g.first });
    g.first = false;
  }

  draftOf(g, x, y) {
    return {
      kind: g.kind === 'marquee' ? 'marquee' : g.tool,
      x: Math.min(g.x, x), y: Math.min(g.y, y), w: Math.abs(x - g.x), h: Math.abs(y - g.y),
      ...(g.kind === 'draw' && isLinear(g.tool) ? { x: g.x, y: g.y, x2: x, y2: y } : { x2: x, y2: y }),
    };
  }

  /** Creates an object (in the frame under its centre), selects it; returns its id. */
  create(kind, geometry) {
    const { page } = this;
    const view = page.board.view;
    const probe = { kind, props: { ...DEFAULTS[kind], ...geometry } };
    const b = boundsOf(/** @type {any} */ (probe));
    const under = kind === 'frame' ? null : frameAt(view, b.x + b.w / 2, b.y + b.h / 2);
    const frame = under ? under.id : null;
    const { id, changes } = createObject(view, kind, { ...geometry, parent: frame });
    if (kind === 'frame') changes.push(...adoptChanges(view, id, b));
    page.board.edit(changes);
    page.setSelected(new Set([id]));
    return id;
  }

  /** Starts typing into note `id` (sticky or text); false if it is not one. */
  openNote(id) {
    const o = this.page.board.view.get(id);
    if (!o || !holdsText(o.kind)) return false;
    this.page.setSelected(new Set([o.id]));
    // After the press is over: the press would take the focus back from the note.
    setTimeout(() => this.page.notes.start(o.id), 0);
    return true;
  }

  wheel(e) {
    e.preventDefault();
    const at = this.point(e);
    if (e.ctrlKey || e.metaKey) this.page.camera.zoomAt(at.sx, at.sy, Math.exp(-e.deltaY / 300));
    else this.page.camera.panBy(-e.deltaX, -e.deltaY);
    this.page.render();
  }

  key(e) {
    const { page } = this;
    if (e.target.closest && e.target.closest('input, textarea, select, [contenteditable], dialog')) return;
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === ' ') {
      this.space = true;
      return;
    }
    if (mod && (e.key === 'z' || e.key === 'Z')) {
      e.preventDefault();
      if (e.shiftKey) page.board.redo(); else page.board.undo();
      return;
    }
    if (mod && e.key === 'y') {
      e.preventDefault();
      page.board.redo();
      return;
    }
    if (!page.board.canEdit) return;
    const ids = [...page.selected];
    if ((e.key === 'Delete' || e.key === 'Backspace') && ids.length) {
      e.preventDefault();
      page.board.edit(deleteChanges(page.board.view, ids));
      page.setSelected(new Set());
    } else if (mod && (e.key === ']' || e.key === '[') && ids.length) {
      e.preventDefault();
      page.board.edit(restackChanges(page.board.view, ids, e.key === ']'));
    } else if (e.key === 'Escape') {
      page.setSelected(new Set());
      this.setTool('select');
    } else if (e.key === 'Enter' && ids.length === 1 && holdsText(page.board.view.get(ids[0])?.kind)) {
      e.preventDefault();
      page.notes.start(ids[0]);
    } else if (e.key.startsWith('Arrow') && ids.length) {
      e.preventDefault();
      const step = e.shiftKey ? 10 : 1;
      const [dx, dy] = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
      page.board.edit(changesFor(page.board.view, dragOverrides(dragStarts(page.board.view, ids), dx, dy)));
    } else if (!mod && !e.altKey) {
      const tool = TOOLS.find((t) => t.key === e.key.toLowerCase());
      if (tool) this.setTool(tool.id);
    }
  }
}
