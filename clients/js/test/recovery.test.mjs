// The browser client follows PROTOCOL.md's recovery table: the same table as the Java client,
// exported from dev.tandem.protocol.ErrorCode by the Java build (TANDEM_RECOVERY_TABLE). For every
// code: a live document at revision 3 with an edit in flight (seq 1) and one buffered, then the
// error about that edit, and what DocSync does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { DocSync } from '../src/sync/doc-sync.js';
import { RECOVERY, recoveryOf } from '../src/sync/recovery.js';
import { TextOperation } from '../src/ot/text-operation.js';
import { textEditor } from './support/text-editor.mjs';
import { VirtualTime } from './support/virtual-time.mjs';
import { recoveryTable } from './support/paths.mjs';

const file = process.env.TANDEM_RECOVERY_TABLE || recoveryTable;
// Under Maven the file is passed in and must exist; run by hand before a Java build, the tests skip.
const table = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
const skip = !table && !process.env.TANDEM_RECOVERY_TABLE && 'run the Java tests first (mvn verify) to export the table';
const ACTION = { RETRY: 'retry', CATCH_UP: 'catch-up', RECONNECT: 'reconnect', RESYNC: 'resync', STOP: 'stop', REPORT: 'report',
  REAUTHENTICATE: 'reauthenticate' };

test('the client\'s table is the exported one, code for code', { skip }, () => {
  assert.ok(table, `recovery table missing at ${file}`);
  const exported = Object.fromEntries(table.map((row) => [row.code, ACTION[row.recovery]]));
  assert.deepEqual({ ...RECOVERY }, exported);
  for (const row of table) assert.equal(row.resync, row.recovery === 'RESYNC', `${row.code}: resync flag`);
  assert.equal(recoveryOf({ code: 'FROM_A_NEWER_SERVER', resync: true }), 'resync');
  assert.equal(recoveryOf({ code: 'FROM_A_NEWER_SERVER', resync: false }), 'report');
});

function liveWithAnEditInFlight() {
  const sent = [];
  const editor = textEditor();
  const time = new VirtualTime();
  const sync = new DocSync({ doc: 'd1', clientId: 'c-me-123456', send: (m) => sent.push(m), view: editor, timers: time });
  const events = [];
  for (const type of ['reset', 'notFound', 'reconnect', 'fatal', 'report']) sync.on(type, (e) => events.push({ ...e, type }));
  sync.connected();
  sync.receive({ type: 'opened', doc: 'd1', rev: 3, snapshot: 'ab', presence: [] });
  for (const o of [TextOperation.fromJSON([2, 'c']), TextOperation.fromJSON([3, 'd'])]) {
    editor.applyOperation(o);
    sync.localEdit(o);
  }
  sent.length = 0;
  return { sync, sent, editor, events, time };
}

for (const row of table || []) {
  test(`${row.code}: ${ACTION[row.recovery]}`, () => {
    const s = liveWithAnEditInFlight();
    s.sync.receive({ type: 'error', doc: 'd1', code: row.code, message: 'test', resync: row.resync, seq: 1, retryAfterMs: 10 });
    s.time.advance(10);
    switch (ACTION[row.recovery]) {
      case 'retry':
        assert.deepEqual(s.sent, [{ type: 'submit', doc: 'd1', base: 3, op: [2, 'c'], seq: 1 }], 'the same submission again');
        break;
      case 'catch-up':
        assert.deepEqual(s.sent, [{ type: 'open', doc: 'd1', rev: 3, docType: 'text' }], 'an open from our revision');
        assert.equal(s.sync.unsentEdits, 2, 'our edits stay');
        break;
      case 'reconnect':
        assert.equal(s.events.at(-1).type, 'reconnect');
        s.sync.connected();
        assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', rev: 3, docType: 'text' }, 'then a catch-up');
        assert.equal(s.sync.unsentEdits, 2, 'our edits stay');
        break;
      case 'resync':
      case 'report': {
        assert.equal(s.sync.wantSnapshot, true);
        s.sync.connected();
        assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', docType: 'text' }, 'a snapshot');
        s.sync.receive({ type: 'opened', doc: 'd1', rev: 9, snapshot: 'xyz', presence: [] });
        const reset = s.events.find((e) => e.type === 'reset');
        assert.ok(reset, 'the person is told');
        assert.equal(reset.lostText, 'abcd', 'and given their own version back');
        break;
      }
      case 'stop':
        assert.deepEqual(s.sent, []);
        assert.equal(s.sync.phase, 'closed');
        assert.ok(s.events.some((e) => e.type === (row.code === 'DOCUMENT_NOT_FOUND' ? 'notFound' : 'fatal')));
        break;
      case 'reauthenticate':
        assert.deepEqual(s.sent, [], 'nothing until the connection is back with a new token');
        assert.equal(s.sync.phase, 'opening', 'edits held');
        s.sync.connected();
        assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', rev: 3, docType: 'text' }, 'then a catch-up');
        assert.equal(s.sync.unsentEdits, 2, 'our edits stay');
        break;
      default:
        assert.fail(`unknown action ${row.recovery}`);
    }
  });
}

test('a catch-up that keeps failing resyncs after five and offers the edits', () => {
  const s = liveWithAnEditInFlight();
  for (let i = 0; i < 5; i++) {
    s.sync.receive({ type: 'error', doc: 'd1', code: 'INTERNAL_ERROR', message: 'bug', resync: false, seq: 1, retryAfterMs: 10 });
    s.time.advance(10);
    assert.deepEqual(s.sent.at(-1), { type: 'open', doc: 'd1', rev: 3, docType: 'text' }, `catch-up ${i}`);
    s.sync.receive({ type: 'opened', doc: 'd1', rev: 3, ops: [], presence: [] });
  }
  s.sync.receive({ type: 'error', doc: 'd1', code: 'INTERNAL_ERROR', message: 'bug', resync: false, seq: 1, retryAfterMs: 10 });
  assert.equal(s.sync.wantSnapshot, true);
});
