// TextBinding.edit: an edit the application makes for the person (restoring an old version) is
// shown, sent like typing, converges with what others type meanwhile, and is one undo step that
// takes back only it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualTime } from './support/virtual-time.mjs';
import { FakeServer } from './support/fake-server.mjs';
import { FakeNetwork } from './support/fake-network.mjs';
import { rng } from './support/random.mjs';
import { TandemClient } from '../src/client.js';
import { TextBinding } from '../src/bindings/text-binding.js';
import { TextOperation } from '../src/ot/text-operation.js';
import { codePointLength } from '../src/ot/code-points.js';
import { Emitter } from '../src/util/emitter.js';

/** An editor that is a string: what the binding's adapters do, without a DOM. */
class StringEditor extends Emitter {
  constructor() {
    super();
    this.text = '';
  }

  getText() { return this.text; }
  setText(text) { this.text = text; }
  applyRemote(op) { this.text = op.apply(this.text); }
  applyLocal(op) { this.text = op.apply(this.text); }
  getSelection() { return null; }
  setReadOnly() {}
  showPeers() {}
  focus() {}
  destroy() {}

  /** The person types `s` at the end. */
  type(s) {
    for (const ch of s) {
      const op = TextOperation.splice(codePointLength(this.text), codePointLength(this.text), 0, ch);
      const inverse = op.invert(this.text);
      this.text = op.apply(this.text);
      this.emit('change', { op, inverse });
    }
  }
}

function world() {
  const time = new VirtualTime();
  const random = rng(11);
  const server = new FakeServer();
  const net = new FakeNetwork({ server, time, random });
  const person = (name) => new TandemClient({
    url: 'http://tandem.test/', user: { name }, clientId: `c-${name.toLowerCase()}-0001`,
    openSocket: net.openSocket, timers: time, watchNetwork: false, sockjs: false,
    connection: { now: time.now, random, backoff: { baseMs: 50, capMs: 500 } },
  });
  return { time, server, person };
}

test('an edit made for the person converges with concurrent typing and undo takes back only it', () => {
  const w = world();
  const ana = new StringEditor();
  const bo = new StringEditor();
  const anaBinding = new TextBinding(w.person('Ana').open('restore'), ana, { timers: w.time });
  const boBinding = new TextBinding(w.person('Bo').open('restore'), bo, { timers: w.time });
  w.time.advance(300);
  ana.type('Draft one.');
  w.time.advance(300);
  bo.type(' Later text.');
  w.time.advance(300);
  assert.equal(ana.text, 'Draft one. Later text.');

  // Ana restores "Draft one." (the diff the server computes from now to then) while Bo types on.
  const restore = TextOperation.fromJSON([10, -12]);
  assert.equal(anaBinding.edit(restore), true);
  bo.type(' Bo again.');
  w.time.advance(1000);
  assert.equal(ana.text, 'Draft one. Bo again.', 'the restore, and what Bo typed meanwhile');
  assert.equal(bo.text, ana.text);
  assert.equal(w.server.docs.get('restore').text, ana.text);

  ana.type('!');
  w.time.advance(300);
  assert.equal(anaBinding.undo(), true, 'undo the "!"');
  assert.equal(anaBinding.undo(), true, 'undo the restore: one step');
  w.time.advance(1000);
  assert.equal(ana.text, 'Draft one. Later text. Bo again.', 'the later text is back');
  assert.equal(bo.text, ana.text);
  assert.equal(w.server.docs.get('restore').text, ana.text);
  assert.throws(() => anaBinding.edit(TextOperation.fromJSON([3])), RangeError, 'an edit must cover the text');
  boBinding.destroy();
  anaBinding.destroy();
});
