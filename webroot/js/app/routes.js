// Document ids and the URLs of the app's pages.

export const DOC_ID = /^[A-Za-z0-9._-]{1,128}$/;

export const docPath = (id) => `/d/${encodeURIComponent(id)}`;

/**
 * The link to a new document of type `type`: it names the type unless it is text (the default),
 * and, for one named here while the server is out of reach, asks the page to start it (?new=1).
 */
export function newDocPath(id, type, startHere) {
  const query = new URLSearchParams();
  if (startHere) query.set('new', '1');
  if (type !== 'text') query.set('type', type);
  const q = query.toString();
  return q ? `${docPath(id)}?${q}` : docPath(id);
}

/** The text of a document as kept on this device (its record's `base`: a string, a Delta's inserts, a board's object count). */
export function previewOf(base) {
  if (typeof base === 'string') return base;
  if (base && Array.isArray(base.ops)) return base.ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  if (base && Array.isArray(base.objects)) return `Board · ${base.objects.length} objects`;
  return '';
}

/** { page: 'home' } or { page: 'doc', id } for a URL path. */
export function routeOf(pathname) {
  const m = /^\/d\/([^/]+)\/?$/.exec(pathname);
  if (m) {
    const id = safeDecode(m[1]);
    if (id !== null && DOC_ID.test(id)) return { page: 'doc', id };
  }
  return { page: 'home' };
}

/** The document id in what the person typed: an id, or a link whose path has /d/<id>. */
export function parseDocInput(input) {
  const text = input.trim();
  if (DOC_ID.test(text)) return text;
  const m = /\/d\/([^/?#\s]+)/.exec(text);
  if (!m) return null;
  const id = safeDecode(m[1]);
  return id !== null && DOC_ID.test(id) ? id : null;
}

/** A fresh id made in the browser, for a document created while the server cannot be reached. */
export function localDocId(random = (n) => crypto.getRandomValues(new Uint8Array(n))) {
  return `doc-${[...random(8)].map((b) => (b % 36).toString(36)).join('')}`;
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
