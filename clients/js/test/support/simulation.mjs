// The randomized simulation behind simulation.test.mjs and rich-text-sync.test.mjs, in the
// manner of ot.js's client/server test: several browser tabs (the real Connection, DocSync and OT
// Client) edit one document through a fake server over a network with random delays, dropped
// connections, outages and page reloads (some from an up-to-date saved record, some from a record
// a little behind, as after a crash); checkConverged says what must hold once the network heals.
import assert from 'node:assert/strict';
import { VirtualTime } from './virtual-time.mjs';
import { FakeServer } from './fake-server.mjs';
import { FakeNetwork } from './fake-network.mjs';
import { rng, operation, codePointLength } from './random.mjs';
import { Connection } from '../../src/net/connection.js';
import { DocSync } from '../../src/sync/doc-sync.js';
import { wireDocument } from '../../src/sync/wire.js';
import { textType } from '../../src/types/text.js';

const DOC = 'sim-doc';

export const TEXT = {
  type: textType,
  initial: 'Hello \u{1F600} world',
  /** A random edit of `snapshot`, or null. */
  edit: (r, snapshot) => operation(r, codePointLength(snapshot)),
};

/**
 * @param {number} seed
 * @param {{ tabs?: number, steps?: number, kind?: { type: any, initial: any, edit: (r: any, snapshot: any) => any } }} [options]
 *   `kind`: the document type, the server's first content (a string, or an operation) and random edits
 */
export function simulate(seed, { tabs: tabCount = 4, steps = 300, kind = TEXT } = {}) {
  const { type } = kind;
  const r = rng(seed);
  const time = new VirtualTime();
  const server = new FakeServer({ catchUpLimit: 1e9 });
  server.createDoc(DOC, kind.initial, type);
  const net = new FakeNetwork({ server, time, random: r });
  const sent = []; // every submit: { clientId, seq, mayBeLost }
  const stats = { edits: 0, cuts: 0, outages: 0, reloads: 0, staleReloads: 0, resets: 0 };

  function makeTab(clientId, record) {
    const editor = {
      text: type.create(),
      getSnapshot() { return this.text; },
      setSnapshot(t) { this.text = t; },
      applyOperation(op) { this.text = type.apply(this.text, op); },
    };
    const sync = new DocSync({ doc: DOC, clientId, send: () => false, view: editor, type, timers: time });
    if (record) sync.restore(record);
    const connection = new Connection({
      clientId, user: { name: clientId, color: '#123456' }, endpoints: { ws: 'ws://sim/ws', sockjs: null },
      openSocket: net.openSocket, timers: time, random: r, now: time.now, backoff: { baseMs: 50, capMs: 3000 },
    });
    const unwire = wireDocument(connection, sync);
    const send = sync.send;
    sync.send = (msg) => {
      if (msg.type === 'submit') sent.push({ clientId, seq: msg.seq, mayBeLost: false });
      return send(msg);
    };
    sync.on('reset', () => { stats.resets++; });
    // A restored document saves its record at once (TandemDocument does, on the change event of
    // the restore): so a second crash cannot reuse the seqs of the first reload.
    const tab = { clientId, editor, sync, connection, unwire, saved: record ? sync.record() : null };
    tab.saver = time.setInterval(() => { if (tab.sync.canEdit) tab.saved = tab.sync.record(); }, 150 + r.int(200));
    connection.start();
    return tab;
  }

  const tabs = [];
  for (let i = 0; i < tabCount; i++) tabs.push(makeTab(`tab-${seed}-${i}-xyz`, null));

  function reload(i, stale) {
    const old = tabs[i];
    old.connection.stop();
    old.unwire();
    time.clearInterval(old.saver);
    const record = stale ? old.saved : (old.sync.canEdit ? old.sync.record() : null);
    if (stale) {
      // Submissions made after the last save may or may not have reached the server.
      const savedSeq = record ? record.lastSeq : 0;
      for (const s of sent) if (s.clientId === old.clientId && s.seq > savedSeq) s.mayBeLost = true;
    }
    tabs[i] = makeTab(old.clientId, record);
  }

  for (let step = 0; step < steps; step++) {
    time.advance(r.int(60));
    const p = r();
    const i = r.int(tabs.length);
    if (p < 0.55) {
      const tab = tabs[i];
      const op = tab.sync.canEdit ? kind.edit(r, tab.editor.text) : null;
      if (op) {
        tab.editor.text = type.apply(tab.editor.text, op);
        tab.sync.localEdit(op);
        stats.edits++;
      }
    } else if (p < 0.62) {
      net.cutRandom({ loseInFlight: r.bool(0.3) });
      stats.cuts++;
    } else if (p < 0.64) {
      net.down = true;
      net.cutAll({ loseInFlight: r.bool() });
      time.setTimeout(() => { net.down = false; }, 200 + r.int(3000));
      stats.outages++;
    } else if (p < 0.67) {
      const stale = r.bool();
      reload(i, stale);
      stats.reloads++;
      if (stale) stats.staleReloads++;
    }
  }
  // Heal: no more edits, no more cuts; wait out any backoff.
  net.down = false;
  for (let k = 0; k < 40; k++) {
    for (const tab of tabs) tab.connection.retryNow();
    time.advance(1000);
  }
  return { server, tabs, sent, stats };
}

/** Every tab holds the server's document, nothing is unsent, and no edit was committed twice or lost. */
export function checkConverged({ server, tabs, sent, stats }) {
  const d = server.docs.get(DOC);
  const json = (snapshot) => JSON.stringify(d.type.snapshotToJSON(snapshot));
  assert.ok(stats.edits > 50 && stats.cuts + stats.outages > 3, JSON.stringify(stats));
  for (const tab of tabs) {
    assert.equal(tab.connection.state, 'ready', `${tab.clientId} reconnected`);
    assert.equal(tab.sync.phase, 'open', `${tab.clientId} reopened the document`);
    assert.equal(tab.sync.client.state.name, 'Synchronized', `${tab.clientId} has nothing unsent`);
    assert.equal(tab.sync.revision, d.rev, `${tab.clientId} is at the head revision`);
    assert.equal(json(tab.editor.text), json(d.text), `${tab.clientId} shows the server's text`);
    assert.equal(json(tab.sync.serverSnapshot), json(d.text), `${tab.clientId} keeps the server text for offline use`);
    assert.equal(tab.sync.unsentEdits, 0);
  }
  // Each (client, seq) was committed at most once, and every submission that was surely
  // saved before any reload was committed.
  const committed = new Map();
  for (const h of d.history) {
    const key = `${h.client}/${h.seq}`;
    assert.ok(!committed.has(key), `${key} committed twice`);
    committed.set(key, h.rev);
  }
  for (const s of sent) {
    if (!s.mayBeLost) assert.ok(committed.has(`${s.clientId}/${s.seq}`), `submission ${s.clientId}/${s.seq} was lost`);
  }
}

