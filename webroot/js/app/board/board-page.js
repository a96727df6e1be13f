// The board page (/d/<id> of a canvas document): a shared board on the SDK (served at /sdk/,
// clients/js), drawn in SVG. It opens the document through TandemClient as type `canvas`, shows
// it through bindCanvas (server state with this person's unacknowledged changes on top), and
// wires the tools, the camera, other people's pointers and selections, the people list, the
// status pill, undo and redo, and the history panel (../history/, with the board's view).
// Syncing, offline records and undo rules live in the SDK.

import { authHeaders, currentToken } from '../access.js';
import { $, h, toast } from '../dom.js';
import { renderStatus } from '../doc-panels.js';
import { initials } from '../identity-dialog.js';
import { TandemClient, openOffline, typingLine } from '/sdk/src/index.js';
import { bindCanvas } from '/sdk/src/bindings/canvas/index.js';
import { Camera } from './camera.js';
import { BoardView } from './board-view.js';
import { BoardTools, TOOLS } from './board-tools.js';
import { NoteEditor } from './note-editor.js';
import { Pointers } from './pointers.js';
import { SWATCHES, boundsOf, deleteChanges, restackChanges, recolourChanges, holdsText } from './board-edits.js';
import { mountHistoryPanel } from '../history/history-panel.js';
import { historyApi } from '../history/history-api.js';
import { boardHistoryView } from '../history/board-history-view.js';

const ICONS = {
  select: 'M5 3l14 8-6 1.5L9.5 19z',
  hand: 'M8 11V5.5a1.5 1.5 0 013 0V10m0-5.5a1.5 1.5 0 013 0V10m0-4a1.5 1.5 0 013 0V14a6 6 0 01-6 6h-1a6 6 0 01-5-2.7L4 14.5a1.5 1.5 0 012.5-1.7L8 14',
  rectangle: 'M4 6h16v12H4z',
  ellipse: 'M12 5c4.4 0 8 3.1 8 7s-3.6 7-8 7-8-3.1-8-7 3.6-7 8-7z',
  arrow: 'M5 19L19 5m0 0h-8m8 0v8',
  sticky: 'M5 4h14v10l-6 6H5zm8 16v-6h6',
  text: 'M5 6V4h14v2M12 4v16m-3 0h6',
  frame: 'M7 3v18M17 3v18M3 7h18M3 17h18',
};

function icon(d) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'tool-icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

/** Loads the board's stylesheet once (the text pages do not need it). */
function loadStyles() {
  if (document.querySelector('link[data-board]')) return Promise.resolve();
  const link = h('link', { rel: 'stylesheet', href: '/css/board.css', 'data-board': '' });
  const loaded = new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
  document.head.append(link);
  return loaded;
}

