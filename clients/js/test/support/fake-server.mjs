// An in-memory Tandem server speaking PROTOCOL.md, built on the JavaScript OT core: enough of
// the real one (sequencing, transform against history, dedup by clientId+seq, catch-up on open,
// presence relay, document types) to test the browser client against. Like the real sequencer it
// transforms a submission past each committed revision in turn, giving the submission the tie
// ('left'). Frames out are always arrays. Documents have a type (text by default, or any registered
// type such as rich-text or canvas, named by `open.docType`); `d.text` is a document's snapshot
// (a string for `text`).
import { TextOperation } from '../../src/ot/text-operation.js';
import { textType } from '../../src/types/text.js';
import { typeNamed } from '../../src/types/type.js';
import '../../src/types/rich-text.js';
import '../../src/types/canvas/index.js';

export class FakeServer {
  constructor({ catchUpLimit = 10000 } = {}) {
    this.docs = new Map();
    this.sessions = new Set();
    this.catchUpLimit = catchUpLimit;
  }

  /**
   * A document of `type` (a type or its name); `content` is a string for `text` (committed as
   * revision 1), or a first operation (on `type.create()`) of another type.
   */
  createDoc(id, content = '', type = textType) {
    if (typeof type === 'string') type = typeNamed(type);
    const d = { id, type, snapshot: type.create(), rev: 0, history: [], last: new Map(), members: new Set() };
    Object.defineProperty(d, 'text', { get: () => d.snapshot, set: (v) => { d.snapshot = v; }, enumerable: true });
    if (content) this.commit(d, typeof content === 'string' ? new TextOperation().insert(content) : content, 'rest', 1);
    this.docs.set(id, d);
    return d;
  }

  /** A new connection; `deliver(frameText)` sends a frame to the client. */
  connect(deliver) {
    const s = { deliver, clientId: null, user: null, docs: new Set(), closed: false };
    this.sessions.add(s);
    return {
      receive: (text) => this.onFrame(s, text),
      close: () => this.onClose(s),
    };
  }

  out(s, ...messages) {
    if (!s.closed) s.deliver(JSON.stringify(messages));
  }

  onFrame(s, text) {
    if (s.closed) return;
    const value = JSON.parse(text);
    for (const msg of Array.isArray(value) ? value : [value]) this.onMessage(s, msg);
  }

  onMessage(s, msg) {
    if (msg.type === 'hello') {
      s.clientId = msg.clientId;
      s.user = msg.user || { name: 'Anon', color: '#777777' };
      this.out(s, { type: 'welcome', v: 1, session: `s-${Math.random()}`, node: 'fake', limits: {} });
      return;
    }
    if (!s.clientId) {
      this.out(s, { type: 'error', code: 'HELLO_REQUIRED', message: 'hello first', resync: false });
      return;
    }
    const d = this.docs.get(msg.doc);
    switch (msg.type) {
      case 'open': return this.onOpen(s, msg, d);
      case 'submit': return this.onSubmit(s, msg, d);
      case 'presence':
        if (!d || !s.docs.has(d.id)) return;
        s.presence = { rev: msg.rev, sel: msg.sel, typing: msg.typing };
        for (const other of d.members) {
          if (other !== s) this.out(other, { type: 'presence', doc: d.id, client: s.clientId, user: s.user, ...s.presence });
        }
        return;
      case 'user': s.user = msg.user; return;
      case 'ping': this.out(s, { type: 'pong', t: msg.t }); return;
      case 'close':
        if (d) { d.members.delete(s); s.docs.delete(d.id); }
        this.out(s, { type: 'closed', doc: msg.doc });
        return;
      default: this.out(s, { type: 'error', code: 'UNKNOWN_MESSAGE_TYPE', message: msg.type, resync: false });
    }
  }

