// One shared document as an application sees it: its DocSync (the protocol and the OT client),
// the roster of other people's carets, our own presence (throttled, with the typing flag),
// offline saving, and the view that shows it (an editor binding, or a plain holder of the
// snapshot while none is attached). Made by TandemClient.open(); type-neutral: the document
// type (./types/type.js) does everything that depends on what the document holds.
//
// Events (on(type, fn)): 'change' (revision, unsent edits, phase, savingPaused), 'opened', 'remote' (op: someone
// else's operation, already applied to the view), 'snapshot' (the view was replaced), 'peers'
// (the roster changed), 'reset' ({ lostText }), 'notFound', 'fatal' (error message), 'saveError',
// 'type' (the document's type became known, when it was opened without one).

import { Emitter } from './util/emitter.js';
import { DocSync } from './sync/doc-sync.js';
import { Roster } from './sync/presence.js';
import { throttle } from './sync/throttle.js';
import { saveQueue } from './store/save-queue.js';
import { typeNamed } from './types/type.js';
import { textType } from './types/text.js';

const PRESENCE_INTERVAL_MS = 50; // 20 updates per second at most (PROTOCOL.md)
const TYPING_IDLE_MS = 3000;
const ROSTER_TICK_MS = 1000;

/** Holds the snapshot while no editor is attached. */
class SnapshotHolder {
  constructor(type) {
    this.type = type;
    this.snapshot = type ? type.create() : null;
  }

  getSnapshot() { return this.snapshot; }
  setSnapshot(s) { this.snapshot = s; }
  applyOperation(op) { this.snapshot = this.type.apply(this.snapshot, op); }
}

export class TandemDocument extends Emitter {
  /**
   * @param {object} options
   * @param {string} options.id
   * @param {import('./types/type.js').DocumentType<any, any, any> | null} options.type null: the type the
   *   server names when the document is opened (a saved `record` names its own)
   * @param {(name: string) => any} [options.resolveType] the type called `name` (or a promise of it)
   * @param {string} options.clientId
   * @param {boolean} [options.create] create the document when it does not exist (default true)
   * @param {object | null} [options.record] a record saved earlier (offline store) to continue from
   * @param {((record: object) => Promise<void>) | null} [options.save] keeps records for offline use
   * @param {number} [options.startOfflineAfterMs] with `create`, start the document here when
   *   the server has not answered by then (edits are kept and sent once it does)
   * @param {any} [options.timers] setTimeout, clearTimeout, setInterval, clearInterval (default: the global ones)
   */
  constructor({ id, type, clientId, create = true, record = null, save = null, startOfflineAfterMs = 4000,
    resolveType = typeNamed, timers = globalThis }) {
    super();
    if (!type && record) type = typeNamed(/** @type {any} */ (record).type || 'text'); // a record knows what it holds
    this.id = id;
    this.type = type;
    this.resolveType = resolveType;
    this.resolvingType = false;
    this.clientId = clientId;
    this.timers = timers;
    this.holder = new SnapshotHolder(type);
    /** @type {any} the holder, or the editor binding attached */
    this.view = this.holder;
    this.typing = false;
    this.selection = null;
    this.paused = 0;
    /** Our role in the document, as the last `opened` said: 'owner', 'editor', 'commenter', 'viewer' (null: not said). */
    this.role = null;
    this.held = [];
    this.lastPresence = '';
    this.presenceApproximate = false;
    /** @type {(msg: object) => boolean} */
    this.send = () => false;
    this.sync = new DocSync({
      doc: id, clientId, type, create, send: (m) => this.send(m), timers,
      view: {
        getSnapshot: () => this.view.getSnapshot(),
        setSnapshot: (s) => {
          this.view.setSnapshot(s);
          this.emit('snapshot', s);
        },
        applyOperation: (op) => this.view.applyOperation(op),
        rebase: type && type.rebaseView ? (committed, pending, theirs) => this.rebaseView(committed, pending, theirs) : undefined,
      },
    });
    this.roster = new Roster({ selfId: clientId, type });
    this.roster.on('change', () => this.emit('peers', this.peers));
    this.saver = save ? saveQueue(() => this.sync.record(), save, { onError: (e) => this.emit('saveError', e) }) : null;
    // The throttle's clock is the timers' own when they have one (a test's virtual time).
    const now = typeof timers.now === 'function' ? timers.now : () => Date.now();
    this.sendPresence = throttle(() => this.flushPresence(), PRESENCE_INTERVAL_MS, { timers, now });
    const place = (rev, sel) => this.sync.toLocal(rev, sel);
    this.place = place;

    this.sync.on('remote', (op) => {
      this.roster.transform(op);
      this.emit('remote', op);
    });
    this.sync.on('change', () => {
      // A caret sent while our edits were in flight was placed before them; once they are
      // acknowledged, send it again so that the others see it after our text.
      if (this.presenceApproximate && this.sync.unsentEdits === 0) this.sendPresence();
      this.roster.retry(place);
      this.save();
      this.emit('change');
    });
    this.sync.on('opened', (msg) => {
      this.clearStartTimer();
      const wasReadOnly = this.readOnly;
      this.role = msg.role || null;
      if (this.readOnly !== wasReadOnly) this.emit('change'); // bindings follow canEdit
      this.roster.setAll(msg.presence, place);
      this.lastPresence = '';
      this.sendPresence();
      this.emit('opened', msg);
    });
    for (const event of ['reset', 'notFound', 'fatal', 'report']) this.sync.on(event, (e) => this.emit(event, e));
    this.rosterTimer = timers.setInterval(() => this.roster.expireTyping(), ROSTER_TICK_MS);

    if (record) this.sync.restore(record);
    else if (create) this.startTimer = timers.setTimeout(() => this.startHere(), startOfflineAfterMs);
  }

