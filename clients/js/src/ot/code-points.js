// Code point arithmetic on JavaScript's UTF-16 strings.
//
// Every length and position on the wire counts Unicode code points (an emoji is 1), while
// the browser counts UTF-16 units (an emoji is 2). These helpers convert between the two,
// and behave exactly like Java's String.codePointCount / offsetByCodePoints, which the
// server uses: a lone surrogate counts as one code point.

import { OtError } from './ot-error.js';

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/** Number of code points in `s` (lenient: a lone surrogate counts as one). */
export function codePointLength(s) {
  let count = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (isHigh(s.charCodeAt(i)) && i + 1 < n && isLow(s.charCodeAt(i + 1))) i++;
    count++;
  }
  return count;
}

/** Number of code points in `s`; throws LONE_SURROGATE on an unpaired surrogate half. */
export function codePointLengthStrict(s) {
  let count = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      if (isHigh(c) && i + 1 < n && isLow(s.charCodeAt(i + 1))) {
        i++;
      } else {
        throw new OtError('LONE_SURROGATE',
          `lone surrogate U+${c.toString(16).toUpperCase()} at UTF-16 index ${i}`);
      }
    }
    count++;
  }
  return count;
}

/** UTF-16 index reached by walking `count` code points from UTF-16 index `from`. */
export function offsetByCodePoints(s, from, count) {
  let i = from;
  const n = s.length;
  for (let k = 0; k < count; k++) {
    if (i >= n) throw new OtError('PAST_END', `walked past the end of a text of ${n} UTF-16 units`);
    if (isHigh(s.charCodeAt(i)) && i + 1 < n && isLow(s.charCodeAt(i + 1))) i += 2;
    else i += 1;
  }
  return i;
}

/** Code point offset `cp` of `s` as a UTF-16 index (clamped to the end of `s`). */
export function toUtf16Index(s, cp) {
  let i = 0;
  const n = s.length;
  for (let k = 0; k < cp && i < n; k++) {
    i += isHigh(s.charCodeAt(i)) && i + 1 < n && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** UTF-16 index `index` of `s` as a code point offset. An index inside a pair counts the pair. */
export function toCodePointIndex(s, index) {
  return codePointLength(s.slice(0, index));
}

/**
 * Converts several code point offsets of `s` to UTF-16 indices in one walk.
 * Returns an array in the same order as `cps`.
 */
export function toUtf16Indices(s, cps) {
  const order = cps.map((cp, k) => k).sort((x, y) => cps[x] - cps[y]);
  const out = new Array(cps.length);
  let i = 0;
  let cp = 0;
  const n = s.length;
  for (const k of order) {
    while (cp < cps[k] && i < n) {
      i += isHigh(s.charCodeAt(i)) && i + 1 < n && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
      cp++;
    }
    out[k] = i;
  }
  return out;
}

/** True if UTF-16 index `index` of `s` falls between the two halves of a surrogate pair. */
export function splitsPair(s, index) {
  return index > 0 && index < s.length
    && isHigh(s.charCodeAt(index - 1)) && isLow(s.charCodeAt(index));
}
