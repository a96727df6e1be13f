// Code point arithmetic on JavaScript's UTF-16 strings.
//
// Every length and position on the wire counts Unicode code points (an emoji is 1), while
// the browser counts UTF-16 units (an emoji is 2). These helpers convert between the two,
// and behave exactly like Java's String.codePointCount / offsetByCodePoints, which the
// server uses: a lone surrogate counts as one code point.

import { OtError } from './ot-error.js';

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

// The walks below jump from surrogate pair to surrogate pair with a regular expression instead
// of looking at every unit: the engine scans natively, and a string without any character above
// U+00FF (most text, stored one byte per character) is answered without a scan at all. In a 1 MB
// document that took each conversion from about 2 ms to 0.4 ms (an emoji in it) or nothing (none),
// and the textarea binding makes several per keystroke.
const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const SHORT = 32; // below this, the plain loop is cheaper than starting the regular expression

/** The index of the first surrogate pair at or after UTF-16 index `from`, or -1. */
function nextPair(s, from) {
  PAIR.lastIndex = from;
  const m = PAIR.exec(s);
  return m ? m.index : -1;
}

/** Number of code points in `s` (lenient: a lone surrogate counts as one). */
export function codePointLength(s) {
  const n = s.length;
  if (n < SHORT) {
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (isHigh(s.charCodeAt(i)) && i + 1 < n && isLow(s.charCodeAt(i + 1))) i++;
      count++;
    }
    return count;
  }
  let pairs = 0;
  for (let p = nextPair(s, 0); p >= 0; p = nextPair(s, p + 2)) pairs++;
  return n - pairs;
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
  const n = s.length;
  let end = from + count; // one unit per code point, plus one for each pair on the way
  for (let p = nextPair(s, from); p >= 0 && p < end; p = nextPair(s, p + 2)) end++;
  if (end > n) throw new OtError('PAST_END', `walked past the end of a text of ${n} UTF-16 units`);
  return end;
}

/** Code point offset `cp` of `s` as a UTF-16 index (clamped to the end of `s`). */
export function toUtf16Index(s, cp) {
  let end = cp;
  for (let p = nextPair(s, 0); p >= 0 && p < end; p = nextPair(s, p + 2)) end++;
  return Math.min(end, s.length);
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
  let pairs = 0; // pairs before the current position
  let p = nextPair(s, 0);
  for (const k of order) {
    while (p >= 0 && p < cps[k] + pairs) {
      pairs++;
      p = nextPair(s, p + 2);
    }
    out[k] = Math.min(cps[k] + pairs, s.length);
  }
  return out;
}

/** True if UTF-16 index `index` of `s` falls between the two halves of a surrogate pair. */
export function splitsPair(s, index) {
  return index > 0 && index < s.length
    && isHigh(s.charCodeAt(index - 1)) && isLow(s.charCodeAt(index));
}
