// Turns "the textarea held `before`, now it holds `after`" into an operation. Browsers report
// input as a new value, not as an edit, so the edit is recovered as the one changed range
// between the common prefix and the common suffix. `caret` (UTF-16, after the input) settles
// the ambiguous cases: typing "a" into "aa" inserts where the caret is, not at the start.

import { TextOperation } from '../../ot/text-operation.js';
import { codePointLength, splitsPair } from '../../ot/code-points.js';

/** The edit from `before` to `after` as a TextOperation, or null if nothing changed. */
export function diffToOperation(before, after, caret = null) {
  if (before === after) return null;
  const { start, deleted, inserted } = changedRange(before, after, caret);
  const startCp = codePointLength(before.slice(0, start));
  const deletedText = before.slice(start, start + deleted);
  return new TextOperation()
    .retain(startCp)
    .delete(codePointLength(deletedText))
    .insert(after.slice(start, start + inserted))
    .retain(codePointLength(before.slice(start + deleted)));
}

const STRIDE = 1024;

/** The changed range in UTF-16 units: `deleted` units of `before` at `start` became `inserted` units of `after`. */
export function changedRange(before, after, caret = null) {
  const max = Math.min(before.length, after.length);
  // Whole strides compared natively first (equality of two slices, which do not copy), then unit
  // by unit: a keystroke in a 1 MB text compares about 1 MB either way, this way in a tenth of the time.
  let prefix = 0;
  while (prefix + STRIDE <= max && before.slice(prefix, prefix + STRIDE) === after.slice(prefix, prefix + STRIDE)) prefix += STRIDE;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + STRIDE <= max - prefix
      && before.slice(before.length - suffix - STRIDE, before.length - suffix) === after.slice(after.length - suffix - STRIDE, after.length - suffix)) {
    suffix += STRIDE;
  }
  while (suffix < max - prefix
      && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (caret !== null) {
    // The inserted text ends at the caret: slide the changed range left while that keeps it
    // the same edit (the unit leaving it on the right equals the one entering on the left).
    while (prefix > 0 && caret < after.length - suffix
        && after.charCodeAt(prefix - 1) === after.charCodeAt(after.length - suffix - 1)
        && before.charCodeAt(prefix - 1) === before.charCodeAt(before.length - suffix - 1)) {
      prefix--;
      suffix++;
    }
  }
  // Never cut a surrogate pair in two.
  if (splitsPair(after, prefix) || splitsPair(before, prefix)) prefix--;
  if (splitsPair(after, after.length - suffix) || splitsPair(before, before.length - suffix)) suffix--;
  return { start: prefix, deleted: before.length - prefix - suffix, inserted: after.length - prefix - suffix };
}
