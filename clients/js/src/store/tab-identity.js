// The clientId of this tab for one document. It must be unique per tab (two tabs with one id
// would have their seqs taken for duplicates) and kept across reloads (so that a reload
// resubmits unacknowledged edits under the same id and the server recognises them).
//
// It lives in sessionStorage (kept across reloads of the tab) and in the IndexedDB record. A tab
// holds a Web Lock named after its id for as long as it lives: a duplicated tab (which copies
// sessionStorage) finds the lock taken and makes a new id, and a new tab can adopt the record of
// a tab that was closed with edits still unsent (its lock is free).

const KEY = (doc) => `tandem.clientId.${doc}`;
const LOCK = (id) => `tandem.client.${id}`;
const RELOAD_WAIT_MS = 1500;

export function newClientId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `c-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Tries to take the lock of `id` for the life of this page; resolves true if taken. With
 * `waitMs`, waits that long for it: after a reload the page being replaced may still hold it.
 */
function holdLock(id, waitMs = 0) {
  if (!navigator.locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    const options = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
    navigator.locks.request(LOCK(id), options, (lock) => {
      if (!lock) {
        resolve(false);
        return undefined;
      }
      resolve(true);
      return new Promise(() => {}); // held until the page goes away
    }).catch(() => resolve(false));
  });
}

/**
 * Picks this tab's clientId for `doc` given the saved records of that document. Returns
 * { clientId, record }: `record` is the saved state to continue from (ours, or an orphan's), or
 * a copy of the freshest text held by another live tab with no unsent edits, or null.
 */
export async function claimClientId(doc, records) {
  const remembered = sessionStorage.getItem(KEY(doc));
  const byId = new Map(records.map((r) => [r.clientId, r]));
  const candidates = [];
  if (remembered) candidates.push(remembered);
  if (navigator.locks) {
    // Orphans: records of tabs that are gone, those with unsent edits first.
    const orphans = records.filter((r) => r.clientId !== remembered)
      .sort((a, b) => unsent(b) - unsent(a) || b.savedAt - a.savedAt);
    candidates.push(...orphans.map((r) => r.clientId));
  }
  for (const id of candidates) {
    if (await holdLock(id, id === remembered ? RELOAD_WAIT_MS : 0)) {
      sessionStorage.setItem(KEY(doc), id);
      return { clientId: id, record: byId.get(id) || freshestCopy(records, id) };
    }
  }
  let id = newClientId();
  while (!(await holdLock(id))) id = newClientId();
  sessionStorage.setItem(KEY(doc), id);
  return { clientId: id, record: freshestCopy(records, id) };
}

function unsent(r) {
  return (r.inflight ? 1 : 0) + (r.buffer ? 1 : 0);
}

/** Another tab's text at its last server revision, as a starting point without its edits. */
function freshestCopy(records, clientId) {
  const newest = [...records].sort((a, b) => b.savedAt - a.savedAt)[0];
  if (!newest) return null;
  return { doc: newest.doc, clientId, type: newest.type, rev: newest.rev, base: newest.base, inflight: null, buffer: null, lastSeq: 0, create: newest.create };
}
