// IndexedDB storage of documents for offline use: per document and tab (clientId), the text at
// the last known server revision and the edits not yet acknowledged (see sync/doc-record.js).
// A reload while offline shows the document from here and lets the person keep typing.

const DB_NAME = 'tandem';
const DB_VERSION = 1;
const DOCS = 'docs';

let dbPromise = null;

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(DOCS)) {
          const store = db.createObjectStore(DOCS, { keyPath: ['doc', 'clientId'] });
          store.createIndex('byDoc', 'doc');
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('the offline store is blocked by another tab'));
    }).catch((e) => {
      dbPromise = null;
      throw e;
    });
  }
  return dbPromise;
}

function request(mode, fn) {
  return openDb().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(DOCS, mode);
    const result = fn(tx.objectStore(DOCS));
    tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
  }));
}

/** Saves one document record ({ doc, clientId, ... }). */
export function saveRecord(record) {
  return request('readwrite', (store) => store.put({ ...record, savedAt: Date.now() }));
}

/** Every saved record of document `doc` (one per tab that edited it). */
export function recordsOf(doc) {
  return request('readonly', (store) => store.index('byDoc').getAll(IDBKeyRange.only(doc)));
}

export function deleteRecord(doc, clientId) {
  return request('readwrite', (store) => store.delete([doc, clientId]));
}

/** The documents kept on this device, newest first: [{ doc, type, savedAt, base, unsent }] (`base` in its type's JSON form). */
export async function recentDocuments(limit = 12) {
  const all = await request('readonly', (store) => store.getAll());
  const newest = new Map();
  for (const r of all || []) {
    const prev = newest.get(r.doc);
    const unsent = (r.inflightEdits || 0) + (r.bufferedEdits || 0) + (prev ? prev.unsent : 0);
    if (!prev || r.savedAt > prev.savedAt) newest.set(r.doc, { doc: r.doc, type: r.type || 'text', savedAt: r.savedAt, base: r.base, unsent });
    else prev.unsent = unsent;
  }
  return [...newest.values()].sort((a, b) => b.savedAt - a.savedAt).slice(0, limit);
}

/** True when IndexedDB can be used here (not in some private modes). */
export async function storeAvailable() {
  try {
    await openDb();
    return true;
  } catch {
    return false;
  }
}
