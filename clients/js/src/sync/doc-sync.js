// One open document on the wire: the protocol's open / opened / submit / op / ack / error
// messages for a document, around the OT client state machine (../ot/client.js).
//
// It knows nothing of sockets or the DOM, nor of what the document holds: its type
// (../types/type.js, `text` by default) applies, transforms and parses operations. The owner
// feeds it what arrives (`receive`), tells it when the connection is ready or gone (`connected`,
// `disconnected`) and when the person edits (`localEdit`); it answers through `send` and
// through the view of the document it was given:
//   view.getSnapshot(), view.setSnapshot(snapshot), view.applyOperation(op).
// A type with `rebaseView` (canvas) is shown differently: applying its operations depends on
// the server's order, so the view is not moved along by transformed remote operations but
// rebuilt as the server's state with our pending operations on top, through one more call:
//   view.rebase(committed, pending, theirs): the server's state moved on by `committed` (null:
//   only the pending operations changed), our pending operations are now `pending`, and
//   `theirs` is someone else's committed operation transformed past them (null for our acks).
// Events (on(type, fn)): 'change' (revision, unsent edits, phase or savingPaused changed), 'opened',
// 'reset' ({ lostText }), 'notFound', 'reconnect' ({ delayMs }), 'fatal' (error message),
// 'report' (an error that needs no action), 'remote' (op applied from someone else).

import { Client } from '../ot/client.js';
import { Emitter } from '../util/emitter.js';
import { textType } from '../types/text.js';
import { restoreState } from './doc-record.js';
import { recoveryOf, MAX_CATCH_UPS } from './recovery.js';
import { SaveWatch } from './save-watch.js';

/**
 * After a reload the saved record may be a write or two behind what was sent: jump the seq
 * forward so that a new edit never reuses a seq the server may already have committed.
 */
export const RELOAD_SEQ_GAP = 1000;

/**
 * @typedef {object} DocumentView what DocSync changes when the document changes under it
 * @property {() => any} getSnapshot the local document, with unacknowledged edits
 * @property {(snapshot: any) => void} setSnapshot replaces it (a snapshot from the server)
 * @property {(op: any) => void} applyOperation applies someone else's (transformed) operation
 * @property {() => void} [flush] reports the person's edits the editor holds but has not reported
 *   yet (called before every server message is handled)
 * @property {(committed: any, pending: any[], theirs: any) => void} [rebase] for `rebaseView` types
 */

export class DocSync extends Emitter {
  /**
   * @param {object} options
   * @param {string} options.doc the document id
   * @param {string} options.clientId
   * @param {(msg: object) => boolean | void} options.send
   * @param {DocumentView} options.view
   * @param {import('../types/type.js').DocumentType<any, any, any> | null} [options.type] null: not known
   *   yet (the `open` names none, and the owner calls adoptType before the `opened` is handled)
   * @param {boolean} [options.create] open with `create: true`
   * @param {number} [options.historyLimit] committed operations kept to move late carets
   * @param {any} [options.timers]
   */
  constructor({ doc, clientId, send, view, type = textType, create = false, historyLimit = 500, timers = globalThis }) {
    super();
    this.doc = doc;
    this.clientId = clientId;
    /** The id the server shows the others for us (welcome's `client`); our own id until a server says otherwise. */
    this.selfId = clientId;
    this.send = send;
    this.view = view;
    this.type = type;
    this.create = create;
    this.historyLimit = historyLimit;
    this.timers = timers;
    /** 'closed' (no connection), 'opening' (open sent), 'open'. */
    this.phase = 'closed';
    /** The OT client; null until the document was opened once (or restored from storage). */
    this.client = null;
    this.lastSeq = 0;
    this.wantSnapshot = false;
    this.serverBase = type ? type.create() : null;
    this.serverDelta = null;
    /** Recent committed operations, to move carets reported at older revisions. */
    this.history = [];
    this.editsInFlight = 0;
    this.editsBuffered = 0;
    this.sentSeq = 0;
    /** Someone else's operation transformed past ours, between the client's step and the view's rebase. */
    this.theirs = null;
    /** Whether our edits wait too long for acks, or the server said it cannot save. */
    this.saving = new SaveWatch({ timers, onChange: () => this.emit('change') });
  }

  /** True once the document has a known revision: the person may edit, online or not. */
  get canEdit() {
    return this.client !== null;
  }

  get revision() {
    return this.client ? this.client.revision : null;
  }

  /** Local edits the server has not acknowledged yet. */
  get unsentEdits() {
    return this.editsInFlight + this.editsBuffered;
  }

