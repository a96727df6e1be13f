// The client state machine's state as saved in IndexedDB and read back after a reload:
//   { doc, clientId, type, rev, base, inflight: { seq, op } | null, buffer: op | null, lastSeq, ... }
// `base` is the snapshot at revision `rev` (in its JSON form: the text, for `text`); the local
// document is base + inflight + buffer. Operations are in their wire form.

import { SYNCHRONIZED, AwaitingConfirm, AwaitingWithBuffer } from '../ot/client.js';
import { textType } from '../types/text.js';

/** The OT client's state saved in `record`, its operations read by `type`. */
export function restoreState(record, type = textType) {
  if (!record.inflight) return SYNCHRONIZED;
  const outstanding = type.opFromJSON(record.inflight.op);
  if (!record.buffer) return new AwaitingConfirm(outstanding, record.inflight.seq);
  return new AwaitingWithBuffer(outstanding, record.inflight.seq, type.opFromJSON(record.buffer));
}

/** The document the person sees: the saved base with the unacknowledged edits applied. */
export function localSnapshotOf(record, type = textType) {
  let snapshot = type.snapshotFromJSON(record.base);
  if (record.inflight) snapshot = type.apply(snapshot, type.opFromJSON(record.inflight.op));
  if (record.buffer) snapshot = type.apply(snapshot, type.opFromJSON(record.buffer));
  return snapshot;
}

/** The text of a `text` document's record (what a reload would show). */
export const localTextOf = (record) => localSnapshotOf(record, textType);
