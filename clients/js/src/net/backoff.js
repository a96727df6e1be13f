// Reconnect delays: exponential backoff with jitter, so that a thousand editors cut off by
// the same outage do not all come back in the same millisecond.

export const DEFAULT_BASE_MS = 500;
export const DEFAULT_CAP_MS = 30000;

/**
 * Delay before reconnect attempt number `attempt` (0 for the first retry): uniformly drawn
 * from the upper half of min(cap, base * 2^attempt), "equal jitter".
 */
export function backoffDelay(attempt, { baseMs = DEFAULT_BASE_MS, capMs = DEFAULT_CAP_MS, random = Math.random } = {}) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
