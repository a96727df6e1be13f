// Tandem's service worker: keeps the app shell (this page, its scripts and styles) in a cache
// so that / and any /d/<id> open without a network once the app has been visited. Documents
// themselves live in IndexedDB (js/store/offline-store.js), not here. The API, /ws, /sockjs and
// /health always go to the network.
//
// Bump VERSION whenever a file of the shell changes; SHELL must list every one of them (a test
// checks it against the files under webroot/).

const VERSION = 'tandem-shell-v3';
const SHELL = [
  '/index.html',
  '/css/app.css',
  '/manifest.webmanifest',
  '/icons/tandem.svg',
  '/vendor/sockjs-client/sockjs.min.js',
  '/js/app/doc-page.js',
  '/js/app/doc-panels.js',
  '/js/app/dom.js',
  '/js/app/home-page.js',
  '/js/app/identity-dialog.js',
  '/js/app/identity.js',
  '/js/app/main.js',
  '/js/app/routes.js',
  '/js/app/status.js',
  '/js/editor/caret-overlay.js',
  '/js/editor/text-diff.js',
  '/js/editor/textarea-editor.js',
  '/js/editor/undo-manager.js',
  '/js/net/backoff.js',
  '/js/net/connection.js',
  '/js/net/frames.js',
  '/js/net/transports.js',
  '/js/ot/client.js',
  '/js/ot/code-points.js',
  '/js/ot/ot-error.js',
  '/js/ot/selection.js',
  '/js/ot/text-operation.js',
  '/js/store/offline-store.js',
  '/js/store/save-queue.js',
  '/js/store/tab-identity.js',
  '/js/sync/doc-record.js',
  '/js/sync/doc-sync.js',
  '/js/sync/positions.js',
  '/js/sync/recovery.js',
  '/js/sync/presence.js',
  '/js/sync/throttle.js',
  '/js/sync/wire.js',
  '/js/util/emitter.js',
];
const NETWORK_ONLY = [/^\/api\//, /^\/ws(\/|$)/, /^\/sockjs(\/|$)/, /^\/health$/];
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION)
    .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

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
