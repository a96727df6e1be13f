// The client state machine's state as saved in IndexedDB and read back after a reload:
//   { doc, clientId, rev, base, inflight: { seq, op } | null, buffer: op | null, lastSeq, ... }
// `base` is the text at revision `rev`; the local text is base + inflight + buffer.

import { SYNCHRONIZED, AwaitingConfirm, AwaitingWithBuffer } from '../ot/client.js';
import { TextOperation } from '../ot/text-operation.js';

export function restoreState(record) {
  if (!record.inflight) return SYNCHRONIZED;
  const outstanding = TextOperation.fromJSON(record.inflight.op);
  if (!record.buffer) return new AwaitingConfirm(outstanding, record.inflight.seq);
  return new AwaitingWithBuffer(outstanding, record.inflight.seq, TextOperation.fromJSON(record.buffer));
}

/** The text the person sees: the saved base with the unacknowledged edits applied. */
export function localTextOf(record) {
  let text = record.base;
  if (record.inflight) text = TextOperation.fromJSON(record.inflight.op).apply(text);
  if (record.buffer) text = TextOperation.fromJSON(record.buffer).apply(text);
  return text;
}
