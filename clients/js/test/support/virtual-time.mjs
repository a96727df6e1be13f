// A deterministic clock and timer queue: setTimeout / setInterval that fire only when the
// test advances time. Timers due at the same moment fire in the order they were set.
export class VirtualTime {
  constructor() {
    this.time = 0;
    this.queue = [];
    this.nextId = 1;
    this.now = () => this.time;
    this.setTimeout = (fn, ms = 0) => this.add(fn, ms, 0);
    this.setInterval = (fn, ms) => this.add(fn, ms, Math.max(1, ms));
    this.clearTimeout = (id) => { this.queue = this.queue.filter((t) => t.id !== id); };
    this.clearInterval = this.clearTimeout;
  }

  add(fn, ms, every) {
    const id = this.nextId++;
    this.queue.push({ id, at: this.time + Math.max(0, ms || 0), fn, every, order: id });
    return id;
  }

  /** Runs every timer due up to `time + ms`, in order, and moves the clock there. */
  advance(ms) {
    const end = this.time + ms;
    for (;;) {
      let next = null;
      for (const t of this.queue) {
        if (t.at <= end && (!next || t.at < next.at || (t.at === next.at && t.order < next.order))) next = t;
      }
      if (!next) break;
      this.time = next.at;
      if (next.every) {
        next.at += next.every;
        next.order = this.nextId++;
      } else {
        this.queue = this.queue.filter((t) => t !== next);
      }
      next.fn();
    }
    this.time = end;
  }
}