function scaffold() {
  const tool = (t) => h('button', { type: 'button', class: 'tool', 'data-tool': t.id, title: `${t.label} (${t.key.toUpperCase()})`, 'aria-label': t.label, 'aria-pressed': 'false' }, icon(ICONS[t.id]));
  const section = h('section', { id: 'board-view', class: 'board', 'aria-label': 'Board' },
    h('div', { class: 'board-stage', id: 'board-stage', tabindex: '0', 'data-tool': 'select' },
      h('div', { class: 'board-grid', 'aria-hidden': 'true' }),
      document.createElementNS('http://www.w3.org/2000/svg', 'svg'),
      h('div', { class: 'board-pointers', id: 'board-pointers', 'aria-hidden': 'true' }),
      h('textarea', { class: 'note-editor', id: 'note-editor', hidden: true, 'aria-label': 'Note text', spellcheck: 'true' }),
      h('div', { class: 'board-notice notice', id: 'board-notice', hidden: true }),
      h('div', { class: 'board-toolbar', role: 'toolbar', 'aria-label': 'Tools' }, TOOLS.map(tool)),
      h('div', { class: 'board-propbar', id: 'board-propbar', role: 'toolbar', 'aria-label': 'Selection', hidden: true },
        SWATCHES.map((c) => h('button', { type: 'button', class: 'swatch-button', 'data-colour': c, title: `Colour ${c}`, 'aria-label': `Colour ${c}`, style: { background: c } })),
        h('span', { class: 'propbar-sep' }),
        h('button', { type: 'button', class: 'btn btn-quiet', id: 'bring-forward', title: 'Bring forward (Ctrl+])' }, 'Forward'),
        h('button', { type: 'button', class: 'btn btn-quiet', id: 'send-back', title: 'Send back (Ctrl+[)' }, 'Back'),
        h('button', { type: 'button', class: 'btn btn-quiet', id: 'delete-selection', title: 'Delete (Del)' }, 'Delete')),
      h('div', { class: 'board-zoom', role: 'group', 'aria-label': 'Zoom' },
        h('button', { type: 'button', class: 'btn btn-quiet', id: 'zoom-out', 'aria-label': 'Zoom out' }, '−'),
        h('button', { type: 'button', class: 'btn btn-quiet', id: 'zoom-reset', title: 'Zoom to 100%' }, '100%'),
        h('button', { type: 'button', class: 'btn btn-quiet', id: 'zoom-in', 'aria-label': 'Zoom in' }, '+'),
        h('button', { type: 'button', class: 'btn btn-quiet', id: 'zoom-fit', title: 'Show everything' }, 'Fit'))),
    h('aside', { class: 'board-side', 'aria-label': 'People and board' },
      h('section', { class: 'panel' },
        h('h2', { class: 'panel-title' }, 'People here ', h('span', { id: 'board-people-count', class: 'count' })),
        h('ul', { id: 'board-people', class: 'people' }),
        h('p', { id: 'board-typing', class: 'typing', 'aria-live': 'polite' })),
      h('section', { class: 'panel' },
        h('h2', { class: 'panel-title' }, 'Board'),
        h('dl', { class: 'facts' },
          h('div', {}, h('dt', {}, 'Objects'), h('dd', { id: 'board-objects' }, '–')),
          h('div', {}, h('dt', {}, 'Revision'), h('dd', { id: 'board-rev' }, '–')),
          h('div', {}, h('dt', {}, 'Unsent changes'), h('dd', { id: 'board-unsent' }, '0'))),
        h('div', { class: 'button-row' },
          h('button', { type: 'button', class: 'btn', id: 'board-undo', title: 'Undo your last change (Ctrl+Z)' }, 'Undo'),
          h('button', { type: 'button', class: 'btn', id: 'board-redo', title: 'Redo (Ctrl+Shift+Z)' }, 'Redo')),
        h('p', { class: 'muted small' }, 'Undo takes back only your own changes.')),
      h('section', { class: 'panel', id: 'board-history-host' })));
  $('#main').append(section);
  return section;
}

