// Document ids and the URLs of the app's pages.

export const DOC_ID = /^[A-Za-z0-9._-]{1,128}$/;

export const docPath = (id) => `/d/${encodeURIComponent(id)}`;

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
