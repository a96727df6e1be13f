// Tandem's service worker: keeps the app shell (this page, its scripts and styles, and the SDK it
// runs on, served at /sdk/ from clients/js) in a cache so that / and any /d/<id> open without a
// network once the app has been visited. Documents
// themselves live in IndexedDB (js/store/offline-store.js), not here. The API, /ws, /sockjs and
// /health always go to the network.
//
// Bump VERSION whenever a file of the shell changes; SHELL must list every one of them (a test
// checks it against the files under webroot/ and the SDK's src/ and vendor/).

const VERSION = 'tandem-shell-v11';
const SHELL = [
  '/css/app.css',
  '/css/board.css',
  '/css/history.css',
  '/icons/tandem.svg',
  '/index.html',
  '/js/app/access.js',
  '/js/app/board/board-edits.js',
  '/js/app/board/board-page.js',
  '/js/app/board/board-tools.js',
  '/js/app/board/board-view.js',
  '/js/app/board/camera.js',
  '/js/app/board/note-editor.js',
  '/js/app/board/pointers.js',
  '/js/app/doc-page.js',
  '/js/app/doc-panels.js',
  '/js/app/doc-types.js',
  '/js/app/doc-type.js',
  '/js/app/dom.js',
  '/js/app/editors.js',
  '/js/app/history/board-history-view.js',
  '/js/app/history/history-api.js',
  '/js/app/history/history-panel.js',
  '/js/app/history/rich-text-history-view.js',
  '/js/app/history/text-history-view.js',
  '/js/app/history/timeline.js',
  '/js/app/home-page.js',
  '/js/app/identity-dialog.js',
  '/js/app/identity.js',
  '/js/app/languages.js',
  '/js/app/links.js',
  '/js/app/main.js',
  '/js/app/rich-text-editor.js',
  '/js/app/routes.js',
  '/js/app/status.js',
  '/js/app/text-editor.js',
  '/manifest.webmanifest',
  '/sdk/src/bindings/canvas/index.js',
  '/sdk/src/bindings/caret-styles.js',
  '/sdk/src/bindings/codemirror/carets.js',
  '/sdk/src/bindings/codemirror/index.js',
  '/sdk/src/bindings/codemirror/positions.js',
  '/sdk/src/bindings/quill/carets.js',
  '/sdk/src/bindings/quill/index.js',
  '/sdk/src/bindings/quill/quill-binding.js',
  '/sdk/src/bindings/text-binding.js',
  '/sdk/src/bindings/textarea/caret-overlay.js',
  '/sdk/src/bindings/textarea/index.js',
  '/sdk/src/bindings/textarea/text-diff.js',
  '/sdk/src/bindings/textarea/textarea-editor.js',
  '/sdk/src/bindings/undo-manager.js',
  '/sdk/src/client.js',
  '/sdk/src/document.js',
  '/sdk/src/index.js',
  '/sdk/src/net/backoff.js',
  '/sdk/src/net/connection.js',
  '/sdk/src/net/frames.js',
  '/sdk/src/net/transports.js',
  '/sdk/src/ot/client.js',
  '/sdk/src/ot/code-points.js',
  '/sdk/src/ot/ot-error.js',
  '/sdk/src/ot/selection.js',
  '/sdk/src/ot/text-operation.js',
  '/sdk/src/store/offline-store.js',
  '/sdk/src/store/offline.js',
  '/sdk/src/store/save-queue.js',
  '/sdk/src/store/tab-identity.js',
  '/sdk/src/sync/doc-record.js',
  '/sdk/src/sync/doc-sync.js',
  '/sdk/src/sync/presence.js',
  '/sdk/src/sync/recovery.js',
  '/sdk/src/sync/save-watch.js',
  '/sdk/src/sync/throttle.js',
  '/sdk/src/sync/wire.js',
  '/sdk/src/types/rich-text-json.js',
  '/sdk/src/types/rich-text.js',
  '/sdk/src/types/canvas/canvas-doc.js',
  '/sdk/src/types/canvas/fractional-index.js',
  '/sdk/src/types/canvas/index.js',
  '/sdk/src/types/canvas/operation.js',
  '/sdk/src/types/canvas/replica.js',
  '/sdk/src/types/canvas/schema.js',
  '/sdk/src/types/canvas/transform.js',
  '/sdk/src/types/canvas/undo.js',
  '/sdk/src/types/canvas/wire.js',
  '/sdk/src/types/text-positions.js',
  '/sdk/src/types/text.js',
  '/sdk/src/types/type.js',
  '/sdk/src/util/emitter.js',
  '/sdk/vendor/codemirror/chunks/chunk-3F4RDMZI.js',
  '/sdk/vendor/codemirror/chunks/chunk-6N2TEF6U.js',
  '/sdk/vendor/codemirror/chunks/chunk-BQ62NPQZ.js',
  '/sdk/vendor/codemirror/chunks/chunk-DJTZ7JTG.js',
  '/sdk/vendor/codemirror/chunks/chunk-DPOLU2AH.js',
  '/sdk/vendor/codemirror/chunks/chunk-MB6NMTQE.js',
  '/sdk/vendor/codemirror/chunks/chunk-Y4BGGEEW.js',
  '/sdk/vendor/codemirror/chunks/chunk-ZYXMXRHU.js',
  '/sdk/vendor/codemirror/commands.js',
  '/sdk/vendor/codemirror/lang-cpp.js',
  '/sdk/vendor/codemirror/lang-css.js',
  '/sdk/vendor/codemirror/lang-go.js',
  '/sdk/vendor/codemirror/lang-html.js',
  '/sdk/vendor/codemirror/lang-java.js',
  '/sdk/vendor/codemirror/lang-javascript.js',
  '/sdk/vendor/codemirror/lang-json.js',
  '/sdk/vendor/codemirror/lang-markdown.js',
  '/sdk/vendor/codemirror/lang-python.js',
  '/sdk/vendor/codemirror/lang-rust.js',
  '/sdk/vendor/codemirror/lang-sql.js',
  '/sdk/vendor/codemirror/lang-xml.js',
  '/sdk/vendor/codemirror/lang-yaml.js',
  '/sdk/vendor/codemirror/language.js',
  '/sdk/vendor/codemirror/state.js',
  '/sdk/vendor/codemirror/view.js',
  '/sdk/vendor/quill/chunks/chunk-2HJZSNWJ.js',
  '/sdk/vendor/quill/quill-delta.js',
  '/sdk/vendor/quill/quill.js',
  '/sdk/vendor/quill/quill.snow.css',
  '/sdk/vendor/fractional-indexing/index.js',
  '/sdk/vendor/sockjs-client/sockjs.min.js',
];
const NETWORK_ONLY = [/^\/api\//, /^\/ws(\/|$)/, /^\/sockjs(\/|$)/, /^\/health$/];
const NAVIGATION_TIMEOUT_MS = 4000;

const FETCH_ATTEMPTS = 4;
const FETCH_TIMEOUT_MS = 15000;

// Every file of the shell, or the install fails (a half-cached shell would open offline and then
// miss a module). One slow or dropped response should not cost the visitor offline use for the
// whole visit, so each file is fetched up to FETCH_ATTEMPTS times before giving up; the page
// registers again later if the install still fails (main.js).
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION)
    .then((cache) => Promise.all(SHELL.map((url) => shellResponse(url).then((response) => cache.put(url, response)))))
    .then(() => self.skipWaiting()));
});

