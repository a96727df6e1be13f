// Draws a board in SVG: every object in the order of the tree (a frame, then what sits in it,
// siblings by fractional index), this person's selection with its handles, other people's
// selections outlined in their colours with their names (and "… is typing" on a note being
// typed into), and the drafts of gestures (a shape being drawn, the selection rectangle).
// Only objects that changed are redrawn: objects are immutable, so a changed one is a new one.

import { prop, boundsOf, isLinear, holdsText } from './board-edits.js';

const NS = 'http://www.w3.org/2000/svg';
const XHTML = 'http://www.w3.org/1999/xhtml';
const HANDLE_PX = 10;

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

const paint = (c) => (c === 'none' || !c ? 'none' : c);

export class BoardView {
  /**
   * @param {SVGSVGElement} root the stage's svg element
   * @param {import('./camera.js').Camera} camera
   */
  constructor(root, camera) {
    this.root = root;
    this.camera = camera;
    root.append(svg('defs', {},
      svg('marker', { id: 'arrowhead', viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 5, markerHeight: 5, orient: 'auto-start-reverse' },
        svg('path', { d: 'M0 0 L10 5 L0 10 z', fill: 'context-stroke' })),
      svg('filter', { id: 'note-shadow', x: '-10%', y: '-10%', width: '130%', height: '140%' },
        svg('feDropShadow', { dx: 0, dy: 2, stdDeviation: 3, 'flood-opacity': 0.18 }))));
    this.world = svg('g', { class: 'board-world' });
    this.objects = svg('g', { class: 'board-objects' });
    this.remote = svg('g', { class: 'board-remote' });
    this.selection = svg('g', { class: 'board-selection' });
    this.draft = svg('g', { class: 'board-draft' });
    this.world.append(this.objects, this.remote, this.selection, this.draft);
    root.append(this.world);
    /** id -> { el, obj, key } */
    this.drawn = new Map();
    this.order = [];
  }

  /**
   * Draws `view` (a CanvasDoc) with `overrides` (id -> props of gestures in progress), the ids in
   * `selected`, `peers` (the roster), `editing` (the note being typed into here, drawn by the
   * note editor instead) and `me` ({ color }).
   */
  render({ view, overrides = {}, selected = new Set(), peers = [], editing = null, me = null }) {
    this.world.setAttribute('transform', `translate(${this.camera.ox} ${this.camera.oy}) scale(${this.camera.zoom})`);
    const objects = view.inTreeOrder();
    const ids = objects.map((o) => o.id);
    for (const o of objects) {
      const ov = overrides[o.id] || null;
      const key = `${ov ? JSON.stringify(ov) : ''}|${editing === o.id}`;
      const d = this.drawn.get(o.id);
      if (d && d.obj === o && d.key === key) continue;
      const el = this.draw(o, ov, editing === o.id);
      if (d) d.el.replaceWith(el);
      this.drawn.set(o.id, { el, obj: o, key });
    }
    for (const [id, d] of this.drawn) {
      if (!view.has(id)) {
        d.el.remove();
        this.drawn.delete(id);
      }
    }
    if (ids.length !== this.order.length || ids.some((id, i) => id !== this.order[i]) || this.objects.childElementCount !== ids.length) {
      this.objects.replaceChildren(...ids.map((id) => this.drawn.get(id).el));
      this.order = ids;
    }
    this.renderSelection(view, overrides, selected, me);
    this.renderPeers(view, overrides, peers);
  }

