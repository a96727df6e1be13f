// The home page: start a new document of a chosen kind, open one by link or name, reopen one
// kept on this device.

import { $, h, timeAgo } from './dom.js';
import { recentDocuments } from '/sdk/src/store/offline-store.js';
import { docPath, parseDocInput, localDocId, newDocPath, previewOf, DOC_ID } from './routes.js';
import { DOC_TYPES } from './doc-types.js';

const KIND_KEY = 'tandem.newDocType';
import { authHeaders } from './access.js';

export function showHomePage() {
  document.title = 'Tandem';
  $('#home-view').hidden = false;
  showKinds();
  const button = $('#new-doc');
  button.addEventListener('click', async () => {
    const kind = chosenKind();
    try {
      localStorage.setItem(KIND_KEY, kind);
    } catch {
      // storage refused: the choice is not remembered
    }
    button.disabled = true;
    button.textContent = 'Creating…';
    location.assign(await createDocument(kind));
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

/** The kinds of document to choose from (doc-types.js), the last one used chosen. */
function showKinds() {
  let last = null;
  try {
    last = localStorage.getItem(KIND_KEY);
  } catch {
    // no storage: the first kind
  }
  const chosen = DOC_TYPES.some((k) => k.name === last) ? last : DOC_TYPES[0].name;
  $('#new-doc-kinds').replaceChildren(...DOC_TYPES.map((k) => h('label', { class: 'kind' },
    h('input', { type: 'radio', name: 'kind', value: k.name, checked: k.name === chosen }),
    h('span', { class: 'kind-label' }, k.label),
    h('span', { class: 'kind-hint' }, k.hint))));
}

function chosenKind() {
  const input = document.querySelector('#new-doc-kinds input[name="kind"]:checked');
  return input ? input.value : DOC_TYPES[0].name;
}

/** Creates a document of type `kind` on the server; offline, names one here and lets the page create it later. */
async function createDocument(kind) {
  try {
    const res = await fetch('/api/docs', { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders() }, body: JSON.stringify({ type: kind }) });
    if (res.ok) {
      const { id } = await res.json();
      if (DOC_ID.test(id)) return newDocPath(id, kind, false);
    }
  } catch {
    // offline: fall through
  }
  return newDocPath(localDocId(), kind, true);
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
    const firstLine = previewOf(d.base).split('\n').find((l) => l.trim()) || 'Empty document';
    return h('li', {}, h('a', { class: 'recent-card', href: docPath(d.doc) },
      h('span', { class: 'recent-name' }, d.doc),
      h('span', { class: 'recent-preview' }, firstLine.slice(0, 120)),
      h('span', { class: 'recent-meta' }, timeAgo(d.savedAt),
        d.unsent > 0 ? h('span', { class: 'badge' }, `${d.unsent} unsent`) : null)));
  }));
  $('#recent-empty').hidden = docs.length > 0;
}
