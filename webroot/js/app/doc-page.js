// The document page: opens the document through the SDK (served at /sdk/, clients/js), shows it
// in the chosen editor binding and wires the page around it (status, people, notices, buttons).
// Everything about syncing, presence, offline records, IME and undo lives in the SDK.

import { $, copyText, toast } from './dom.js';
import { renderStatus, renderFacts, renderPeople, showNotice, downloadText } from './doc-panels.js';
import { mountEditor } from './editors.js';
import { askForToken, currentToken } from './access.js';
import { TandemClient, openOffline } from '/sdk/src/index.js';
import { codePointLength } from '/sdk/src/ot/code-points.js';

export async function showDocumentPage(docId, identity, { isNew = false, editor: editorKind = 'codemirror' } = {}) {
  document.title = `${docId} · Tandem`;
  $('#doc-view').hidden = false;
  $('#doc-header').hidden = false;
  $('#share').hidden = false;
  $('#doc-title').textContent = docId;
  const link = `${location.origin}/d/${encodeURIComponent(docId)}`;
  $('#invite-link').value = link;

  const offline = await openOffline(docId);
  // The token is asked for before every connection, so one pasted after the old expired is used.
  const client = new TandemClient({ clientId: offline.clientId, user: identity, token: () => currentToken() });
  // A link to a document that does not exist yet creates it (create: true); with no server
  // in reach, it starts here and is created once the connection comes back.
  const doc = client.open(docId, { record: offline.record, save: offline.save });
  let me = identity;
  let everConnected = false;
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

  const binding = await mountEditor(editorKind, doc, { docId });
  binding.on('change', () => render());

  doc.on('saveError', () => toast('Could not save on this device; keep this tab open until you are back online.'));
  doc.on('change', () => render());
  doc.on('peers', () => render());
  doc.on('opened', () => {
    everConnected = true;
    if ($('#notice').dataset.kind === 'waiting') showNotice(null);
    render();
  });
  doc.on('reset', ({ lostText }) => {
    showNotice({
      tone: 'warn',
      title: 'Your offline changes could not be merged.',
      text: 'The document changed too much while you were away, so it now shows the current version. Your version is not lost:',
      actions: [
        { label: 'Copy my version', primary: true, onClick: async () => toast(await copyText(lostText) ? 'Copied to the clipboard.' : 'Could not copy; try Download.') },
        { label: 'Download my version', onClick: () => downloadText(`${docId}-my-version.txt`, lostText) },
        { label: 'Dismiss', onClick: () => showNotice(null) },
      ],
    });
  });
  const refused = (msg) => showNotice({ tone: 'warn', title: 'The server refused this document.', text: msg.message || msg.code });
  doc.on('fatal', refused);
  doc.on('notFound', () => refused({ message: `There is no document called “${docId}”.` }));
  client.on('state', () => render());
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
  $('#download').addEventListener('click', () => downloadText(`${docId}.txt`, doc.snapshot));

  let frame = 0;
  function render() {
    if (!frame) frame = requestAnimationFrame(draw);
  }
  function draw() {
    frame = 0;
    renderStatus({
      conn: client.state, retryAt: client.retryAt, now: Date.now(), online: navigator.onLine,
      phase: doc.phase, unsent: doc.unsentEdits, revision: doc.revision, transport: client.transport, everConnected,
    });
    renderFacts({ revision: doc.revision, length: doc.canEdit ? codePointLength(doc.snapshot) : null, unsent: doc.unsentEdits, canUndo: binding.canUndo(), canRedo: binding.canRedo() });
    renderPeople(me, doc.peers, client.state === 'ready');
    if (client.access) {
      $('#access-mode').textContent = client.access === 'open'
        ? 'Open mode: anyone who can reach this server can read and edit.'
        : 'Only people whose access lets them can open this document; the link alone is not enough.';
    }
  }

  draw();
  if (doc.canEdit) binding.focus();
  // Exposed for the browser tests and benchmarks, which read the page's state the way a person sees it.
  window.tandem = { client, doc, binding };

  return {
    setIdentity(identity2) {
      me = identity2;
      client.setUser(identity2);
      render();
    },
  };
}