  /** The id the server shows the others for this client: how our own revisions and presence are recognised. */
  setSelfId(id) {
    this.sync.selfId = id;
    this.roster.selfId = id;
  }

  /**
   * True once the document has a known revision and our role lets us edit it: it may be edited,
   * online or not. A viewer (or commenter) of a node that requires tokens reads along.
   */
  get canEdit() { return this.sync.canEdit && !this.readOnly; }
  /** Whether the server said we may only read (`opened.role` viewer or commenter). */
  get readOnly() { return this.role === 'viewer' || this.role === 'commenter'; }
  get revision() { return this.sync.revision; }
  get unsentEdits() { return this.sync.unsentEdits; }
  /**
   * True while connected when our edits have waited more than a couple of seconds for the
   * server's ack, or the server said it cannot save right now: a page says "Saving paused".
   * The edits are kept and sent again; 'change' fires when this turns.
   */
  get savingPaused() { return this.sync.savingPaused; }
  /** 'closed' (not connected), 'opening', 'open'. */
  get phase() { return this.sync.phase; }
  /** The document as the person sees it (with edits not yet acknowledged). */
  get snapshot() { return this.view.getSnapshot(); }
  /** The others with the document open: [{ client, user: { name, color }, sel, typing }]. */
  get peers() { return this.roster.list(); }

  /**
   * Settles with the document's type: at once when it was given, else when the server has named
   * it (`opened.docType`) and it was resolved; fails if the document cannot be opened.
   * @returns {Promise<import('./types/type.js').DocumentType<any, any, any>>}
   */
  typeKnown() {
    if (this.type) return Promise.resolve(this.type);
    return new Promise((resolve, reject) => {
      const offs = [
        this.on('type', (type) => { offs.forEach((off) => off()); resolve(type); }),
        this.on('fatal', (e) => { offs.forEach((off) => off()); reject(Object.assign(new Error(e.message || e.code), { code: e.code })); }),
        this.on('notFound', () => { offs.forEach((off) => off()); reject(Object.assign(new Error(`no document ${this.id}`), { code: 'DOCUMENT_NOT_FOUND' })); }),
      ];
    });
  }

  /** From now on the document is of `type` (it was opened without one). */
  setType(type) {
    if (this.type) throw new Error(`document ${this.id} already has the type ${this.type.name}`);
    this.type = type;
    this.holder = new SnapshotHolder(type);
    this.view = this.holder;
    this.sync.adoptType(type);
    // A type learnt from the server that rebuilds its view (canvas) gets the rebase hook now.
    if (type.rebaseView) this.sync.view.rebase = (committed, pending, theirs) => this.rebaseView(committed, pending, theirs);
    this.roster.type = type;
    this.emit('type', type);
  }

  /** The server named the type of a document opened without one: resolve it, then go on. */
  learnType(name) {
    this.resolvingType = true;
    Promise.resolve().then(() => this.resolveType(name)).then((type) => {
      if (!type || type.name !== name) throw new Error(`no document type named ${name} here`);
      this.setType(type);
    }).catch((e) => {
      this.held = [];
      this.sync.phase = 'closed';
      this.emit('fatal', { type: 'error', code: 'UNKNOWN_DOCUMENT_TYPE', doc: this.id, resync: false,
        message: `this page cannot show a document of type ${name} (${e.message})` });
    }).finally(() => {
      this.resolvingType = false;
      if (this.type && this.paused === 0) this.release();
    });
  }

  /**
   * Starts the document here, empty at revision 0, to be created on the server once it
   * answers: the server is out of reach and the document was never opened on this device.
   */
  startHere() {
    this.clearStartTimer();
    if (this.sync.canEdit || this.resolvingType) return;
    if (!this.type) this.setType(textType); // what the server would create without a type
    const wasOpening = this.sync.phase === 'opening';
    this.sync.startNew();
    // An open sent before asked for a snapshot; ask again from revision 0 so that what is typed
    // now is merged with whatever the server has.
    if (wasOpening) this.sync.requestReconnect(0);
  }

