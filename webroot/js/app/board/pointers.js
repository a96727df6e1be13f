// Other people's mouse pointers on the board, with their names and colours. Pointers arrive at
// most twenty times a second; each one glides toward where it was last reported (exponential
// smoothing, a time constant of 60 ms per animation frame), so it moves smoothly between reports
// instead of jumping. Drawn over the stage in screen pixels, so they keep their size at any zoom.

import { initials } from '../identity-dialog.js';

const TIME_CONSTANT_MS = 60;
const SETTLED = 0.05; // board units: close enough to stop animating
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Moves `shown` toward `target` for `dt` ms; returns the new position. Exported for tests. */
export function glide(shown, target, dt, tau = TIME_CONSTANT_MS) {
  const k = 1 - Math.exp(-Math.max(0, dt) / tau);
  return [shown[0] + (target[0] - shown[0]) * k, shown[1] + (target[1] - shown[1]) * k];
}

export class Pointers {
  /**
   * @param {HTMLElement} layer positioned over the stage
   * @param {import('./camera.js').Camera} camera
   */
  constructor(layer, camera) {
    this.layer = layer;
    this.camera = camera;
    /** client -> { el, shown, target, name, color } */
    this.peers = new Map();
    this.frame = 0;
    this.last = 0;
  }

  /** The roster changed: [{ client, user, sel }]. */
  update(peers) {
    const seen = new Set();
    for (const p of peers) {
      const target = p.sel && p.sel.pointer;
      if (!target) continue;
      seen.add(p.client);
      let entry = this.peers.get(p.client);
      if (!entry) {
        entry = { el: this.makeElement(), shown: [...target], target: [...target] };
        this.peers.set(p.client, entry);
        this.layer.append(entry.el);
      }
      entry.target = [...target];
      if (entry.name !== p.user.name || entry.color !== p.user.color) {
        entry.name = p.user.name;
        entry.color = p.user.color;
        entry.el.style.setProperty('--who', p.user.color);
        entry.el.querySelector('.pointer-name').textContent = p.user.name;
        entry.el.dataset.client = p.client;
        entry.el.setAttribute('aria-label', `${p.user.name}'s pointer`);
        entry.el.title = initials(p.user.name);
      }
    }
    for (const [client, entry] of this.peers) {
      if (!seen.has(client)) {
        entry.el.remove();
        this.peers.delete(client);
      }
    }
    this.animate();
  }

  makeElement() {
    const el = document.createElement('div');
    el.className = 'pointer';
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 16 20');
    svg.setAttribute('class', 'pointer-arrow');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', 'M1 1 L1 16 L5 12 L8 19 L11 17.6 L8 11 L14 11 Z');
    svg.append(path);
    const name = document.createElement('span');
    name.className = 'pointer-name';
    el.append(svg, name);
    return el;
  }

  /** Places every pointer now (the camera moved) and keeps gliding those not there yet. */
  animate() {
    if (this.frame) return;
    this.last = performance.now();
    const step = (now) => {
      const dt = now - this.last;
      this.last = now;
      let moving = false;
      for (const entry of this.peers.values()) {
        entry.shown = glide(entry.shown, entry.target, dt);
        if (Math.abs(entry.shown[0] - entry.target[0]) + Math.abs(entry.shown[1] - entry.target[1]) > SETTLED) moving = true;
        else entry.shown = [...entry.target];
        const [sx, sy] = this.camera.toScreen(entry.shown[0], entry.shown[1]);
        entry.el.style.transform = `translate(${sx}px, ${sy}px)`;
      }
      this.frame = moving ? requestAnimationFrame(step) : 0;
    };
    this.frame = requestAnimationFrame(step);
  }
}
