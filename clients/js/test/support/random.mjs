// A small seeded random generator (mulberry32) and text generators like the Java tests'
// RandomEdits: ASCII, combining marks, CJK, emoji (ZWJ sequences, flags) and astral symbols.
import { TextOperation } from '../../src/ot/text-operation.js';
import { codePointLength } from '../../src/ot/code-points.js';

export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.bool = (p = 0.5) => next() < p;
  return next;
}

export const ALPHABET = ['a', 'b', 'c', ' ', '\n', 'e\u0301', '\u00e9', '\u4e2d', '\u{1F600}', '\u{1D11E}',
  '\u{1F469}\u200d\u{1F4BB}', '\u{1F1EB}\u{1F1F7}', '\u0627', 'z'];

export function text(r, maxPieces) {
  let s = '';
  const n = r.int(maxPieces + 1);
  for (let i = 0; i < n; i++) s += r.pick(ALPHABET);
  return s;
}

export function nonEmptyText(r, maxPieces) {
  return text(r, maxPieces) || r.pick(ALPHABET);
}

/** A random operation on a document of `length` code points. */
export function operation(r, length) {
  const op = new TextOperation();
  let left = length;
  while (left > 0) {
    const n = 1 + r.int(Math.min(left, 20));
    const p = r();
    if (p < 0.2) op.insert(nonEmptyText(r, 4));
    else if (p < 0.5) { op.delete(n); left -= n; } else { op.retain(n); left -= n; }
  }
  if (r() < 0.3) op.insert(nonEmptyText(r, 4));
  return op;
}

export { codePointLength };
