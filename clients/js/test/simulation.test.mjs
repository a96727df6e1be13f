// A seeded randomized simulation in the manner of ot.js's client/server test: several browser
// tabs (the real Connection, DocSync and OT Client) edit one document through a fake server
// over a network with random delays, dropped connections, outages and page reloads (some from
// an up-to-date saved record, some from a record a little behind, as after a crash). When the
// network heals, every tab must hold the server's text, and no edit may be applied twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualTime } from './support/virtual-time.mjs';
import { FakeServer } from './support/fake-server.mjs';
import { FakeNetwork } from './support/fake-network.mjs';
import { rng, operation, codePointLength } from './support/random.mjs';
import { Connection } from '../src/net/connection.js';
import { DocSync } from '../src/sync/doc-sync.js';
import { wireDocument } from '../src/sync/wire.js';
import { TextOperation } from '../src/ot/text-operation.js';

const DOC = 'sim-doc';

export function simulate(seed, { tabs: tabCount = 4, steps = 300 } = {}) {
  const r = rng(seed);
  const time = new VirtualTime();
  const server = new FakeServer({ catchUpLimit: 1e9 });
  server.createDoc(DOC, 'Hello \u{1F600} world');
  const net = new FakeNetwork({ server, time, random: r });
  const sent = []; // every submit: { clientId, seq, mayBeLost }
  const stats = { edits: 0, cuts: 0, outages: 0, reloads: 0, staleReloads: 0, resets: 0 };

  function makeTab(clientId, record) {
    const editor = {
      text: '',
      getSnapshot() { return this.text; },
      setSnapshot(t) { this.text = t; },
      applyOperation(op) { this.text = op.apply(this.text); },
    };
    const sync = new DocSync({ doc: DOC, clientId, send: () => false, view: editor, timers: time });
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
    const tab = { clientId, editor, sync, connection, unwire, saved: record || null };
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
      const op = tab.sync.canEdit ? operation(r, codePointLength(tab.editor.text)) : null;
      if (op) {
        tab.editor.text = op.apply(tab.editor.text);
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

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]) {
  test(`tabs converge on the server's text despite delays, cuts and reloads (seed ${seed})`, () => {
    const { server, tabs, sent, stats } = simulate(seed);
    const d = server.docs.get(DOC);
    assert.ok(stats.edits > 50 && stats.cuts + stats.outages > 3, JSON.stringify(stats));
    for (const tab of tabs) {
      assert.equal(tab.connection.state, 'ready', `${tab.clientId} reconnected`);
      assert.equal(tab.sync.phase, 'open', `${tab.clientId} reopened the document`);
      assert.equal(tab.sync.client.state.name, 'Synchronized', `${tab.clientId} has nothing unsent`);
      assert.equal(tab.sync.revision, d.rev, `${tab.clientId} is at the head revision`);
      assert.equal(tab.editor.text, d.text, `${tab.clientId} shows the server's text`);
      assert.equal(tab.sync.serverSnapshot, d.text, `${tab.clientId} keeps the server text for offline use`);
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
  });
}

test('a long outage with a short catch-up limit resets the tab, which still converges', () => {
  const time = new VirtualTime();
  const r = rng(99);
  const server = new FakeServer({ catchUpLimit: 3 });
  server.createDoc(DOC, 'abc');
  const net = new FakeNetwork({ server, time, random: r });
  const make = (clientId) => {
    const editor = { text: '', getSnapshot() { return this.text; }, setSnapshot(t) { this.text = t; }, applyOperation(op) { this.text = op.apply(this.text); } };
    const sync = new DocSync({ doc: DOC, clientId, send: () => false, view: editor, timers: time });
    const connection = new Connection({ clientId, user: {}, endpoints: { ws: 'x', sockjs: null }, openSocket: net.openSocket, timers: time, random: r, now: time.now });
    wireDocument(connection, sync);
    connection.start();
    return { editor, sync, connection };
  };
  const a = make('client-aaaa');
  const b = make('client-bbbb');
  time.advance(500);
  // a goes offline and types; b makes more revisions than the server will replay.
  a.connection.stop();
  a.sync.disconnected();
  type(a, 3, '!');
  for (let k = 0; k < 5; k++) {
    type(b, 0, `${k}`);
    time.advance(100);
  }
  let reset = null;
  a.sync.on('reset', (e) => { reset = e; });
  a.connection.start();
  time.advance(2000);
  assert.ok(reset, 'a was told its offline edit could not be merged');
  assert.equal(reset.lostText, 'abc!');
  const d = server.docs.get(DOC);
  assert.equal(a.editor.text, d.text);
  assert.equal(b.editor.text, d.text);
  assert.equal(d.text, '43210abc');
});

/** The person types `text` at code point `pos`. */
function type(tab, pos, text) {
  const op = TextOperation.splice(codePointLength(tab.editor.text), pos, 0, text);
  tab.editor.text = op.apply(tab.editor.text);
  tab.sync.localEdit(op);
}
