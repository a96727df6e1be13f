// The document page's side panels, status pill and notices: rendering only.

import { $, h } from './dom.js';
import { describeStatus } from './status.js';
import { typingLine } from '/sdk/src/sync/presence.js';
import { initials } from './identity-dialog.js';

export function renderStatus(state) {
  const s = describeStatus(state);
  const el = $('#status');
  el.dataset.tone = s.tone;
  $('#status-label').textContent = s.label;
  $('#status-detail').textContent = s.detail;
  $('#retry').hidden = !s.canRetry;
  // Screen readers hear when the connection changes, not every tick of the countdown.
  const announce = $('#status-announce');
  if (announce.textContent !== s.announce) announce.textContent = s.announce;
}

export function renderFacts({ revision, length, unsent, canUndo, canRedo }) {
  $('#fact-rev').textContent = revision === null ? '–' : String(revision);
  $('#fact-length').textContent = length === null ? '–' : length.toLocaleString();
  $('#fact-unsent').textContent = String(unsent);
  $('#undo').disabled = !canUndo;
  $('#redo').disabled = !canRedo;
}

/** The people list: me first, then everyone else with the document open. */
export function renderPeople(me, peers, online) {
  const item = (user, state, typing, isMe) => h('li', { class: 'person' },
    h('span', { class: 'avatar', style: { background: user.color }, 'aria-hidden': 'true' }, initials(user.name)),
    h('span', { class: 'person-name' }, isMe ? `${user.name} (you)` : user.name),
    h('span', { class: typing ? 'person-state is-typing' : 'person-state' }, state));
  $('#people').replaceChildren(
    item(me, online ? 'online' : 'offline', false, true),
    ...peers.map((p) => item(p.user, p.typing ? 'typing…' : 'online', p.typing, false)));
  $('#people-count').textContent = String(peers.length + 1);
  $('#typing').textContent = typingLine(peers.filter((p) => p.typing).map((p) => p.user.name));
}

/**
 * Shows a notice above the document: { tone, kind, title, text, actions: [{ label, onClick, primary }] }.
 * Pass null to hide it.
 */
export function showNotice(notice) {
  const el = $('#notice');
  if (!notice) {
    el.hidden = true;
    el.dataset.kind = '';
    el.replaceChildren();
    return;
  }
  el.dataset.tone = notice.tone || 'info';
  el.dataset.kind = notice.kind || '';
  el.setAttribute('role', notice.tone === 'warn' ? 'alert' : 'status');
  // (replaceChildren writes a null child as the text "null": only elements go in.)
  const parts = [h('p', {}, h('strong', {}, notice.title), notice.text ? ` ${notice.text}` : '')];
  if (notice.actions && notice.actions.length) {
    parts.push(h('div', { class: 'button-row' }, notice.actions.map((a) => h('button', {
      type: 'button', class: a.primary ? 'btn btn-primary' : 'btn', onclick: a.onClick,
    }, a.label))));
  }
  el.replaceChildren(...parts);
  el.hidden = false;
}

/** Offers `text` as a file download. */
export function downloadText(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
