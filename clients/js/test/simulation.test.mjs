// A seeded randomized simulation in the manner of ot.js's client/server test (support/simulation.mjs):
// several browser tabs edit one text document through a fake server over a network with random
// delays, dropped connections, outages and page reloads. When the network heals, every tab must
// hold the server's text, and no edit may be applied twice. The same simulation runs on rich-text
// documents in rich-text-sync.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualTime } from './support/virtual-time.mjs';
import { FakeServer } from './support/fake-server.mjs';
import { FakeNetwork } from './support/fake-network.mjs';
import { rng, codePointLength } from './support/random.mjs';
import { simulate, checkConverged } from './support/simulation.mjs';
import { Connection } from '../src/net/connection.js';
import { DocSync } from '../src/sync/doc-sync.js';
import { wireDocument } from '../src/sync/wire.js';
import { TextOperation } from '../src/ot/text-operation.js';

const DOC = 'sim-doc';

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]) {
  test(`tabs converge on the server's text despite delays, cuts and reloads (seed ${seed})`, () => checkConverged(simulate(seed)));
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
