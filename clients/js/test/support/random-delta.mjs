// Random rich-text deltas for the seeded tests: text with formats (inline and block, set and
// removed), embeds, astral characters and newlines; changes that stop before the end.
import Delta from 'quill-delta';

const PIECES = ['a', 'b', 'c', ' ', '\n', '\u00e9', '\u4e2d', '\u{1F600}', 'xyz'];
const FORMATS = [
  ['bold', true], ['bold', null], ['italic', true], ['italic', null], ['underline', true], ['strike', true],
  ['link', 'https://example.com/a'], ['link', null], ['color', '#d81b60'], ['header', 1], ['header', 2], ['header', null],
  ['list', 'bullet'], ['list', 'ordered'], ['list', null], ['blockquote', true], ['code-block', true],
];

/** Some formats (nulls only where `removals` is true: inserts carry no nulls). */
export function attributes(r, removals) {
  if (r.bool(0.5)) return undefined;
  const out = {};
  for (let k = 1 + r.int(2); k > 0; k--) {
    const [name, value] = r.pick(FORMATS);
    if (value === null && !removals) continue;
    out[name] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

export function insertValue(r) {
  if (r.bool(0.05)) return { image: 'https://example.com/p.png' };
  let s = '';
  for (let n = 1 + r.int(3); n > 0; n--) s += r.pick(PIECES);
  return s;
}

/** A random change of `doc` (a Delta of inserts) that keeps its final newline, as Quill does. */
export function randomDelta(r, doc) {
  const delta = new Delta();
  let left = doc.length() - 1;
  while (left > 0) {
    if (r.bool(0.08)) break; // a delta may stop before the end
    const n = 1 + r.int(Math.min(left, 8));
    const p = r();
    if (p < 0.2) delta.insert(insertValue(r), attributes(r, false));
    else if (p < 0.4) { delta.delete(n); left -= n; } else if (p < 0.55) { delta.retain(n, attributes(r, true)); left -= n; } else { delta.retain(n); left -= n; }
  }
  if (r.bool(0.3)) delta.insert(insertValue(r), attributes(r, false));
  return delta.chop();
}

/** A random document ending in a newline, as Quill keeps them. */
export function randomDocument(r) {
  const doc = new Delta();
  for (let n = r.int(8); n > 0; n--) doc.insert(insertValue(r), attributes(r, false));
  return doc.insert('\n');
}