  onOpen(s, msg, found) {
    let d = found;
    const refuse = (code) => this.out(s, { type: 'error', code, message: code, resync: false, doc: msg.doc });
    if (!d) {
      if (!msg.create) return refuse('DOCUMENT_NOT_FOUND');
      let type = textType;
      try {
        if (msg.docType !== undefined) type = typeNamed(msg.docType);
      } catch {
        return refuse('UNKNOWN_DOCUMENT_TYPE');
      }
      d = this.createDoc(msg.doc, '', type);
    } else if (msg.docType !== undefined && msg.docType !== d.type.name) {
      return refuse('TYPE_MISMATCH');
    }
    d.members.add(s);
    s.docs.add(d.id);
    const presence = [...d.members].filter((o) => o !== s && o.presence)
      .map((o) => ({ client: o.clientId, user: o.user, ...o.presence }));
    const base = { type: 'opened', doc: d.id, docType: d.type.name, rev: d.rev, owner: { node: 'fake' }, presence };
    if (typeof msg.rev === 'number' && msg.rev <= d.rev && d.rev - msg.rev <= this.catchUpLimit) {
      this.out(s, { ...base, ops: d.history.slice(msg.rev).map((h) => ({ ...h, op: d.type.opToJSON(h.op) })) });
    } else {
      this.out(s, { ...base, snapshot: d.type.snapshotToJSON(d.snapshot), ...(typeof msg.rev === 'number' ? { reset: true } : {}) });
    }
  }

  onSubmit(s, msg, d) {
    const err = (code, resync) => this.out(s, { type: 'error', code, message: code, resync, doc: msg.doc, seq: msg.seq });
    if (!d || !s.docs.has(d.id)) return err('DOCUMENT_NOT_OPEN', false);
    const last = d.last.get(s.clientId);
    const ack = (rev) => this.out(s, { type: 'ack', doc: d.id, seq: msg.seq, rev,
      ...(d.type.acksCarryOperation ? { op: d.type.opToJSON(d.history[rev - 1].op) } : {}) });
    if (last && msg.seq === last.seq) {
      ack(last.rev);
      return;
    }
    if (last && msg.seq < last.seq) return err('STALE_SEQUENCE', true);
    if (msg.base > d.rev) return err('REVISION_IN_FUTURE', true);
    let op;
    try {
      op = d.type.opFromJSON(msg.op);
      for (const h of d.history.slice(msg.base)) op = d.type.transform(op, h.op, 'left');
    } catch {
      return err(d.type.name === 'text' ? 'OPERATION_DOES_NOT_FIT' : 'INVALID_OPERATION', true);
    }
    if (!this.commit(d, op, s.clientId, msg.seq)) return err(d.type.name === 'text' ? 'OPERATION_DOES_NOT_FIT' : 'INVALID_OPERATION', true);
    const committed = d.history[d.rev - 1].op;
    ack(d.rev);
    for (const other of d.members) {
      if (other !== s) this.out(other, { type: 'op', doc: d.id, rev: d.rev, op: d.type.opToJSON(committed), client: s.clientId, seq: msg.seq });
    }
  }

  /** Applies `op` as the next revision; false if it does not apply (nothing changes). */
  commit(d, op, client, seq) {
    let committed = op;
    try {
      if (d.type.name === 'canvas') {
        // The room applies a batch change by change and commits what was not dropped.
        const next = d.snapshot.copy();
        committed = next.apply(op);
        d.snapshot = next;
      } else {
        d.snapshot = d.type.apply(d.snapshot, op);
      }
    } catch {
      return false;
    }
    d.rev += 1;
    d.history.push({ rev: d.rev, op: committed, client, seq });
    d.last.set(client, { seq, rev: d.rev });
    return true;
  }

  onClose(s) {
    if (s.closed) return;
    s.closed = true;
    this.sessions.delete(s);
    for (const id of s.docs) {
      const d = this.docs.get(id);
      d.members.delete(s);
      for (const other of d.members) this.out(other, { type: 'left', doc: id, client: s.clientId });
    }
  }
}
