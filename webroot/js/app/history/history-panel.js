// The history of a document, as a module any document page can mount (text, rich text and
// boards, each page with a view of its own type): a "Versions" panel to name the current
// version and list the named ones, and a history window with the timeline (named versions first,
// then editing sessions with who wrote and when), a slider over its points, a read-only preview
// of the document at the chosen point with what changed since the point before (or coloured by
// author), restore, and downloads. Type-neutral: contents and operations stay in the type's JSON
// form and go to the page's `view` (text-history-view.js, rich-text-history-view.js,
// board-history-view.js).

import { h, toast, timeAgo } from '../dom.js';
import { historyApi } from './history-api.js';
import { timelinePoints, describePoint, restoreVersion, settled } from './timeline.js';

/**
 * @param {object} o
 * @param {HTMLElement} o.container where the "Versions" panel goes (it fills it)
 * @param {string} o.docId
 * @param {any} o.doc the SDK's TandemDocument
 * @param {{ render: Function, applyOwnEdit: Function, downloads?: Function, noAuthorship?: string }} o.view
 *   draws a version; applies an edit as the person's own; optionally offers files of a version
 *   beyond the server's exports (`downloads({ rev, content })`: elements), and says why a type
 *   has no colours by author
 * @param {() => { name: string, color: string }} o.identity the person, as others see them
 */