/**
 * A fresh copy of one shell file, retried on network errors, 408, 429 and 5xx answers, and when
 * no answer comes within FETCH_TIMEOUT_MS (one hung request would otherwise hold the install,
 * and so offline use, for good).
 */
async function shellResponse(url) {
  for (let attempt = 1; ; attempt++) {
    let response = null;
    let failure = null;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`${url}: no answer in ${FETCH_TIMEOUT_MS} ms`)), FETCH_TIMEOUT_MS);
    try {
      response = await fetch(new Request(url, { cache: 'reload', signal: abort.signal }));
      if (response.ok) {
        // Read it whole here, under the same time limit, so that cache.put cannot hang on it.
        const body = await response.blob();
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      }
    } catch (e) {
      failure = abort.signal.aborted ? abort.signal.reason : e; // no network, reset, refused or too slow
    } finally {
      clearTimeout(timer);
    }
    if (response && !failure) {
      // Drain the refused answer: Chromium's HTTP cache keeps the URL locked until its body is
      // read, and the next attempt would wait behind it.
      await response.body?.cancel().catch(() => {});
      failure = new Error(`${url}: HTTP ${response.status}`);
      const transient = response.status === 408 || response.status === 429 || response.status >= 500;
      if (!transient) throw failure;
    }
    if (attempt >= FETCH_ATTEMPTS) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tandem-shell-') && k !== VERSION).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NETWORK_ONLY.some((re) => re.test(url.pathname))) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(shellFile(request, url.pathname));
  }
});

/** Pages: the network when it answers in time (fresh index.html), else the cached shell. */
async function navigation(request) {
  const cache = await caches.open(VERSION);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) {
      if ((response.headers.get('content-type') || '').includes('text/html')) cache.put('/index.html', response.clone());
      return response;
    }
    // A server error (or a proxy's) while the app is known: open the app from the cache.
    if (response.status >= 500) return (await cache.match('/index.html')) || response;
    return response;
  } catch {
    return (await cache.match('/index.html')) || Response.error();
  }
}

/** Scripts and styles: from the cache at once, refreshed in the background. */
async function shellFile(request, path) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match(path);
  const refresh = fetch(request).then((response) => {
    if (response.ok) cache.put(path, response.clone());
    return response;
  });
  if (cached) {
    refresh.catch(() => {});
    return cached;
  }
  return refresh;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
