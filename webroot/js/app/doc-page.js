// The document page: opens the document through the SDK (served at /sdk/, clients/js), shows it
// in the editor of its type (doc-types.js) and wires the page around it (status, people, notices,
// buttons). Everything about syncing, presence, offline records, IME and undo lives in the SDK.
//
// The type comes from what this device kept of the document, else from the link (?type=, as a
// new document's link carries it), else from the server: the document is opened without one and
// takes the type `opened.docType` names, and only then is that type's editor loaded.

import { $, copyText, toast } from './dom.js';
import { renderStatus, renderFacts, renderPeople, showNotice, downloadText } from './doc-panels.js';
import { docKindNamed, loadDocumentType } from './doc-types.js';
import { docPath } from './routes.js';
import { mountHistoryPanel } from './history/history-panel.js';
import { textHistoryView } from './history/text-history-view.js';
import { richTextHistoryView } from './history/rich-text-history-view.js';
import { askForToken, authHeaders, currentToken } from './access.js';
import { historyApi } from './history/history-api.js';
import { TandemClient, openOffline } from '/sdk/src/index.js';

export async function showDocumentPage(docId, identity, { isNew = false, search = '' } = {}) {
  document.title = `${docId} · Tandem`;
  $('#doc-view').hidden = false;
  $('#doc-header').hidden = false;
  $('#share').hidden = false;
  $('#doc-title').textContent = docId;
  const params = new URLSearchParams(search);

  const offline = await openOffline(docId);
  const wanted = (offline.record && offline.record.type) || params.get('type') || null;
  // The token is asked for before every connection, so one pasted after the old expired is used.
  const client = new TandemClient({ clientId: offline.clientId, user: identity, token: () => currentToken() });
  // A link to a document that does not exist yet creates it (create: true), of the type the
  // link names (text without one); with no server in reach, it starts here and is created once
  // the connection comes back.
  let type = null;
  if (wanted) {
    try {
      type = await loadDocumentType(wanted);
    } catch (e) {
      showNotice({ tone: 'warn', title: 'This link names a kind of document this app does not have.', text: e.message });
      return null;
    }
  }
  const doc = client.open(docId, { type, resolveType: loadDocumentType, record: offline.record, save: offline.save });
  let me = identity;
  let everConnected = false;
  let editor = null; // once the document's type is known and its editor is shown
  let frame = 0;
  let isRefused = false; // the status pill says so until the document opens after all
  const refused = (msg) => {
    isRefused = true;
    showNotice({ tone: 'warn', title: 'The server refused this document.', text: msg.message || msg.code });
    render();
  };
  doc.on('fatal', refused);
  doc.on('notFound', () => refused({ message: `There is no document called “${docId}”.` }));
  doc.on('change', () => render());
  doc.on('peers', () => render());
  doc.on('opened', () => {
    everConnected = true;
    isRefused = false;
    if ($('#notice').dataset.kind === 'waiting') showNotice(null);
    render();
  });
  client.on('state', () => render());
  if (!offline.record && (isNew || !navigator.onLine)) {
    doc.startHere();
    if (!isNew) {
      showNotice({
        kind: 'waiting', title: 'You are offline.',
        text: 'This document has not been opened on this device yet: what you type is kept here and merged into it when the connection is back.',
      });
    }
  }
  if (isNew) history.replaceState(null, '', `/d/${encodeURIComponent(docId)}${location.search.replace(/([?&])new=1&?/, '$1').replace(/[?&]$/, '')}`);

  let docType;
  try {
    docType = await doc.typeKnown();
  } catch {
    return null; // the notice says why
  }
  editor = await docKindNamed(docType.name).load().then((m) => m.mount(doc, { docId, search }));
  const { binding } = editor;
  binding.on('change', () => render());
  // The link carries the type, so that someone who opens it offline starts the right kind.
  const link = `${location.origin}${docPath(docId)}${docType.name === 'text' ? '' : `?type=${encodeURIComponent(docType.name)}`}`;
  $('#invite-link').value = link;

  doc.on('saveError', () => toast('Could not save on this device; keep this tab open until you are back online.'));
  doc.on('reset', ({ lostText }) => {
    showNotice({
      tone: 'warn',
      title: 'Your offline changes could not be merged.',
      text: 'The document changed too much while you were away, so it now shows the current version. Your version is not lost:',
      actions: [
        { label: 'Copy my version', primary: true, onClick: async () => toast(await copyText(lostText) ? 'Copied to the clipboard.' : 'Could not copy; try Download.') },
        { label: 'Download my version', onClick: () => downloadText(`${docId}-my-version.${docType.name === 'text' ? 'txt' : 'json'}`, lostText) },
        { label: 'Dismiss', onClick: () => showNotice(null) },
      ],
    });
  });
  client.on('unauthorized', (e) => {
    const expired = e.code === 'TOKEN_EXPIRED';
    showNotice({
      tone: 'warn',
      title: expired ? 'Your access to this document has expired.' : 'This server needs an access token.',
      text: 'What you type is kept on this device and sent once you are back in. Open the document again from the app that gave you the link, or enter a token.',
      actions: [{ label: 'Enter a token', primary: true, onClick: () => {
        if (askForToken(e.message || e.code)) {
          showNotice(null);
          client.retryNow();
        }
      } }],
    });
  });

  $('#retry').addEventListener('click', () => client.retryNow());
  $('#undo').addEventListener('click', () => { binding.undo(); binding.focus(); });
  $('#redo').addEventListener('click', () => { binding.redo(); binding.focus(); });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') doc.save(); });
  addEventListener('pagehide', () => doc.save());
  addEventListener('beforeunload', (e) => {
    if (!offline.save && doc.unsentEdits > 0) {
      e.preventDefault();
      e.returnValue = ''; // this browser cannot keep them: ask before throwing them away
    }
  });
  setInterval(render, 1000); // the retry countdown, typing flags that expired

  $('#copy-link').addEventListener('click', async () => toast(await copyText(link) ? 'Link copied. Anyone with it can edit.' : 'Select the link and copy it.'));
  $('#share').addEventListener('click', async () => {
    if (navigator.share) {
      try {
        await navigator.share({ title: docId, url: link });
        return;
      } catch {
        // cancelled, or not allowed: copy instead
      }
    }
    toast(await copyText(link) ? 'Link copied. Anyone with it can edit.' : link);
  });
  $('#download').addEventListener('click', () => {
    const { filename, text } = editor.download();
    downloadText(filename, text);
  });

  function render() {
    if (!frame) frame = requestAnimationFrame(draw);
  }
  function draw() {
    frame = 0;
    renderStatus({
      conn: client.state, retryAt: client.retryAt, now: Date.now(), online: navigator.onLine,
      phase: doc.phase, unsent: doc.unsentEdits, revision: doc.revision, transport: client.transport, everConnected,
      paused: doc.savingPaused, refused: isRefused,
    });
    if (editor) {
      renderFacts({ revision: doc.revision, length: doc.canEdit ? editor.characters() : null, unsent: doc.unsentEdits,
        canUndo: editor.binding.canUndo(), canRedo: editor.binding.canRedo() });
    }
    renderPeople(me, doc.peers, client.state === 'ready');
    if (client.access) {
      $('#access-mode').textContent = client.access === 'open'
        ? 'Open mode: anyone who can reach this server can read and edit.'
        : 'Only people whose access lets them can open this document; the link alone is not enough.';
    }
  }

  // History: the panel is type-neutral; the type's view draws versions and applies a restore as
  // the person's own edit through the editor's binding, so undo takes it back. (Boards have a
  // page of their own, board/board-page.js, which mounts the panel with the board's view.)
  const historyView = docType.name === 'rich-text'
    ? richTextHistoryView({ edit: (opJson) => binding.edit(doc.type.opFromJSON(opJson)) })
    : textHistoryView({ edit: (opJson) => binding.edit(doc.type.opFromJSON(opJson)) });
  const historyPanel = mountHistoryPanel({
    container: $('#history-host'), docId, doc, identity: () => me, api: historyApi(docId, { headers: authHeaders }), view: historyView,
  });

  draw();
  if (doc.canEdit) binding.focus();
  // Exposed for the browser tests and benchmarks, which read the page's state the way a person sees it.
  window.tandem = { client, doc, binding, history: historyPanel };

  return {
    setIdentity(identity2) {
      me = identity2;
      client.setUser(identity2);
      render();
    },
  };
}