export function mountHistoryPanel({ container, docId, doc, view, identity, api = historyApi(docId) }) {
  const nameInput = h('input', { id: 'version-name', type: 'text', maxlength: 100, placeholder: 'e.g. Sent to legal', 'aria-label': 'Name of this version', autocomplete: 'off' });
  const namedList = h('ul', { id: 'version-list', class: 'version-list' });
  const form = h('form', { id: 'version-form', class: 'input-row' }, nameInput, h('button', { type: 'submit', id: 'version-save', class: 'btn' }, 'Name'));
  const openButton = h('button', { type: 'button', id: 'history-open', class: 'btn' }, 'Show history');
  container.replaceChildren(
    h('h2', { class: 'panel-title', id: 'versions-title' }, 'Versions'),
    h('p', { class: 'muted small' }, 'Name the current version to find it again; the history shows every change, who made it and when.'),
    form, namedList, h('div', { class: 'button-row' }, openButton),
  );
  container.setAttribute('aria-labelledby', 'versions-title');

  const dialog = historyDialog();
  document.body.append(dialog.el);
  let points = [];
  let selected = -1;
  let selectToken = 0;
  let exportsOf = [];
  let next = null;

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = nameInput.value.trim();
    if (!name) return;
    try {
      await settled(doc);
      const v = await api.nameVersion({ name, rev: doc.revision, client: doc.clientId, user: identity() });
      nameInput.value = '';
      toast(`Named revision ${v.rev} “${v.name}”.`);
      await refreshNamed();
    } catch (err) {
      toast(`Could not name this version: ${err.message}`);
    }
  });
  openButton.addEventListener('click', () => open());

  async function refreshNamed() {
    const { versions } = await api.versions();
    namedList.replaceChildren(...versions.slice(0, 8).map((v) => h('li', {},
      h('button', { type: 'button', class: 'link-button', onclick: () => open(v.rev) }, `★ ${v.name}`),
      h('span', { class: 'muted small' }, ` r${v.rev}, ${timeAgo(Date.parse(v.createdAt))}`))));
    return versions;
  }

  /** Opens the history window at revision `rev` (default: the newest point). */
  async function open(rev) {
    if (!dialog.el.open) dialog.el.showModal();
    dialog.status('Loading the history…');
    try {
      const [sessions, versions] = await Promise.all([api.sessions(), refreshNamed()]);
      exportsOf = sessions.exports;
      next = sessions.next;
      dialog.authorsToggle.disabled = !sessions.authorship;
      dialog.authorsToggle.title = sessions.authorship ? '' : `${sessions.type} documents are not text: no colours by author`;
      dialog.authorsNote.textContent = sessions.authorship ? '' : (view.noAuthorship || dialog.authorsToggle.title);
      points = timelinePoints(sessions.sessions, versions, sessions.head);
      drawTimeline();
      const at = rev === undefined ? points.length - 1 : points.findIndex((p) => p.rev === rev);
      await select(at < 0 ? points.length - 1 : at);
    } catch (err) {
      dialog.status(`Could not load the history: ${err.message}`);
    }
  }

  async function loadEarlier() {
    if (next === null) return;
    const [sessions, { versions }] = await Promise.all([api.sessions({ before: next }), api.versions()]);
    next = sessions.next;
    const current = points[selected];
    points = timelinePoints([...sessionsOf(points), ...sessions.sessions], versions, sessions.head);
    drawTimeline();
    await select(Math.max(0, points.findIndex((p) => p === current || p.rev === current.rev)));
  }

  function drawTimeline() {
    const item = (p) => h('li', {},
      h('button', { type: 'button', class: 'history-point', 'data-rev': p.rev, 'data-kind': p.kind, onclick: () => select(points.indexOf(p)) },
        h('span', { class: 'history-point-title' }, p.title),
        h('span', { class: 'history-point-meta' }, describePoint(p, Date.now())),
        h('span', { class: 'history-chips' }, ...p.authors.map((a) => h('span', { class: 'chip', style: { '--author': a.color || '#9aa0b4' } }, a.name)))),
      p.kind === 'named' ? h('button', { type: 'button', class: 'btn-quiet history-unname', title: 'Remove this name', 'aria-label': `Remove the name ${p.title}`, onclick: () => unname(p.rev) }, '×') : null);
    const named = points.filter((p) => p.kind === 'named').reverse();
    const sessions = points.filter((p) => p.kind === 'session').reverse();
    dialog.timeline.replaceChildren(
      h('h3', {}, 'Named versions'),
      named.length ? h('ul', { class: 'history-list' }, ...named.map(item)) : h('p', { class: 'muted small' }, 'None yet.'),
      h('h3', {}, 'Editing sessions'),
      h('ul', { class: 'history-list' }, ...sessions.map(item)),
      // replaceChildren, unlike h(), would show a null as the text "null"
      ...(next !== null ? [h('button', { type: 'button', class: 'btn', onclick: loadEarlier }, 'Earlier sessions')] : []),
    );
    dialog.slider.max = String(Math.max(0, points.length - 1));
  }

  async function unname(rev) {
    try {
      await api.deleteVersion(rev);
      await open(points[selected] ? points[selected].rev : undefined);
    } catch (err) {
      toast(`Could not remove the name: ${err.message}`);
    }
  }

  /** Shows point `i`: the document then, with the changes since the point before, or by author. */
  async function select(i) {
    if (i < 0 || i >= points.length) {
      dialog.status('No changes yet.');
      return;
    }
    selected = i;
    const p = points[i];
    const token = ++selectToken;
    dialog.slider.value = String(i);
    for (const b of dialog.timeline.querySelectorAll('.history-point')) b.setAttribute('aria-current', String(Number(b.dataset.rev) === p.rev && b.dataset.kind === p.kind));
    dialog.caption.textContent = `${p.title} · revision ${p.rev}${p.time ? ` · ${new Date(p.time).toLocaleString()}` : ''}`;
    dialog.downloads.replaceChildren(...exportsOf.map((f) => h('a', { class: 'btn', href: api.downloadUrl(p.rev, f), download: '', 'data-format': f }, `Download ${EXTENSIONS[f] || f}`)));
    dialog.restore.disabled = true;
    try {
      const byAuthor = dialog.authorsToggle.checked && !dialog.authorsToggle.disabled;
      const { content } = await api.at(p.rev);
      if (token !== selectToken) return;
      if (view.downloads) dialog.downloads.append(...view.downloads({ rev: p.rev, content }));
      if (byAuthor) {
        const authorship = await api.authorship(p.rev);
        if (token !== selectToken) return;
        view.render(dialog.preview, { content, authorship });
        dialog.legend.replaceChildren(...Object.entries(authorship.authors).map(([, a]) => h('span', { class: 'chip', style: { '--author': a.color || '#9aa0b4' } }, a.name)));
      } else {
        const [{ content: previous }, { op }] = await Promise.all([api.at(p.prev), api.changes(p.prev, p.rev)]);
        if (token !== selectToken) return;
        view.render(dialog.preview, { content, previous, changes: op });
        dialog.legend.replaceChildren(h('span', { class: 'muted small' }, p.prev === p.rev ? '' : `Marked: what changed since revision ${p.prev}.`));
      }
      dialog.restore.disabled = p.rev === doc.revision && doc.unsentEdits === 0;
      dialog.status('');
    } catch (err) {
      if (token === selectToken) dialog.status(`Could not show revision ${p.rev}: ${err.message}`);
    }
  }

  dialog.slider.addEventListener('input', () => select(Number(dialog.slider.value)));
  dialog.authorsToggle.addEventListener('change', () => select(selected));
  dialog.restore.addEventListener('click', async () => {
    const p = points[selected];
    dialog.restore.disabled = true;
    try {
      await restoreVersion({ api, doc, view, rev: p.rev });
      toast(`Restored revision ${p.rev}. Undo takes it back.`);
      dialog.el.close();
    } catch (err) {
      dialog.restore.disabled = false;
      dialog.status(`Could not restore: ${err.message}`);
    }
  });

  refreshNamed().catch(() => { /* offline: the list fills in when the history is opened */ });
  return { open, refresh: refreshNamed, dialog: dialog.el };
}