  clearStartTimer() {
    if (this.startTimer) this.timers.clearTimeout(this.startTimer);
    this.startTimer = null;
  }

  /**
   * Shows the document in `view` ({ getSnapshot, setSnapshot, applyOperation }) from now on,
   * starting from the current snapshot. Returns a function that detaches it again.
   */
  attach(view) {
    if (this.view !== this.holder) throw new Error(`document ${this.id} is already shown in an editor`);
    if (view.rebase && this.sync.canEdit) {
      // The server's state with the pending operations on top, so the view can take them off again.
      view.setSnapshot(this.sync.serverSnapshot);
      view.rebase(null, this.sync.client.state.pending(), null);
    } else {
      view.setSnapshot(this.holder.snapshot);
    }
    this.view = view;
    return () => {
      if (this.view !== view) return;
      this.holder.snapshot = view.getSnapshot();
      this.view = this.holder;
    };
  }

  /**
   * A view of a `rebaseView` type (canvas) is rebuilt as the server's state with the pending
   * operations on top; with no view attached, the snapshot held is rebuilt the same way.
   */
  rebaseView(committed, pending, theirs) {
    if (this.view.rebase) {
      this.view.rebase(committed, pending, theirs);
      return;
    }
    let s = this.sync.serverSnapshot;
    for (const op of pending) s = this.type.apply(s, op);
    this.holder.snapshot = s;
  }

  /**
   * The person changed the document by `op` (already applied to the view). `typing: false` for
   * a change that is not typing (a shape dragged on a board), so others are not told so.
   */
  submitOp(op, { typing = true } = {}) {
    this.roster.transform(op);
    this.sync.localEdit(op);
    if (!typing) return;
    this.typing = true;
    this.timers.clearTimeout(this.typingTimer);
    this.typingTimer = this.timers.setTimeout(() => {
      this.typing = false;
      this.sendPresence();
    }, TYPING_IDLE_MS);
    this.sendPresence();
  }

  /** The person's caret or selection (in the type's form; null when the editor is not focused). */
  setSelection(selection) {
    this.selection = selection;
    this.sendPresence();
  }

  flushPresence() {
    const msg = this.sync.presenceMessage(this.selection, this.typing);
    if (!msg) return;
    const key = JSON.stringify([msg.rev, msg.sel, msg.typing]);
    if (key === this.lastPresence) return;
    if (this.send(msg)) {
      this.lastPresence = key;
      this.presenceApproximate = this.sync.unsentEdits > 0;
    }
  }

  /** Sends our presence again (after a change of name or colour, which the server relays with it). */
  refreshPresence() {
    this.lastPresence = '';
    this.sendPresence();
  }

  /**
   * Holds the server's messages about this document back until `resumeRemote()` (the server
   * keeps their order): an editor in the middle of an IME composition must not be changed.
   */
  pauseRemote() {
    this.paused += 1;
  }

  resumeRemote() {
    if (this.paused === 0) return;
    this.paused -= 1;
    if (this.paused > 0 || this.resolvingType) return;
    this.release();
  }

  /** Delivers the messages held back, in order. */
  release() {
    const held = this.held;
    this.held = [];
    for (const msg of held) this.deliver(msg);
  }

  /** A server message about this document (from the connection). */
  deliver(msg) {
    if (this.paused > 0 || this.resolvingType) {
      this.held.push(msg);
      return;
    }
    if (!this.type) {
      if (msg.type === 'opened') {
        // The first answer names the type: hold it (and all after it) until the type is here.
        this.clearStartTimer();
        this.held.push(msg);
        this.learnType(typeof msg.docType === 'string' ? msg.docType : 'text');
      } else if (msg.type === 'error') {
        this.sync.receive(msg);
      }
      return;
    }
    // The editor takes in what the person typed but it has not reported yet (Quill reports DOM
    // changes a moment later): the server's message must meet the document with all of it.
    if (this.view.flush) this.view.flush();
    if (msg.type === 'presence') this.roster.update(msg, this.place);
    else if (msg.type === 'left') this.roster.remove(msg.client);
    else this.sync.receive(msg);
  }

  /** Saves the offline record now (a page about to be hidden). */
  save() {
    if (this.saver && this.sync.canEdit) this.saver.schedule();
  }

  /** Settles when nothing is waiting to be saved. */
  saved() {
    return this.saver ? this.saver.idle() : Promise.resolve();
  }

  /** Stops following the document (the client sends `close`). */
  destroy() {
    this.clearStartTimer();
    this.timers.clearInterval(this.rosterTimer);
    this.timers.clearTimeout(this.typingTimer);
    this.sendPresence.cancel();
    this.emit('destroy');
  }
}
