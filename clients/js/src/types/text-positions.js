// Moving positions backwards through a text operation: from the document it produced to the one
// it was applied to. Used to express a local caret in the server's revision while local edits
// are still unacknowledged (textType.untransformSelection).

import { TextOperation } from '../ot/text-operation.js';
import { codePointLength } from '../ot/code-points.js';

const PLACEHOLDER = '\ufffc';

/**
 * An operation with the shape of `op`'s inverse: it maps positions of op's target back to its
 * base. Deleted text is unknown here, so it comes back as placeholders: fine for carets.
 *
 * @param {TextOperation} op
 * @returns {TextOperation}
 */
export function inverseShape(op) {
  const out = new TextOperation();
  for (const c of op.ops) {
    if (TextOperation.isRetain(c)) out.retain(c);
    else if (TextOperation.isInsert(c)) out.delete(codePointLength(c));
    else out.insert(PLACEHOLDER.repeat(-c));
  }
  return out;
}

