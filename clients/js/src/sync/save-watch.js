// Whether saving has stalled while the connection is up: our edits have waited for an ack for
// more than a couple of seconds, or the server said it cannot save right now (UNAVAILABLE: its
// database is away, say). The edits are kept and sent again (PROTOCOL.md's recovery table);
// this only tells the person, so a page can say "Saving paused" instead of "Saving…" forever.
//
//   no edits waiting ──edit──▶ waiting since t ──ack, edits left──▶ waiting since now
//        ▲                        │                                      │
//        └──────ack, none left────┴──────────── paused once now - t ≥ pausedAfterMs
//   and, whatever the edits: paused from an UNAVAILABLE until the next ack or opened.

/** How long our edits may wait for an ack, while connected, before saving counts as paused. */
export const SAVING_PAUSED_AFTER_MS = 2500;

export class SaveWatch {
  /**
   * @param {object} options
   * @param {any} [options.timers] setTimeout, clearTimeout and, for a virtual clock, now()
   * @param {number} [options.pausedAfterMs]
   * @param {() => void} [options.onChange] called when `paused()` turns true by itself, as time passes
   */
  constructor({ timers = globalThis, pausedAfterMs = SAVING_PAUSED_AFTER_MS, onChange = () => {} } = {}) {
    this.timers = timers;
    this.pausedAfterMs = pausedAfterMs;
    this.onChange = onChange;
    /** @type {number | null} since when our edits have waited for an ack (null: none waiting) */
    this.waitingSince = null;
    /** @type {number | null} when the server last said UNAVAILABLE (null: not since the last ack or open) */
    this.unavailableAt = null;
    this.timer = null;
  }

  now() {
    return typeof this.timers.now === 'function' ? this.timers.now() : Date.now();
  }

  /** Edits wait for an ack (made, or sent): starts the clock unless it runs. */
  waiting() {
    if (this.waitingSince !== null) return;
    this.waitingSince = this.now();
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, this.pausedAfterMs);
  }

  /** The server made progress (an ack, or a fresh connection): `unsent` edits still wait. */
  progress(unsent) {
    this.unavailableAt = null;
    this.waitingSince = null;
    this.clearTimer();
    if (unsent > 0) this.waiting();
  }

  /** The server said it cannot save now. */
  unavailable() {
    this.unavailableAt = this.now();
  }

  /** The document opened: the server answers again; waiting edits keep their clock. */
  opened() {
    this.unavailableAt = null;
  }

  /** No connection: nothing is paused, it is offline (the clock starts again on the next connection). */
  stop() {
    this.unavailableAt = null;
    this.waitingSince = null;
    this.clearTimer();
  }

  /** Whether saving is paused at `now`. */
  paused(now = this.now()) {
    return this.unavailableAt !== null || (this.waitingSince !== null && now - this.waitingSince >= this.pausedAfterMs);
  }

  clearTimer() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
