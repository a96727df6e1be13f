// The board's camera: which part of the board the stage shows and how large. Board point
// (x, y) is at stage pixel (x * zoom + ox, y * zoom + oy). Each person has their own.

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 8;

export class Camera {
  constructor({ ox = 0, oy = 0, zoom = 1 } = {}) {
    this.ox = ox;
    this.oy = oy;
    this.zoom = zoom;
  }

  toBoard(sx, sy) {
    return [(sx - this.ox) / this.zoom, (sy - this.oy) / this.zoom];
  }

  toScreen(x, y) {
    return [x * this.zoom + this.ox, y * this.zoom + this.oy];
  }

  panBy(dx, dy) {
    this.ox += dx;
    this.oy += dy;
  }

  /** Zooms by `factor`, keeping the board point under stage pixel (sx, sy) where it is. */
  zoomAt(sx, sy, factor) {
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.zoom * factor));
    const k = zoom / this.zoom;
    this.ox = sx - (sx - this.ox) * k;
    this.oy = sy - (sy - this.oy) * k;
    this.zoom = zoom;
  }

  /** Shows board rectangle b ({ x, y, w, h }) in a stage of w x h pixels, with a margin. */
  fit(b, w, h, margin = 60) {
    if (!b || b.w <= 0 || b.h <= 0) {
      this.ox = w / 2;
      this.oy = h / 2;
      this.zoom = 1;
      return;
    }
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.min((w - 2 * margin) / b.w, (h - 2 * margin) / b.h, 1)));
    this.ox = (w - b.w * this.zoom) / 2 - b.x * this.zoom;
    this.oy = (h - b.h * this.zoom) / 2 - b.y * this.zoom;
  }
}