  /**
   * True while connected when our edits have waited for an ack for more than a couple of
   * seconds, or the server said it cannot save right now (UNAVAILABLE); they are kept and sent
   * again. See save-watch.js.
   */
  get savingPaused() {
    return this.phase !== 'closed' && this.saving.paused();
  }

  /** The document at the server revision `revision` (without our unacknowledged edits). */
  get serverSnapshot() {
    if (this.serverDelta) {
      this.serverBase = this.type.apply(this.serverBase, this.serverDelta);
      this.serverDelta = null;
    }
    return this.serverBase;
  }

  /** The document's type, learnt from the server (`opened.docType`) when the open named none. */
  adoptType(type) {
    if (this.type) throw new Error(`document ${this.doc} already has the type ${this.type.name}`);
    this.type = type;
    this.serverBase = type.create();
  }

  /** Picks up from a record saved by `record()` (see doc-record.js): shows its document at once. */
  restore(record) {
    this.lastSeq = (record.lastSeq || 0) + RELOAD_SEQ_GAP;
    this.create = Boolean(record.create);
    this.wantSnapshot = Boolean(record.resync);
    this.serverBase = this.type.snapshotFromJSON(record.base);
    this.serverDelta = null;
    this.editsInFlight = record.inflight ? (record.inflightEdits || 1) : 0;
    this.editsBuffered = record.buffer ? (record.bufferedEdits || 1) : 0;
    this.setClient(new Client(record.rev, { lastSeq: this.lastSeq, state: restoreState(record, this.type), type: this.type }));
    this.sentSeq = record.inflight ? record.inflight.seq : 0;
    let snapshot = this.serverBase;
    for (const op of this.client.state.pending()) snapshot = this.type.apply(snapshot, op);
    if (this.view.rebase) {
      this.view.setSnapshot(this.serverBase);
      this.view.rebase(null, this.client.state.pending(), null);
    } else {
      this.view.setSnapshot(snapshot);
    }
    this.emit('change');
  }

  /**
   * Starts a document that the server may not have yet: empty, at revision 0, created when
   * the connection comes (`open` with `create: true`). Edits made meanwhile are kept like any
   * offline edits; should the document exist after all, they are merged into it.
   */
  startNew() {
    this.restore({ doc: this.doc, clientId: this.clientId, rev: 0, base: this.type.snapshotToJSON(this.type.create()),
      inflight: null, buffer: null, lastSeq: this.lastSeq, create: true });
  }

  /** What to keep in storage to reopen this document offline and resubmit its edits. */
  record() {
    const state = this.client.state;
    return {
      doc: this.doc,
      clientId: this.clientId,
      type: this.type.name,
      rev: this.client.revision,
      base: this.type.snapshotToJSON(this.serverSnapshot),
      inflight: state.outstanding ? { seq: state.seq, op: this.type.opToJSON(state.outstanding) } : null,
      buffer: state.buffer ? this.type.opToJSON(state.buffer) : null,
      inflightEdits: this.editsInFlight,
      bufferedEdits: this.editsBuffered,
      lastSeq: this.client.lastSeq,
      create: this.create,
      resync: this.wantSnapshot,
    };
  }

  /** The connection said welcome: open the document, catching up from our revision if we have one. */
  connected() {
    if (this.phase === 'closed') this.saving.progress(this.unsentEdits); // a new connection: its own chance
    this.phase = 'opening';
    const msg = { type: 'open', doc: this.doc };
    if (this.client && !this.wantSnapshot) msg.rev = this.client.revision;
    if (this.create) msg.create = true;
    if (this.type) msg.docType = this.type.name; // a document of another type is refused (TYPE_MISMATCH)
    this.send(msg);
    this.emit('change');
  }

  disconnected() {
    this.phase = 'closed';
    this.saving.stop();
    this.emit('change');
  }

  /** The person changed the document by `op` (on the current local text). */
  localEdit(op) {
    if (!this.client) throw new Error('the document is not loaded yet');
    this.editsBuffered += 1;
    this.saving.waiting();
    this.client.applyClient(op);
    this.emit('change');
  }

  /** A server message about this document. */
  receive(msg) {
    try {
      switch (msg.type) {
        case 'opened': this.onOpened(msg); break;
        case 'op': this.onOp(msg); break;
        case 'ack': this.onAck(msg); break;
        case 'error': this.onError(msg); break;
        default: return;
      }
    } catch (e) {
      // An operation that does not fit our copy: our copy is wrong. Start again from a snapshot.
      this.resync(`could not apply a server message (${e.message})`);
    }
    this.emit('change');
  }