  draw(o, ov, editing) {
    const g = svg('g', { class: `obj obj-${o.kind}`, 'data-id': o.id, 'data-kind': o.kind });
    const b = boundsOf(o, ov);
    const p = (name) => prop(o, name, ov);
    const opacity = p('opacity');
    if (opacity !== null && opacity < 1) g.setAttribute('opacity', opacity);
    const stroke = { stroke: paint(p('stroke')), 'stroke-width': p('strokeWidth') ?? 0 };
    switch (o.kind) {
      case 'rectangle':
        g.append(svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 6, fill: paint(p('fill')), ...stroke }));
        break;
      case 'ellipse':
        g.append(svg('ellipse', { cx: b.x + b.w / 2, cy: b.y + b.h / 2, rx: b.w / 2, ry: b.h / 2, fill: paint(p('fill')), ...stroke }));
        break;
      case 'arrow':
      case 'line': {
        const x = p('x') || 0;
        const y = p('y') || 0;
        const pts = (p('points') || [0, 0, 0, 0]);
        const list = [];
        for (let i = 0; i < pts.length; i += 2) list.push(`${x + pts[i]},${y + pts[i + 1]}`);
        g.append(svg('polyline', { class: 'hit', points: list.join(' '), fill: 'none', stroke: 'transparent', 'stroke-width': 14, 'vector-effect': 'non-scaling-stroke' }));
        g.append(svg('polyline', { points: list.join(' '), fill: 'none', ...stroke, 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
          'marker-end': o.kind === 'arrow' ? 'url(#arrowhead)' : null }));
        break;
      }
      case 'frame':
        g.append(svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 4, fill: paint(p('fill')), ...stroke, class: 'frame-body' }));
        g.append(svg('text', { x: b.x + 2, y: b.y - 8, class: 'frame-name' }, p('name') || 'Frame'));
        break;
      default: { // sticky, text
        if (o.kind === 'sticky') g.append(svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 3, fill: paint(p('fill')), filter: 'url(#note-shadow)' }));
        else g.append(svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, fill: 'transparent', class: 'hit' }));
        if (!editing) {
          const fo = svg('foreignObject', { x: b.x, y: b.y, width: b.w, height: b.h });
          const div = document.createElementNS(XHTML, 'div');
          div.className = o.kind === 'sticky' ? 'note-text' : 'text-text';
          div.style.fontSize = `${p('fontSize') || 20}px`;
          if (o.kind === 'text') div.style.color = paint(p('fill'));
          div.style.textAlign = p('align') || (o.kind === 'sticky' ? 'center' : 'left');
          div.textContent = p('text') || '';
          fo.append(div);
          g.append(fo);
        }
      }
    }
    return g;
  }

  renderSelection(view, overrides, selected, me) {
    const parts = [];
    const z = this.camera.zoom;
    const ids = [...selected].filter((id) => view.has(id));
    for (const id of ids) {
      const o = view.get(id);
      const b = boundsOf(o, overrides[id]);
      parts.push(svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, class: 'sel-outline', 'vector-effect': 'non-scaling-stroke' }));
    }
    if (ids.length === 1) {
      const o = view.get(ids[0]);
      const ov = overrides[o.id];
      const h = HANDLE_PX / z;
      const handle = (name, cx, cy) => svg('rect', { x: cx - h / 2, y: cy - h / 2, width: h, height: h, class: `handle handle-${name}`, 'data-handle': name, 'vector-effect': 'non-scaling-stroke' });
      if (isLinear(o.kind)) {
        const x = prop(o, 'x', ov) || 0;
        const y = prop(o, 'y', ov) || 0;
        const pts = prop(o, 'points', ov) || [0, 0, 0, 0];
        parts.push(handle('p0', x + pts[0], y + pts[1]), handle('p1', x + pts[pts.length - 2], y + pts[pts.length - 1]));
      } else {
        const b = boundsOf(o, ov);
        parts.push(handle('nw', b.x, b.y), handle('ne', b.x + b.w, b.y), handle('sw', b.x, b.y + b.h), handle('se', b.x + b.w, b.y + b.h));
      }
    }
    if (me) this.selection.style.setProperty('--me', me.color);
    this.selection.replaceChildren(...parts);
  }

  renderPeers(view, overrides, peers) {
    const parts = [];
    const z = this.camera.zoom;
    for (const peer of peers) {
      const chosen = peer.sel && peer.sel.selected ? peer.sel.selected.filter((id) => view.has(id)) : [];
      chosen.forEach((id, i) => {
        const o = view.get(id);
        const b = boundsOf(o, overrides[id]);
        const typing = peer.typing && holdsText(o.kind);
        const g = svg('g', { class: typing ? 'peer-sel is-typing' : 'peer-sel', 'data-client': peer.client, 'data-id': id, style: `--who: ${peer.user.color}` });
        const pad = 3 / z;
        g.append(svg('rect', { x: b.x - pad, y: b.y - pad, width: b.w + 2 * pad, height: b.h + 2 * pad, class: 'peer-outline', 'vector-effect': 'non-scaling-stroke' }));
        if (i === 0 || typing) {
          const label = typing ? `${peer.user.name} is typing…` : peer.user.name;
          const fo = svg('foreignObject', { x: b.x - pad, y: b.y - pad - 24 / z, width: 400 / z, height: 22 / z, class: 'peer-tag-box' });
          const tag = document.createElementNS(XHTML, 'div');
          tag.className = 'peer-tag';
          tag.style.transform = `scale(${1 / z})`;
          tag.textContent = label;
          fo.append(tag);
          g.append(fo);
        }
        parts.push(g);
      });
    }
    this.remote.replaceChildren(...parts);
  }

  /** The draft of a gesture: { kind: 'box'|'ellipse'|'line'|'arrow'|'marquee', x, y, w, h, points }. */
  renderDraft(d) {
    if (!d) {
      this.draft.replaceChildren();
      return;
    }
    const common = { class: `draft draft-${d.kind}`, 'vector-effect': 'non-scaling-stroke' };
    if (d.kind === 'arrow' || d.kind === 'line') {
      this.draft.replaceChildren(svg('line', { x1: d.x, y1: d.y, x2: d.x2, y2: d.y2, ...common, 'marker-end': d.kind === 'arrow' ? 'url(#arrowhead)' : null }));
    } else if (d.kind === 'ellipse') {
      this.draft.replaceChildren(svg('ellipse', { cx: d.x + d.w / 2, cy: d.y + d.h / 2, rx: d.w / 2, ry: d.h / 2, ...common }));
    } else {
      this.draft.replaceChildren(svg('rect', { x: d.x, y: d.y, width: d.w, height: d.h, ...common }));
    }
  }
}
