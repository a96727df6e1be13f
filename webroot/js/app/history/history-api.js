// The history's REST routes (docs/PROTOCOL.md, "History") for one document: editing sessions,
// named versions, contents at a revision, changes between revisions, authorship. Every request
// has a timeout; a refusal throws an Error carrying the server's code (`err.code`).

const TIMEOUT_MS = 15000;

export class HistoryError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** `headers()`: extra headers for every call (the access token's). */
export function historyApi(docId, { origin = '', headers = () => ({}) } = {}) {
  const base = `${origin}/api/docs/${encodeURIComponent(docId)}`;

  async function call(path, { method = 'GET', body } = {}) {
    let res;
    try {
      res = await fetch(base + path, {
        method,
        headers: { ...headers(), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      throw new HistoryError('UNAVAILABLE', navigator.onLine === false ? 'You are offline.' : `The server did not answer (${e.name}).`);
    }
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      const err = json && json.error;
      throw new HistoryError(err ? err.code : 'INTERNAL_ERROR', err ? err.message : `HTTP ${res.status}`);
    }
    return json;
  }

  return {
    /** Editing sessions, newest first, with revisions at or before `before` (default: the head). */
    sessions: ({ before, limit = 30 } = {}) => call(`/sessions?limit=${limit}${before !== undefined ? `&before=${before}` : ''}`),
    versions: () => call('/versions?limit=200'),
    nameVersion: (body) => call('/versions', { method: 'POST', body }),
    deleteVersion: (rev) => call(`/versions/${rev}`, { method: 'DELETE' }),
    /** The document at `rev`, in its type's JSON form: { rev, content }. */
    at: (rev) => call(`/at/${rev}`),
    /** What people did from revision `from` to `to`, one operation in the type's form. */
    changes: (from, to) => call(`/changes?from=${from}&to=${to}`),
    /** The operation that turns the document at `from` into the one at `to` (restore `to` on `from`). */
    diff: (from, to) => call(`/diff?from=${from}&to=${to}`),
    authorship: (rev) => call(`/authorship?rev=${rev}`),
    downloadUrl: (rev, format) => `${base}/at/${rev}?format=${encodeURIComponent(format)}&download=true`,
  };
}