  onOpened(msg) {
    if (this.phase !== 'opening') return;
    if (msg.docType !== undefined && msg.docType !== this.type.name) {
      this.phase = 'closed';
      this.emit('fatal', { type: 'error', code: 'TYPE_MISMATCH', doc: this.doc,
        message: `the document is of type ${msg.docType}, not ${this.type.name}` });
      return;
    }
    if (msg.snapshot !== undefined) {
      const snapshot = this.type.snapshotFromJSON(msg.snapshot);
      if (this.client && this.unsentEdits > 0 && !this.wantSnapshot && msg.rev === this.client.revision && !msg.reset
          && sameJSON(this.type.snapshotToJSON(this.serverSnapshot), msg.snapshot)) {
        // The snapshot is the revision our edits are made on (a document we started here, say):
        // nothing to rebase, keep them and send them.
        this.finishOpen(msg);
        return;
      }
      const lost = this.client && this.unsentEdits > 0 ? this.view.getSnapshot() : null;
      this.lastSeq = Math.max(this.lastSeq, this.client ? this.client.lastSeq : 0);
      this.serverBase = snapshot;
      this.serverDelta = null;
      this.history = [];
      this.editsInFlight = 0;
      this.editsBuffered = 0;
      this.wantSnapshot = false;
      this.setClient(new Client(msg.rev, { lastSeq: this.lastSeq, type: this.type }));
      this.view.setSnapshot(snapshot);
      if (lost !== null && !sameJSON(this.type.snapshotToJSON(lost), msg.snapshot)) {
        this.emit('reset', { lostText: typeof lost === 'string' ? lost : JSON.stringify(this.type.snapshotToJSON(lost)) });
      }
    } else {
      for (const r of msg.ops || []) {
        if (r.rev <= this.client.revision) continue;
        if (r.rev !== this.client.revision + 1) throw new Error(`revision ${r.rev} after ${this.client.revision}`);
        this.onCommitted(r);
      }
      if (msg.rev !== this.client.revision) throw new Error(`opened at ${msg.rev} but caught up to ${this.client.revision}`);
    }
    this.finishOpen(msg);
  }

  finishOpen(msg) {
    this.create = false;
    this.phase = 'open';
    if (this.unsentEdits === 0) this.saving.progress(0);
    else this.saving.opened();
    // Our edit in flight was not among the revisions we missed: send it again, same seq.
    this.client.resend();
    this.emit('opened', msg);
  }

  onOp(msg) {
    if (this.phase !== 'open' || msg.rev <= this.client.revision) return;
    if (msg.rev !== this.client.revision + 1) {
      this.requestReconnect(0);
      return;
    }
    this.onCommitted(msg);
  }

  /** Revision `r` ({rev, op, client, seq}) is next: ours (an ack in disguise) or someone else's. */
  onCommitted(r) {
    const state = this.client.state;
    if (r.client === this.selfId) {
      this.client.lastSeq = Math.max(this.client.lastSeq, r.seq);
      if (state.outstanding && r.seq === state.seq) {
        this.acknowledge(r.op);
        return;
      }
    }
    const op = this.type.opFromJSON(r.op);
    this.remember(op);
    this.client.applyServer(op);
    if (this.view.rebase) {
      const theirs = this.theirs;
      this.theirs = null;
      this.view.rebase(op, this.client.state.pending(), theirs);
      this.emit('remote', theirs);
    }
  }

  onAck(msg) {
    const state = this.client && this.client.state;
    if (this.phase !== 'open' || !state.outstanding || msg.seq !== state.seq) return; // already acked
    this.catchUps = 0;
    if (msg.rev !== this.client.revision + 1) {
      // We missed revisions before ours: catch up, our edit will be among them.
      this.requestReconnect(0);
      return;
    }
    this.acknowledge(msg.op);
  }

  /** Our operation in flight is committed; `committedJSON` is it as committed, for types whose acks carry it. */
  acknowledge(committedJSON) {
    const op = this.type.acksCarryOperation && committedJSON !== undefined
      ? this.type.opFromJSON(committedJSON) : this.client.state.outstanding;
    this.remember(op);
    this.editsInFlight = 0;
    this.client.serverAck();
    if (this.view.rebase) this.view.rebase(op, this.client.state.pending(), null);
    this.saving.progress(this.unsentEdits);
  }

