// Entry point: picks the page from the URL (/ or /d/<id>: a board for a canvas document, else
// the text page), makes sure the person has a name and a colour, and registers the service
// worker that keeps the app usable offline.

import { $ } from './dom.js';
import { loadIdentity, randomIdentity } from './identity.js';
import { editIdentity, showIdentity } from './identity-dialog.js';
import { showHomePage } from './home-page.js';
import { routeOf } from './routes.js';
import { showDocumentPage } from './doc-page.js';
import { documentTypeOf } from './doc-type.js';

async function main() {
  registerServiceWorker();
  let identity = loadIdentity();
  const firstVisit = !identity;
  if (!identity) identity = randomIdentity();
  showIdentity(identity);

  const route = routeOf(location.pathname);
  let page = null;
  if (route.page === 'doc') {
    const params = new URLSearchParams(location.search);
    const isNew = params.has('new');
    if (await documentTypeOf(route.id, params) === 'canvas') {
      const { showBoardPage } = await import('./board/board-page.js');
      page = await showBoardPage(route.id, identity, { isNew });
    } else {
      page = await showDocumentPage(route.id, identity, { isNew, search: location.search });
    }
  } else {
    showHomePage();
  }

  $('#me').addEventListener('click', async () => {
    const chosen = await editIdentity(identity);
    if (chosen) {
      identity = chosen;
      showIdentity(identity);
      if (page) page.setIdentity(identity);
    }
  });
  if (firstVisit) {
    identity = await editIdentity(identity, { firstVisit: true });
    showIdentity(identity);
    if (page) page.setIdentity(identity);
  }
}

const SW_RETRY_MS = [5000, 15000, 60000];

/**
 * Registers the service worker. An install that fails (a shell file could not be fetched even
 * after the worker's own retries) leaves no worker, and the browser would not try again until the
 * next visit: so the page registers again, a few times, later or when the network comes back.
 */
function registerServiceWorker(failures = 0) {
  if (!('serviceWorker' in navigator)) return;
  let retried = false;
  const retry = () => {
    if (retried || failures >= SW_RETRY_MS.length || navigator.serviceWorker.controller) return;
    retried = true;
    const again = () => registerServiceWorker(failures + 1);
    if (navigator.onLine) setTimeout(again, SW_RETRY_MS[failures]);
    else window.addEventListener('online', again, { once: true });
  };
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then((registration) => {
    const watch = (worker) => {
      if (worker) worker.addEventListener('statechange', () => { if (worker.state === 'redundant' && !registration.active) retry(); });
    };
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
  }, retry); // not on https or localhost, or blocked: the app still works online
}

main();
