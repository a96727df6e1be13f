// Offline use of one document in a browser tab: the tab's clientId for it (kept across reloads,
// unique per tab, see tab-identity.js) and the record saved in IndexedDB to continue from.
//
//   const offline = await openOffline('notes');
//   const client = new TandemClient({ clientId: offline.clientId, ... });
//   const doc = client.open('notes', { record: offline.record, save: offline.save });

import { recordsOf, saveRecord } from './offline-store.js';
import { claimClientId, newClientId } from './tab-identity.js';

/**
 * @param {string} docId
 * @returns {Promise<{ clientId: string, record: object | null, save: ((record: object) => Promise<void>) | null }>}
 *   `save` is null where IndexedDB cannot be used (some private modes): edits then live only as
 *   long as the tab.
 */
export async function openOffline(docId) {
  try {
    const records = await recordsOf(docId);
    const { clientId, record } = await claimClientId(docId, records);
    return { clientId, record, save: saveRecord };
  } catch {
    const key = `tandem.clientId.${docId}`;
    const id = sessionStorage.getItem(key) || newClientId();
    sessionStorage.setItem(key, id);
    return { clientId: id, record: null, save: null };
  }
}
