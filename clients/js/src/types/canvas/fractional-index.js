// Fractional indexes: strings that sort between any two others, so an object can be placed
// between two siblings without renumbering anything. Keys come from the npm package
// `fractional-indexing` 4.0.0 (Rocicorp, CC0; vendored by scripts/vendor.mjs, see VENDOR.md),
// the same package the Java port dev.tandem.ot.canvas.FractionalIndex is checked against.
//
// `validateIndex` is the Java port's stricter check, ported here: every character must be a
// base-62 digit (the package looks only at the head and the trailing zero).

import { generateKeyBetween, generateNKeysBetween, BASE_62_DIGITS } from '../../../vendor/fractional-indexing/index.js';
import { OtError } from '../../ot/ot-error.js';

const INT_DIGITS = BASE_62_DIGITS.slice(10); // A-Z a-z: the heads
const SMALLEST_INTEGER = `A${'0'.repeat(26)}`;
const DIGIT = /^[0-9A-Za-z]+$/;

const invalid = (message) => new OtError('INVALID_INDEX', message);
const printable = (s) => (s.length > 40 ? `${s.slice(0, 40)}...` : s);

function integerLength(head) {
  const i = INT_DIGITS.indexOf(head);
  if (i < 0) throw invalid(`invalid order key head: ${printable(head)}`);
  const half = INT_DIGITS.length / 2;
  return i < half ? half - i + 1 : i - half + 2;
}

/** Throws INVALID_INDEX unless `key` is a key made only of base-62 digits. */
export function validateIndex(key) {
  if (typeof key !== 'string' || key === '') throw invalid('an index must be a non-empty string');
  if (!DIGIT.test(key)) {
    const at = [...key].findIndex((c) => !DIGIT.test(c));
    throw invalid(`index "${printable(key)}" has a character that is not a base-62 digit at ${at}`);
  }
  if (key === SMALLEST_INTEGER) throw invalid(`index "${key}" is the smallest integer, which has no key before it`);
  const length = integerLength(key[0]);
  if (length > key.length) throw invalid(`index "${printable(key)}" is shorter than its head '${key[0]}' says`);
  if (key.length > length && key.endsWith('0')) throw invalid(`index "${key}" ends in a trailing zero`);
}

export function isValidIndex(key) {
  try {
    validateIndex(key);
    return true;
  } catch {
    return false;
  }
}

/** A key strictly between `a` and `b` (null: the start or the end), in either order. */
export function indexBetween(a, b) {
  if (a != null) validateIndex(a);
  if (b != null) validateIndex(b);
  try {
    return generateKeyBetween(a ?? null, b ?? null);
  } catch (e) {
    throw invalid(e.message);
  }
}

/** `n` distinct keys in ascending order between `a` and `b`. */
export function indexesBetween(a, b, n) {
  if (a != null) validateIndex(a);
  if (b != null) validateIndex(b);
  try {
    return generateNKeysBetween(a ?? null, b ?? null, n);
  } catch (e) {
    throw invalid(e.message);
  }
}