  /** Follows the recovery table of PROTOCOL.md (./recovery.js) for an error about this document. */
  onError(msg) {
    if (msg.code === 'UNAVAILABLE') this.saving.unavailable();
    const action = recoveryOf(msg);
    const inFlight = this.client && this.client.state.outstanding ? this.client.state.seq : null;
    const aboutMyEdit = inFlight !== null && msg.seq === inFlight;
    if (action === 'retry') {
      if (aboutMyEdit) {
        this.timers.setTimeout(() => {
          if (this.phase === 'open') this.client.resend();
        }, msg.retryAfterMs || 1000);
      }
    } else if (action === 'catch-up' || action === 'reconnect') {
      if (this.phase === 'closed') return;
      this.catchUps = (this.catchUps || 0) + 1;
      if (this.catchUps > MAX_CATCH_UPS) {
        this.resync(`${msg.code}: ${msg.message || ''}`);
      } else if (action === 'reconnect') {
        this.requestReconnect(msg.retryAfterMs || 0);
      } else {
        this.phase = 'opening'; // hold edits back until the delayed catch-up
        this.emit('change');
        this.timers.setTimeout(() => {
          if (this.phase === 'opening') this.connected();
        }, msg.retryAfterMs || 1000);
      }
    } else if (action === 'resync') {
      this.resync(`${msg.code}: ${msg.message || ''}`);
    } else if (action === 'reauthenticate') {
      // The session ends with this error; the connection comes back with a new token, and the
      // reconnect catches this document up with its edits. Hold everything till then.
      if (this.phase === 'closed') return;
      this.phase = 'opening';
      this.emit('change');
    } else if (action === 'stop') {
      this.phase = 'closed';
      if (msg.code === 'DOCUMENT_NOT_FOUND') this.emit('notFound');
      else this.emit('fatal', msg);
      this.emit('change');
    } else if (aboutMyEdit) {
      this.resync(`${msg.code}: ${msg.message || ''}`); // report: this edit can never be acknowledged
    } else {
      this.emit('report', msg);
    }
  }

  /** Throws away our copy: the next open asks for a snapshot. */
  resync(reason) {
    this.wantSnapshot = true;
    this.reason = reason;
    this.requestReconnect(0);
  }

  requestReconnect(delayMs) {
    this.phase = 'closed';
    this.emit('reconnect', { delayMs });
  }

  remember(op) {
    this.serverDelta = this.serverDelta ? this.type.compose(this.serverDelta, op) : op;
    this.history.push({ rev: this.client.revision + 1, op });
    if (this.history.length > this.historyLimit) this.history.splice(0, this.history.length - this.historyLimit);
  }

  setClient(client) {
    this.client = client;
    client.sendOperation = (base, op, seq) => {
      if (seq > this.sentSeq) {
        this.sentSeq = seq;
        this.editsInFlight = this.editsBuffered;
        this.editsBuffered = 0;
      }
      if (this.phase === 'open') this.send({ type: 'submit', doc: this.doc, base, op: this.type.opToJSON(op), seq });
    };
    client.applyOperation = (op) => {
      if (this.view.rebase) {
        this.theirs = op; // the view is rebuilt once the client's pending operations are transformed
        return;
      }
      this.view.applyOperation(op);
      this.emit('remote', op);
    };
  }

  /**
   * A selection reported at server revision `rev`, moved into the local document. Returns
   * undefined when `rev` is ahead of us (ask again later), null when it cannot be placed.
   */
  toLocal(rev, selection) {
    if (!this.client || !selection) return null;
    if (!this.type.transformSelection) return rev === this.client.revision ? selection : null;
    if (rev > this.client.revision) return undefined;
    try {
      let s = selection;
      if (rev < this.client.revision) {
        const first = this.history.findIndex((h) => h.rev === rev + 1);
        if (first < 0) return null;
        for (let i = first; i < this.history.length; i++) s = this.type.transformSelection(s, this.history[i].op);
      }
      return this.client.transformSelection(s);
    } catch {
      return null;
    }
  }

  /** A selection of the local document, expressed at the server revision (for presence). */
  toServer(selection) {
    const pending = this.client.state.pending();
    if (!this.type.untransformSelection) return selection;
    let s = selection;
    for (let i = pending.length - 1; i >= 0; i--) s = this.type.untransformSelection(s, pending[i]);
    return s;
  }

  /** The presence message for our caret, or null when it cannot be sent now. */
  presenceMessage(selection, typing) {
    if (this.phase !== 'open') return null;
    const sel = selection && this.type.selectionToJSON ? this.type.selectionToJSON(this.toServer(selection)) : null;
    return { type: 'presence', doc: this.doc, rev: this.client.revision, sel, typing };
  }
}

function sameJSON(a, b) {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
