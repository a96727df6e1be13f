// The entry point of the SDK: one connection to a Tandem node (WebSocket, SockJS where
// WebSockets are blocked, reconnects with backoff) carrying any number of open documents.
//
//   const client = new TandemClient({ url: 'https://tandem.example', user: { name: 'Ana' } });
//   const doc = client.open('notes');          // a text document, created if it is new
//   bindTextarea(doc, textarea);               // or bindCodeMirror(doc, view)
//
// Events: 'state' (the Connection's: connecting, ready, waiting, stopped, failed).

import { Emitter } from './util/emitter.js';
import { Connection } from './net/connection.js';
import { endpointsFor, openSocket as browserSocket } from './net/transports.js';
import { TandemDocument } from './document.js';
import { typeNamed } from './types/type.js';
import { textType } from './types/text.js';
import { newClientId } from './store/tab-identity.js';

export class TandemClient extends Emitter {
  /**
   * @param {object} [options]
   * @param {string | URL | Array<string | URL>} [options.url] the node, as `https://host` (or `ws://host/ws`);
   *   default: this page's origin. Several nodes (a cluster without a load balancer in front): one is
   *   used at a time, and the client moves on to the next when it cannot reach it or the node drains
   *   (close 1001, a rolling restart), keeping unsent edits
   * @param {{ name?: string, color?: string }} [options.user] shown next to the caret
   * @param {string} [options.clientId] unique per tab and kept across reloads (see store/tab-identity.js)
   * @param {string | (() => string | Promise<string>) | null} [options.token] the access token of a node that
   *   requires one, or a function asked for a fresh one before every connection (tokens expire: the
   *   session then ends and the client comes back with the next token, keeping unsent edits)
   * @param {boolean} [options.sockjs] fall back to SockJS when WebSockets fail (default true)
   * @param {(kind: string, url: string) => any} [options.openSocket] for tests and other runtimes
   * @param {any} [options.timers]
   * @param {boolean} [options.watchNetwork] follow the browser's online/offline events (default true)
   * @param {{ now?: () => number, random?: () => number, backoff?: { baseMs?: number, capMs?: number } }} [options.connection]
   *   the connection's clock, randomness and reconnect backoff (tests)
   */
  constructor({ url = globalThis.location ? globalThis.location.href : undefined, user = {}, clientId = newClientId(),
    token = null, sockjs = true, openSocket = browserSocket, timers = globalThis, watchNetwork = true, connection = {} } = {}) {
    super();
    if (url === undefined) throw new Error('TandemClient needs the url of a Tandem node');
    const urls = Array.isArray(url) ? url : [url];
    if (urls.length === 0) throw new Error('TandemClient needs the url of a Tandem node');
    const endpoints = urls.map((u) => {
      const e = endpointsFor(new URL(String(u)));
      if (!sockjs) e.sockjs = null;
      return e;
    });
    this.clientId = clientId;
    this.timers = timers;
    /** @type {Map<string, TandemDocument>} */
    this.docs = new Map();
    this.connection = new Connection({ clientId, user, endpoints, openSocket, timers, token, ...connection });
    this.offs = [
      this.connection.on('state', (s) => this.emit('state', s)),
      this.connection.on('unauthorized', (e) => this.emit('unauthorized', e)),
      this.connection.on('ready', () => {
        for (const d of this.docs.values()) {
          d.setSelfId(this.connection.publicId);
          d.sync.connected();
        }
      }),
      this.connection.on('closed', () => { for (const d of this.docs.values()) d.sync.disconnected(); }),
      this.connection.on('message', (msg) => this.route(msg)),
    ];
    if (watchNetwork && typeof addEventListener === 'function') {
      // The browser says the network is gone. An open socket can take up to a minute
      // (heartbeats) to notice, looking connected while nothing gets through: drop it, so edits
      // are kept for later; 'online' (or the backoff) connects again.
      const online = () => this.connection.retryNow();
      const offline = () => this.connection.reconnect(0);
      addEventListener('online', online);
      addEventListener('offline', offline);
      this.offs.push(() => removeEventListener('online', online), () => removeEventListener('offline', offline));
    }
    this.connection.start();
  }

  /** 'connecting', 'ready', 'waiting' (see retryAt), 'stopped' or 'failed'. */
  get state() { return this.connection.state; }
  get retryAt() { return this.connection.retryAt; }
  /** 'ws' or 'sockjs'. */
  get transport() { return this.connection.transport; }
  /** 'open' (anyone may edit) or 'token', as the node said; undefined before the first welcome. */
  get access() { return this.connection.access; }
  /** The name and colour the others see (with a token: the token's), as the node said. */
  get user() { return this.connection.welcomeUser; }

  /**
   * Opens document `id`. With `create` (the default) a document that does not exist yet is
   * created, also when the server is out of reach: it starts empty here and is created once
   * the connection comes back. `record` continues from a record kept offline, `save` keeps
   * them (see store/offline-store.js).
   *
   * `type` is a type or its name (default `text`), or null for whatever type the document has: the
   * open then names none (a document it creates is `text`), and the document takes the type that
   * `opened` names, from `resolveType(name)` (default: the registered type of that name; it may
   * return a promise, to load a type's module only when a document of it is opened). Until then
   * `doc.type` is null; `await doc.typeKnown()` waits for it.
   * @param {string} id
   * @param {{ type?: string | import('./types/type.js').DocumentType<any, any, any> | null, create?: boolean,
   *   record?: object | null, save?: ((record: object) => Promise<void>) | null, startOfflineAfterMs?: number,
   *   resolveType?: (name: string) => import('./types/type.js').DocumentType<any, any, any>
   *     | Promise<import('./types/type.js').DocumentType<any, any, any>> }} [options]
   * @returns {TandemDocument}
   */
  open(id, { type = textType, create = true, record = null, save = null, startOfflineAfterMs, resolveType = typeNamed } = {}) {
    if (this.docs.has(id)) throw new Error(`document ${id} is already open`);
    const docType = typeof type === 'string' ? typeNamed(type) : type;
    const doc = new TandemDocument({ id, type: docType, clientId: this.clientId, create, record, save, startOfflineAfterMs, resolveType, timers: this.timers });
    doc.send = (msg) => this.connection.send(msg);
    doc.setSelfId(this.connection.publicId);
    doc.sync.on('reconnect', ({ delayMs }) => this.connection.reconnect(delayMs));
    doc.on('destroy', () => {
      this.docs.delete(id);
      this.connection.send({ type: 'close', doc: id });
    });
    this.docs.set(id, doc);
    if (this.connection.state === 'ready') doc.sync.connected();
    return doc;
  }

  /** Changes the name or colour the others see. */
  setUser(user) {
    this.connection.setUser(user);
    for (const d of this.docs.values()) d.refreshPresence(); // relayed with the next presence
  }

  /** Connects now if waiting to retry. */
  retryNow() {
    this.connection.retryNow();
  }

  /** Closes every document and the connection. */
  close() {
    for (const d of [...this.docs.values()]) d.destroy();
    this.offs.forEach((off) => off());
    this.connection.stop();
  }

  route(msg) {
    if (msg.doc === undefined) {
      // An error about the connection that puts our copies in doubt reaches every document.
      if (msg.type === 'error' && msg.resync) for (const d of this.docs.values()) d.deliver(msg);
      return;
    }
    const doc = this.docs.get(msg.doc);
    if (doc && msg.type !== 'closed') doc.deliver(msg);
  }
}