/** How a download of each export format is labelled. */
const EXTENSIONS = { text: '.txt', html: '.html', markdown: '.md' };

function sessionsOf(points) {
  return points.filter((p) => p.kind === 'session').map((p) => p.session);
}

function historyDialog() {
  const close = h('button', { type: 'button', class: 'btn btn-quiet', 'aria-label': 'Close the history' }, 'Close');
  const timeline = h('nav', { class: 'history-timeline', 'aria-label': 'Timeline' });
  const slider = h('input', { type: 'range', id: 'history-slider', min: 0, max: 0, value: 0, 'aria-label': 'Point in the history' });
  const caption = h('p', { id: 'history-caption', class: 'history-caption' });
  const authorsToggle = h('input', { type: 'checkbox', id: 'history-authors-toggle' });
  const authorsNote = h('span', { id: 'history-authors-note', class: 'muted small' });
  const restore = h('button', { type: 'button', id: 'history-restore', class: 'btn btn-primary' }, 'Restore this version');
  const downloads = h('span', { class: 'history-downloads' });
  const legend = h('div', { id: 'history-legend', class: 'history-legend' });
  const statusLine = h('p', { id: 'history-status', class: 'muted small', role: 'status' });
  const preview = h('div', { id: 'history-preview', class: 'history-preview', tabindex: 0, 'aria-label': 'The document at this point (read-only)' });
  const el = h('dialog', { id: 'history-dialog', class: 'dialog history-dialog', 'aria-labelledby': 'history-title' },
    h('header', { class: 'history-head' }, h('h2', { id: 'history-title' }, 'History'), close),
    h('div', { class: 'history-body' }, timeline,
      h('section', { class: 'history-pane' }, slider, caption,
        h('div', { class: 'button-row history-actions' },
          h('label', { class: 'history-toggle' }, authorsToggle, ' Colour by author', authorsNote), restore, downloads),
        legend, statusLine, preview)));
  close.addEventListener('click', () => el.close());
  return { el, timeline, slider, caption, authorsToggle, authorsNote, restore, downloads, legend, preview, status: (t) => { statusLine.textContent = t; } };
}
