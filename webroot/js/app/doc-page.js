// The document page: wires the textarea, the carets overlay, undo, presence, offline storage
// and the connection around one DocSync.

import { $, copyText, toast } from './dom.js';
import { renderStatus, renderFacts, renderPeople, showNotice, downloadText } from './doc-panels.js';
import { TextareaEditor } from '../editor/textarea-editor.js';
import { CaretOverlay } from '../editor/caret-overlay.js';
import { UndoManager, caretAfter } from '../editor/undo-manager.js';
import { DocSync } from '../sync/doc-sync.js';
import { wireDocument } from '../sync/wire.js';
import { Roster } from '../sync/presence.js';
import { throttle } from '../sync/throttle.js';
import { Connection } from '../net/connection.js';
import { endpointsFor, openSocket } from '../net/transports.js';
import { saveRecord, recordsOf } from '../store/offline-store.js';
import { saveQueue } from '../store/save-queue.js';
import { claimClientId, newClientId } from '../store/tab-identity.js';
import { codePointLength } from '../ot/code-points.js';

const PRESENCE_INTERVAL_MS = 50; // 20 updates per second at most (PROTOCOL.md)
const TYPING_IDLE_MS = 3000;

export async function showDocumentPage(docId, identity, { isNew = false } = {}) {
  document.title = `${docId} · Tandem`;
  $('#doc-view').hidden = false;
  $('#doc-header').hidden = false;
  $('#share').hidden = false;
  $('#doc-title').textContent = docId;
  const link = `${location.origin}/d/${encodeURIComponent(docId)}`;
  $('#invite-link').value = link;

  const { clientId, record, stored } = await claimTab(docId);

  const textarea = $('#editor');
  const editor = new TextareaEditor(textarea);
  const overlay = new CaretOverlay($('#mirror'));
  const undo = new UndoManager();
  const roster = new Roster({ selfId: clientId });
  let me = identity;
  let typing = false;
  let typingTimer = null;
  let everConnected = false;
  let held = []; // server messages held back while an IME composition is under way

  const sync = new DocSync({
    doc: docId,
    clientId,
    send: () => false,
    create: isNew,
    editor: {
      getText: () => editor.getText(),
      setText: (text) => {
        editor.setText(text);
        undo.undoStack = [];
        undo.redoStack = [];
        render();
      },
      applyOperation: (op) => {
        editor.applyOperation(op);
        undo.transform(op);
        roster.transform(op);
        render();
      },
    },
  });
  const place = (rev, sel) => sync.toLocal(rev, sel);

  const connection = new Connection({ clientId, user: me, endpoints: endpointsFor(location), openSocket });
  wireDocument(connection, sync, {
    onPresence: (msg) => {
      if (msg.type === 'opened') roster.setAll(msg.presence, place);
      else if (msg.type === 'presence') roster.update(msg, place);
      else if (msg.type === 'left') roster.remove(msg.client);
    },
  });
  // While the person composes with an input method, changing the textarea would break the
  // composition: hold the document's messages back until it ends (the server keeps the order).
  const deliver = connection.emit.bind(connection);
  connection.emit = (type, detail) => {
    if (type === 'message' && editor.composing) held.push(detail);
    else deliver(type, detail);
  };
  editor.on('compositionend', () => {
    const messages = held;
    held = [];
    for (const m of messages) deliver('message', m);
  });

  const saver = saveQueue(() => sync.record(), saveRecord, {
    onError: () => toast('Could not save on this device; keep this tab open until you are back online.'),
  });
  const save = () => { if (stored && sync.canEdit) saver.schedule(); };

  let lastPresence = '';
  let presenceApproximate = false; // sent while own edits were unacknowledged
  const sendPresence = throttle(() => {
    const msg = sync.presenceMessage(editor.getSelection(), typing);
    if (!msg) return;
    const key = JSON.stringify([msg.rev, msg.sel, msg.typing]);
    if (key === lastPresence) return;
    if (connection.send(msg)) {
      lastPresence = key;
      presenceApproximate = sync.unsentEdits > 0;
    }
  }, PRESENCE_INTERVAL_MS);

  function localEdit(op) {
    roster.transform(op);
    sync.localEdit(op);
    typing = true;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      typing = false;
      sendPresence();
    }, TYPING_IDLE_MS);
    sendPresence();
    save();
    render();
  }

  editor.on('change', ({ op, before }) => {
    if (!sync.canEdit) {
      editor.setText(before); // not loaded yet: the textarea is read-only, this is a safety net
      return;
    }
    undo.record(op, before);
    localEdit(op);
  });
  editor.on('selection', () => sendPresence());
  const undoRedo = (which) => {
    if (!sync.canEdit) return;
    const op = which === 'undo' ? undo.undo(editor.getText()) : undo.redo(editor.getText());
    if (!op) return;
    editor.applyLocal(op, caretAfter(op));
    localEdit(op);
  };
  editor.on('undo', () => undoRedo('undo'));
  editor.on('redo', () => undoRedo('redo'));
  $('#undo').addEventListener('click', () => { undoRedo('undo'); editor.focus(); });
  $('#redo').addEventListener('click', () => { undoRedo('redo'); editor.focus(); });

  sync.on('change', () => {
    // A caret sent while our edits were in flight was placed before them; once they are
    // acknowledged, send it again so that the others see it after our text.
    if (presenceApproximate && sync.unsentEdits === 0) sendPresence();
    roster.retry(place);
    save();
    render();
  });
  sync.on('opened', () => {
    everConnected = true;
    editor.setReadOnly(false);
    if ($('#notice').dataset.kind === 'waiting') showNotice(null);
    lastPresence = '';
    sendPresence();
  });
  sync.on('reset', ({ lostText }) => {
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
  sync.on('notFound', () => {
    showNotice({
      title: `There is no document called “${docId}” yet.`,
      actions: [{ label: 'Create it', primary: true, onClick: () => { sync.create = true; showNotice(null); sync.connected(); } },
        { label: 'Go home', onClick: () => location.assign('/') }],
    });
  });
  sync.on('fatal', (msg) => showNotice({ tone: 'warn', title: 'The server refused this document.', text: msg.message || msg.code }));
  roster.on('change', () => render());

  connection.on('state', () => render());
  $('#retry').addEventListener('click', () => connection.retryNow());
  addEventListener('online', () => connection.retryNow());
  // The browser says the network is gone. An open socket can take up to a minute (heartbeats)
  // to notice, looking connected while nothing gets through: drop it, so the page says it is
  // offline and keeps edits for later; 'online' (or the backoff) connects again.
  addEventListener('offline', () => connection.reconnect(0));
  const flush = () => { if (document.visibilityState === 'hidden') save(); };
  document.addEventListener('visibilitychange', flush);
  addEventListener('pagehide', save);
  addEventListener('beforeunload', (e) => {
    if (!stored && sync.unsentEdits > 0) {
      e.preventDefault();
      e.returnValue = ''; // this browser cannot keep them: ask before throwing them away
    }
  });
  setInterval(() => {
    roster.expireTyping();
    render();
  }, 1000);

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
  $('#download').addEventListener('click', () => downloadText(`${docId}.txt`, editor.getText()));
  editor.on('reveal', () => overlay.reveal());

  function render() {
    const text = editor.getText();
    overlay.update(text, roster.list(), document.activeElement === textarea ? textarea.selectionEnd : null);
    renderStatus({
      conn: connection.state, retryAt: connection.retryAt, now: Date.now(), online: navigator.onLine,
      phase: sync.phase, unsent: sync.unsentEdits, revision: sync.revision, transport: connection.transport, everConnected,
    });
    renderFacts({ revision: sync.revision, length: sync.canEdit ? codePointLength(text) : null, unsent: sync.unsentEdits, canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    renderPeople(me, roster.list(), connection.state === 'ready');
  }

  if (record) {
    sync.restore(record);
    editor.setReadOnly(false);
  } else if (isNew) {
    // Created here (the server was out of reach): an empty document at revision 0.
    sync.restore({ doc: docId, clientId, rev: 0, base: '', inflight: null, buffer: null, lastSeq: 0, create: true });
    editor.setReadOnly(false);
    history.replaceState(null, '', `/d/${encodeURIComponent(docId)}`);
  } else if (!navigator.onLine) {
    $('#notice').dataset.kind = 'waiting';
    showNotice({ title: 'You are offline.', text: 'This document has not been opened on this device yet; it will appear as soon as the connection is back.' });
  }
  save();
  render();
  connection.start();
  if (sync.canEdit) editor.focus();

  return {
    setIdentity(identity2) {
      me = identity2;
      connection.setUser(identity2);
      lastPresence = '';
      sendPresence(); // the server relays the new name with the next presence
      render();
    },
  };
}

/** This tab's clientId and saved record; works (without offline storage) where IndexedDB does not. */
async function claimTab(docId) {
  try {
    const records = await recordsOf(docId);
    return { ...(await claimClientId(docId, records)), stored: true };
  } catch {
    const key = `tandem.clientId.${docId}`;
    const id = sessionStorage.getItem(key) || newClientId();
    sessionStorage.setItem(key, id);
    return { clientId: id, record: null, stored: false };
  }
}
