// How the history panel shows a `rich-text` document as it was: read-only HTML drawn from the
// Delta (headings, lists, quotes, code blocks, bold, italic, links...), with what changed since
// the previous point marked (inserted text underlined in green, deleted text struck through in
// red, text whose formatting changed dotted), or coloured by who wrote each part. Positions are
// UTF-16 units, as Quill and the server count them. The page's own Quill editor is never used
// for this: the preview is plain elements, so nothing in it can be edited or sent.
//
// The pure part (markedOps, authoredOps, linesOf) works on the wire form of Deltas ({ ops }),
// so it runs in Node too (src/web/test/js/history-views.test.mjs).

import { h } from '../dom.js';
import { safeLink } from '../links.js';

const FALLBACK_COLOR = '#9aa0b4';
/** What a deleted line break looks like in the preview (it does not break the line). */
export const DELETED_BREAK = '↵';

/**
 * @param {{ edit: (opJson: unknown) => boolean }} options `edit` applies a Delta (wire form) to
 *   the editor as the person's own edit, undoable in one step (the SDK's QuillBinding.edit).
 */
export function richTextHistoryView({ edit }) {
  return {
    /** Draws the document into `el`: `previous` changed by `changes`, or `content` by `authorship`. */
    render(el, { content, previous, changes, authorship }) {
      el.replaceChildren();
      el.classList.add('history-rich');
      let ops = content.ops;
      if (authorship) ops = authoredOps(content.ops, authorship);
      else if (changes && previous !== undefined) ops = markedOps(previous.ops, changes.ops);
      el.append(...blocks(linesOf(ops), authorship ? authorship.authors : {}));
      if (!el.textContent.trim()) el.append(h('span', { class: 'muted' }, '(empty)'));
    },
    applyOwnEdit: (opJson) => edit(opJson),
  };
}

/** `n` units at a time out of a document's inserts, cut where asked. */
function reader(ops) {
  let i = 0;
  let offset = 0;
  return (n) => {
    const out = [];
    while (n > 0 && i < ops.length) {
      const op = ops[i];
      const text = typeof op.insert === 'string';
      const length = text ? op.insert.length : 1;
      const k = Math.min(n, length - offset);
      out.push(withAttributes({ insert: text ? op.insert.slice(offset, offset + k) : op.insert }, op.attributes));
      offset += k;
      n -= k;
      if (offset === length) {
        i++;
        offset = 0;
      }
    }
    return out;
  };
}

function withAttributes(op, attributes) {
  if (attributes && Object.keys(attributes).length > 0) op.attributes = attributes;
  return op;
}

