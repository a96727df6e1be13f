// Rate limiting for presence: at most one call per `intervalMs` (50 ms = 20 per second, the
// protocol's limit). Calls in between are folded into one trailing call, so the last state
// always goes out. The function reads the state when it runs, so it takes no arguments.

/**
 * @param {() => void} fn
 * @param {number} intervalMs
 * @param {{ timers?: any, now?: () => number }} [options]
 * @returns {(() => void) & { cancel: () => void }}
 */
export function throttle(fn, intervalMs, { timers = globalThis, now = () => Date.now() } = {}) {
  let last = -Infinity;
  let timer = null;
  const fire = () => {
    timer = null;
    last = now();
    fn();
  };
  const call = () => {
    if (timer !== null) return;
    const wait = last + intervalMs - now();
    if (wait <= 0) fire();
    else timer = timers.setTimeout(fire, wait);
  };
  call.cancel = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  return call;
}
