// The home page: start a new document, open one by link or name, reopen one kept on this device.

import { $, h, timeAgo } from './dom.js';
import { recentDocuments } from '/sdk/src/store/offline-store.js';
import { docPath, parseDocInput, localDocId, DOC_ID } from './routes.js';
import { authHeaders } from './access.js';

export function showHomePage() {
  document.title = 'Tandem';
  $('#home-view').hidden = false;
  const button = $('#new-doc');
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Creating…';
    location.assign(await createDocument());
  });
  $('#open-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = parseDocInput($('#open-input').value);
    if (!id) {
      $('#open-error').textContent = 'That is not a document link or name. Names use letters, digits, “.”, “-” and “_”.';
      $('#open-input').setAttribute('aria-invalid', 'true');
      $('#open-input').focus();
      return;
    }
    location.assign(docPath(id));
  });
  $('#open-input').addEventListener('input', () => {
    $('#open-error').textContent = '';
    $('#open-input').removeAttribute('aria-invalid');
  });
  listRecent();
}

/** Creates a document on the server; offline, names one here and lets the page create it later. */
async function createDocument() {
  try {
    const res = await fetch('/api/docs', { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders() }, body: '{}' });
    if (res.ok) {
      const { id } = await res.json();
      if (DOC_ID.test(id)) return docPath(id);
    }
  } catch {
    // offline: fall through
  }
  return `${docPath(localDocId())}?new=1`;
}

async function listRecent() {
  let docs = [];
  try {
    docs = await recentDocuments();
  } catch {
    return;
  }
  const list = $('#recent-list');
  list.replaceChildren(...docs.map((d) => {
    const firstLine = (d.base || '').split('\n').find((l) => l.trim()) || 'Empty document';
    return h('li', {}, h('a', { class: 'recent-card', href: docPath(d.doc) },
      h('span', { class: 'recent-name' }, d.doc),
      h('span', { class: 'recent-preview' }, firstLine.slice(0, 120)),
      h('span', { class: 'recent-meta' }, timeAgo(d.savedAt),
        d.unsent > 0 ? h('span', { class: 'badge' }, `${d.unsent} unsent`) : null)));
  }));
  $('#recent-empty').hidden = docs.length > 0;
}
