// Which page shows /d/<id>: the document's type, as this device last saw it (its offline record),
// else as the server says (REST), else as the link asks for a document that does not exist yet
// (`?type=canvas`), else text.

import { recordsOf } from '/sdk/src/store/offline-store.js';
import { authHeaders } from './access.js';

/** The types the app shows (canvas on the board page, the others on the document page); any other shows as text. */
export const PAGE_TYPES = ['text', 'rich-text', 'canvas'];
const LOOKUP_TIMEOUT_MS = 3000;

/**
 * @param {string} id
 * @param {URLSearchParams} params the page's query
 * @param {{ records?: (id: string) => Promise<any[]>, fetch?: typeof fetch }} [deps]
 */
export async function documentTypeOf(id, params, { records = recordsOf, fetch: get = (...a) => fetch(...a) } = {}) {
  try {
    const known = (await records(id)).find((r) => typeof r.type === 'string');
    if (known) return known.type;
  } catch {
    // no IndexedDB here: ask the server
  }
  try {
    const res = await get(`/api/docs/${encodeURIComponent(id)}`, { headers: authHeaders(), signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
    if (res.ok) {
      const { type } = await res.json();
      if (typeof type === 'string') return type;
    }
  } catch {
    // offline, or the server is slow: the link decides
  }
  const asked = params.get('type');
  return asked && PAGE_TYPES.includes(asked) ? asked : 'text';
}