/** `attributes` changed by a retain's `change` (null removes one), as compose does. */
function formatted(attributes = {}, change = {}) {
  const out = { ...attributes };
  for (const [k, v] of Object.entries(change)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * The previous document walked through `changes` (both in wire form, ops arrays): one document
 * holding the kept text, the inserted text (attribute `history: 'ins'`), the deleted text
 * (`history: 'del'`, with the formatting it had) and text whose formatting changed
 * (`history: 'fmt'`, with its new formatting).
 */
export function markedOps(previous, changes) {
  const take = reader(previous);
  const out = [];
  for (const c of changes) {
    if (c.insert !== undefined) {
      out.push({ insert: c.insert, attributes: { ...c.attributes, history: 'ins' } });
    } else if (typeof c.delete === 'number') {
      for (const part of take(c.delete)) out.push({ insert: part.insert, attributes: { ...part.attributes, history: 'del' } });
    } else if (typeof c.retain === 'number') {
      for (const part of take(c.retain)) {
        out.push(c.attributes ? { insert: part.insert, attributes: { ...formatted(part.attributes, c.attributes), history: 'fmt' } } : part);
      }
    }
  }
  out.push(...take(Infinity));
  return out;
}

/** The document's inserts cut at the authorship's spans, each with `author`: its client id ('' unknown). */
export function authoredOps(ops, { spans }) {
  const take = reader(ops);
  const out = [];
  for (const s of spans) {
    for (const part of take(s.length)) out.push({ insert: part.insert, attributes: { ...part.attributes, author: s.client || '' } });
  }
  out.push(...take(Infinity));
  return out;
}

/**
 * The document as lines: each with the attributes of the line break that ends it (header, list,
 * blockquote, code-block, indent, align; `history` and `author` of the break itself) and its
 * inline parts. A deleted line break stays inside its line, drawn as DELETED_BREAK.
 */
export function linesOf(ops) {
  const lines = [];
  let parts = [];
  for (const op of ops) {
    const a = op.attributes || {};
    if (typeof op.insert !== 'string') {
      parts.push(op);
      continue;
    }
    const pieces = op.insert.split('\n');
    pieces.forEach((piece, i) => {
      if (piece) parts.push(withAttributes({ insert: piece }, op.attributes));
      if (i === pieces.length - 1) return;
      if (a.history === 'del') {
        parts.push({ insert: DELETED_BREAK, attributes: { history: 'del' } });
      } else {
        lines.push({ attributes: a, parts });
        parts = [];
      }
    });
  }
  if (parts.length > 0) lines.push({ attributes: {}, parts });
  return lines;
}

const LIST_TAG = { bullet: 'ul', ordered: 'ol', checked: 'ul', unchecked: 'ul', check: 'ul' };

/** The lines as elements: list items grouped into lists, code lines into one block. */
function blocks(lines, authors) {
  const out = [];
  let group = null;
  for (const line of lines) {
    const a = line.attributes;
    const inline = line.parts.map((p) => inlineNode(p, authors));
    if (inline.length === 0) inline.push(h('br'));
    const style = {};
    if (a.align) style.textAlign = a.align;
    if (a.indent) style.marginLeft = `${Number(a.indent) * 2}em`;
    const mark = a.history === 'ins' || a.history === 'fmt' ? { 'data-history': a.history } : {};
    let block;
    let groupKey = null;
    if (a.list) {
      groupKey = `list:${LIST_TAG[a.list] || 'ul'}:${a.list === 'ordered'}`;
      const box = a.list === 'checked' ? '☑ ' : a.list === 'unchecked' || a.list === 'check' ? '☐ ' : null;
      block = h('li', { 'data-list': a.list, style, ...mark }, ...(box ? [box] : []), ...inline);
    } else if (a['code-block']) {
      groupKey = 'code';
      block = h('code', { ...mark }, ...inline, '\n');
    } else if (a.header) {
      block = h(`h${Math.min(6, Math.max(1, Number(a.header) || 1))}`, { style, ...mark }, ...inline);
    } else if (a.blockquote) {
      block = h('blockquote', { style, ...mark }, ...inline);
    } else {
      block = h('p', { style, ...mark }, ...inline);
    }
    if (groupKey === null) {
      group = null;
      out.push(block);
      continue;
    }
    if (!group || group.key !== groupKey) {
      const el = groupKey === 'code' ? h('pre', { class: 'history-code' }) : h(LIST_TAG[a.list] || 'ul');
      group = { key: groupKey, el };
      out.push(el);
    }
    group.el.append(block);
  }
  return out;
}

/** One stretch of text with its formatting, its mark (inserted, deleted, reformatted) and author. */
function inlineNode(part, authors) {
  const a = part.attributes || {};
  /** @type {any} */
  let node = typeof part.insert === 'string' ? document.createTextNode(part.insert) : h('span', { class: 'history-embed' }, `[${Object.keys(part.insert)[0] || 'embed'}]`);
  const wrap = (tag, attrs = {}) => { node = h(tag, attrs, node); };
  if (a.code) wrap('code');
  if (a.bold) wrap('strong');
  if (a.italic) wrap('em');
  if (a.underline) wrap('u');
  if (a.strike) wrap('s');
  if (a.script === 'sub' || a.script === 'super') wrap(a.script === 'sub' ? 'sub' : 'sup');
  if (typeof a.link === 'string') wrap('a', { href: safeLink(a.link), target: '_blank', rel: 'noopener noreferrer' });
  if (a.history === 'ins') wrap('ins', { class: 'history-ins' });
  else if (a.history === 'del') wrap('del', { class: 'history-del' });
  else if (a.history === 'fmt') wrap('span', { class: 'history-fmt', title: 'formatting changed' });
  if (a.author !== undefined) {
    const who = a.author ? authors[a.author] : null;
    wrap('span', {
      class: 'history-author', style: { '--author': (who && who.color) || FALLBACK_COLOR },
      title: who ? who.name : 'there before the history shown', 'data-client': a.author,
    });
  }
  return node;
}
