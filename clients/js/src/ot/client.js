// The client half of the concurrency control, after ot.js: at most one operation in flight,
// edits made meanwhile composed into a buffer, and server operations transformed past both.
//
//                    applyClient               applyClient
//   Synchronized ───────────────► AwaitingConfirm ─────────────► AwaitingWithBuffer
//        ▲                          │      ▲                        │      ▲  │
//        └──────── serverAck ───────┘      └────── serverAck ───────┘      └──┘ applyClient
//
// Each state is an immutable object; every event returns the next state. Submissions carry a
// `seq` (increasing per client and document) so that a resend after a reconnect is recognised
// by the server and never applied twice. Operations are opaque here: the document type
// (../types/type.js) transforms and composes them, so every type shares this machine.

import { transformPair } from '../types/type.js';
import { textType } from '../types/text.js';

export class Client {
  /**
   * @param {number} revision the server revision the local document is at
   * @param {{ lastSeq?: number, state?: any, type?: import('../types/type.js').DocumentType<any, any, any> }} [options]
   *   `lastSeq`: the last seq this client id used on this document; `type`: the document type (default text)
   */
  constructor(revision = 0, { lastSeq = 0, state = SYNCHRONIZED, type = textType } = {}) {
    this.revision = revision;
    this.lastSeq = lastSeq;
    this.state = state;
    this.type = type;
  }

  setState(state) {
    this.state = state;
  }

  /** The person edited the document. */
  applyClient(op) {
    this.setState(this.state.applyClient(this, op));
  }

  /** Another client's operation arrived from the server (on revision `this.revision`). */
  applyServer(op) {
    this.revision++;
    this.setState(this.state.applyServer(this, op));
  }

  /** The server committed our operation in flight. */
  serverAck() {
    this.revision++;
    this.setState(this.state.serverAck(this));
  }

  /** After a reconnect: send the operation in flight again, under the same seq. */
  resend() {
    this.state.resend(this);
  }

  /** Moves a selection made on the server's revision into the local document. */
  transformSelection(selection) {
    if (!this.type.transformSelection) return selection;
    return this.state.pending().reduce((sel, op) => this.type.transformSelection(sel, op), selection);
  }

  /** The seq for a new submission. */
  nextSeq() {
    this.lastSeq += 1;
    return this.lastSeq;
  }

  /** Hook: send `op`, made on `revision`, as submission `seq`. */
  sendOperation(revision, op, seq) { // eslint-disable-line no-unused-vars
    throw new Error('sendOperation must be defined');
  }

  /** Hook: apply a (transformed) server operation to the editor. */
  applyOperation(op) { // eslint-disable-line no-unused-vars
    throw new Error('applyOperation must be defined');
  }
}

/**
 * Sends `op` as the next submission. A type with a batch limit (canvas) may `split` an operation
 * too large for one submission: the first part goes now, the rest waits as the buffer.
 */
function sendNext(client, op) {
  const [now, later] = client.type.split ? client.type.split(op) : [op, null];
  const seq = client.nextSeq();
  client.sendOperation(client.revision, now, seq);
  return later ? new AwaitingWithBuffer(now, seq, later) : new AwaitingConfirm(now, seq);
}

/** Nothing in flight: the local document is the server's revision. */
class Synchronized {
  get name() { return 'Synchronized'; }

  applyClient(client, op) {
    return sendNext(client, op);
  }

  applyServer(client, op) {
    client.applyOperation(op);
    return this;
  }

  serverAck() {
    throw new Error('ack received with no operation in flight');
  }

  resend() {}


  /** Local operations not yet on the server, oldest first. */
  pending() {
    return [];
  }
}

export const SYNCHRONIZED = new Synchronized();

/** One operation in flight, waiting for its ack. */
export class AwaitingConfirm {
  constructor(outstanding, seq) {
    this.outstanding = outstanding;
    this.seq = seq;
  }

  get name() { return 'AwaitingConfirm'; }

  applyClient(client, op) {
    return new AwaitingWithBuffer(this.outstanding, this.seq, op);
  }

  applyServer(client, op) {
    //  The server's op was committed before ours: ours goes after it, theirs after ours here.
    const [outstanding, theirs] = transformPair(client.type, this.outstanding, op);
    client.applyOperation(theirs);
    return new AwaitingConfirm(outstanding, this.seq);
  }

  serverAck() {
    return SYNCHRONIZED;
  }

  resend(client) {
    client.sendOperation(client.revision, this.outstanding, this.seq);
  }


  pending() {
    return [this.outstanding];
  }
}

/** One operation in flight and the edits made since, composed into one buffer. */
export class AwaitingWithBuffer {
  constructor(outstanding, seq, buffer) {
    this.outstanding = outstanding;
    this.seq = seq;
    this.buffer = buffer;
  }

  get name() { return 'AwaitingWithBuffer'; }

  applyClient(client, op) {
    return new AwaitingWithBuffer(this.outstanding, this.seq, client.type.compose(this.buffer, op));
  }

  applyServer(client, op) {
    //       /\
    //  out /  \ op
    //     /\  /
    // buf/  \/ op'
    //    \  /
    //     \/ op''      applied locally
    const [outstanding, op1] = transformPair(client.type, this.outstanding, op);
    const [buffer, op2] = transformPair(client.type, this.buffer, op1);
    client.applyOperation(op2);
    return new AwaitingWithBuffer(outstanding, this.seq, buffer);
  }

  serverAck(client) {
    return sendNext(client, this.buffer);
  }

  resend(client) {
    client.sendOperation(client.revision, this.outstanding, this.seq);
  }


  pending() {
    return [this.outstanding, this.buffer];
  }
}
