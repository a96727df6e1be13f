// How the history panel shows a `text` document as it was: read-only, with what changed since the
// previous point marked (inserted text underlined in green, deleted text struck through in red),
// or coloured by who wrote each part. Positions are code points, as on the wire. A page of another
// document type gives the panel a view of its own with the same two methods.

import { h } from '../dom.js';

const FALLBACK_COLOR = '#9aa0b4';

/**
 * @param {{ edit: (opJson: unknown) => boolean }} options `edit` applies an operation (wire form)
 *   to the editor as the person's own edit, undoable (the SDK's TextBinding.edit).
 */
export function textHistoryView({ edit }) {
  return {
    /** Draws the document into `el`: `previous` changed by `changes`, or `content` by `authorship`. */
    render(el, { content, previous, changes, authorship }) {
      el.replaceChildren();
      el.classList.add('history-text');
      if (authorship) {
        el.append(...authored(content, authorship));
      } else if (changes && previous !== undefined) {
        el.append(...marked(previous, changes));
      } else {
        el.append(content);
      }
      if (!el.textContent) el.append(h('span', { class: 'muted' }, '(empty)'));
    },
    applyOwnEdit: (opJson) => edit(opJson),
  };
}

/** The previous text walked through the operation: kept, inserted and deleted stretches. */
export function marked(previous, op) {
  const chars = [...previous];
  const out = [];
  let at = 0;
  for (const c of op) {
    if (typeof c === 'number' && c > 0) {
      out.push(chars.slice(at, at + c).join(''));
      at += c;
    } else if (typeof c === 'string') {
      out.push(h('ins', { class: 'history-ins' }, c));
    } else if (typeof c === 'number' && c < 0) {
      out.push(h('del', { class: 'history-del' }, chars.slice(at, at - c).join('')));
      at -= c;
    }
  }
  out.push(chars.slice(at).join(''));
  return out.filter((x) => x !== '');
}

/** The text in runs, each in its author's colour, with the author's name as its title. */
export function authored(text, { spans, authors }) {
  const chars = [...text];
  return spans.map((s) => {
    const who = s.client ? authors[s.client] : null;
    const color = (who && who.color) || FALLBACK_COLOR;
    return h('span', {
      class: 'history-author', style: { '--author': color },
      title: who ? who.name : 'there before the history shown',
      'data-client': s.client || '',
    }, chars.slice(s.start, s.start + s.length).join(''));
  });
}