export async function showBoardPage(docId, identity, { isNew = false } = {}) {
  document.title = `${docId} · Tandem board`;
  await loadStyles();
  document.body.classList.add('on-board');
  $('#doc-header').hidden = false;
  $('#share').hidden = false;
  $('#doc-title').textContent = docId;
  const link = `${location.origin}/d/${encodeURIComponent(docId)}`;
  const section = scaffold();
  const stage = $('#board-stage', section);

  const offline = await openOffline(docId);
  const client = new TandemClient({ clientId: offline.clientId, user: identity, token: () => currentToken() });
  const doc = client.open(docId, { type: 'canvas', record: offline.record, save: offline.save });
  if (!offline.record && (isNew || !navigator.onLine)) doc.startHere();
  if (isNew) history.replaceState(null, '', `/d/${encodeURIComponent(docId)}`);
  const board = bindCanvas(doc);
  let me = identity;
  let everConnected = false;
  let fitted = false;

  const camera = new Camera({ ox: stage.clientWidth / 2, oy: stage.clientHeight / 2 });
  const view = new BoardView(stage.querySelector('svg'), camera);
  const pointers = new Pointers($('#board-pointers', section), camera);
  const page = {
    stage, camera, board,
    selected: new Set(),
    overrides: {},
    render: () => render(),
    setSelected(ids) {
      page.selected = ids;
      board.setPresence({ selected: page.notes.open ? [page.notes.id] : [...ids] });
      render();
    },
    draft: (d) => view.renderDraft(d),
    pointerAt: (p) => board.setPresence({ pointer: p ? [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10] : null }),
    onTool: (tool) => {
      for (const b of section.querySelectorAll('.tool')) b.setAttribute('aria-pressed', String(b.dataset.tool === tool));
    },
    notes: null,
  };
  page.notes = new NoteEditor($('#note-editor', section), board, camera, {
    onClose: () => page.setSelected(page.selected),
    onUndo: (redo) => (redo ? board.redo() : board.undo()),
  });
  const tools = new BoardTools(page);
  tools.setTool('select');

  board.on('change', ({ local }) => {
    page.notes.refresh();
    // The first time the board is there (from the server or this device's copy), show all of it;
    // never after that: the camera is the person's.
    if (!fitted && board.canEdit) {
      fitted = true;
      if (!local && board.view.size > 0) fitToContent();
    }
    render();
  });
  board.on('peers', () => render());
  doc.on('change', () => render());
  doc.on('opened', () => {
    everConnected = true;
    notice(null);
    render();
  });
  doc.on('saveError', () => toast('Could not save on this device; keep this tab open until you are back online.'));
  doc.on('reset', () => notice('The board changed too much while you were away to merge your offline changes; it now shows the current board.'));
  doc.on('fatal', (msg) => notice(msg.code === 'TYPE_MISMATCH' ? `“${docId}” is not a board.` : `The server refused this board: ${msg.message || msg.code}`));
  client.on('state', () => render());
  if (!offline.record && !isNew && !navigator.onLine) notice('You are offline. What you draw is kept on this device and merged into the board when the connection is back.');

  for (const b of section.querySelectorAll('.tool')) b.addEventListener('click', () => tools.setTool(b.dataset.tool));
  for (const b of section.querySelectorAll('.swatch-button')) {
    b.addEventListener('click', () => board.edit(recolourChanges(board.view, [...page.selected], b.dataset.colour)));
  }
  $('#bring-forward', section).addEventListener('click', () => board.edit(restackChanges(board.view, [...page.selected], true)));
  $('#send-back', section).addEventListener('click', () => board.edit(restackChanges(board.view, [...page.selected], false)));
  $('#delete-selection', section).addEventListener('click', () => {
    board.edit(deleteChanges(board.view, [...page.selected]));
    page.setSelected(new Set());
  });
  $('#board-undo', section).addEventListener('click', () => board.undo());
  $('#board-redo', section).addEventListener('click', () => board.redo());
  const zoomBy = (f) => { camera.zoomAt(stage.clientWidth / 2, stage.clientHeight / 2, f); render(); };
  $('#zoom-in', section).addEventListener('click', () => zoomBy(1.25));
  $('#zoom-out', section).addEventListener('click', () => zoomBy(0.8));
  $('#zoom-reset', section).addEventListener('click', () => zoomBy(1 / camera.zoom));
  $('#zoom-fit', section).addEventListener('click', () => fitToContent());
  $('#retry').addEventListener('click', () => client.retryNow());
  addEventListener('resize', () => render());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') doc.save(); });
  addEventListener('pagehide', () => doc.save());
  setInterval(() => render(), 1000); // the retry countdown, typing flags that expired
  const share = async () => {
    try {
      await navigator.clipboard.writeText(link);
      toast('Link copied. Anyone with it can edit.');
    } catch {
      toast(link);
    }
  };
  $('#share').addEventListener('click', share);

  function fitToContent() {
    const all = board.view.inTreeOrder().map((o) => boundsOf(o));
    if (all.length === 0) return;
    const x0 = Math.min(...all.map((b) => b.x));
    const y0 = Math.min(...all.map((b) => b.y));
    const x1 = Math.max(...all.map((b) => b.x + b.w));
    const y1 = Math.max(...all.map((b) => b.y + b.h));
    camera.fit({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, stage.clientWidth, stage.clientHeight);
    render();
  }

  function notice(text) {
    const el = $('#board-notice', section);
    el.hidden = !text;
    el.replaceChildren(...(text ? [h('p', {}, text)] : []));
  }

  let frame = 0;
  function render() {
    if (!frame) frame = requestAnimationFrame(draw);
  }
  function draw() {
    frame = 0;
    for (const id of [...page.selected]) if (!board.view.has(id)) page.selected.delete(id);
    const peers = board.peers;
    view.render({ view: board.view, overrides: page.overrides, selected: page.selected, peers, editing: page.notes.open ? page.notes.id : null, me });
    pointers.update(peers);
    pointers.animate();
    page.notes.place();
    const grid = $('.board-grid', section).style;
    const step = 24 * camera.zoom;
    grid.backgroundSize = `${step}px ${step}px`;
    grid.backgroundPosition = `${camera.ox}px ${camera.oy}px`;
    $('#board-propbar', section).hidden = page.selected.size === 0 || !board.canEdit;
    renderStatus({
      conn: client.state, retryAt: client.retryAt, now: Date.now(), online: navigator.onLine,
      phase: doc.phase, unsent: doc.unsentEdits, revision: doc.revision, transport: client.transport, everConnected,
      paused: doc.savingPaused,
    });
    renderPeople(peers);
    $('#board-objects', section).textContent = doc.canEdit ? String(board.view.size) : '–';
    $('#board-rev', section).textContent = doc.revision === null ? '–' : String(doc.revision);
    $('#board-unsent', section).textContent = String(doc.unsentEdits);
    $('#board-undo', section).disabled = !board.canUndo();
    $('#board-redo', section).disabled = !board.canRedo();
    $('#zoom-reset', section).textContent = `${Math.round(camera.zoom * 100)}%`;
  }

  function renderPeople(peers) {
    const typingIn = (p) => p.typing && p.sel && p.sel.selected && p.sel.selected.some((id) => board.view.has(id) && holdsText(board.view.get(id).kind));
    const item = (user, state, typing, isMe) => h('li', { class: 'person' },
      h('span', { class: 'avatar', style: { background: user.color }, 'aria-hidden': 'true' }, initials(user.name)),
      h('span', { class: 'person-name' }, isMe ? `${user.name} (you)` : user.name),
      h('span', { class: typing ? 'person-state is-typing' : 'person-state' }, state));
    $('#board-people', section).replaceChildren(
      item(me, client.state === 'ready' ? 'online' : 'offline', false, true),
      ...peers.map((p) => item(p.user, typingIn(p) ? 'typing in a note…' : 'online', typingIn(p), false)));
    $('#board-people-count', section).textContent = String(peers.length + 1);
    $('#board-typing', section).textContent = typingLine(peers.filter(typingIn).map((p) => p.user.name));
  }

  // History: the type-neutral panel with the board's view; a restore is the person's own batch
  // (CanvasBinding.edit), so one undo takes it back.
  const historyPanel = mountHistoryPanel({
    container: $('#board-history-host', section), docId, doc, identity: () => me, api: historyApi(docId, { headers: authHeaders }),
    view: boardHistoryView({
      docId,
      edit: (opJson) => {
        if (!board.canEdit) return false;
        board.edit(doc.type.opFromJSON(opJson));
        return true;
      },
    }),
  });

  draw();
  stage.focus();
  // Exposed for the browser tests, which read the board the way a person sees it.
  window.tandem = { client, doc, board, camera, page, tools, history: historyPanel };

  return {
    setIdentity(identity2) {
      me = identity2;
      client.setUser(identity2);
      render();
    },
  };
}
