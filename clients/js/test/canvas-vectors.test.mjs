// Replays the scenarios written by the Java build (CanvasVectorsTest) through the JavaScript
// canvas model: the same replicas' batches, undos, redos and outgoing batches, the same room
// decisions (committed batches, refusal codes), and after every step the same view, byte for
// byte (SHA-256 of the snapshot JSON). Also the strict parsing cases, code for code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { canvasVectors } from './support/paths.mjs';
import { CanvasRoom } from './support/canvas-room.mjs';
import { CanvasDoc, CanvasReplica, readOperation } from '../src/types/canvas/index.js';

// Under Maven the path is passed in and must exist; run by hand, the tests skip until
// `mvn test -pl src/ot -Dtest=CanvasVectorsTest` has written the file.
const required = Boolean(process.env.TANDEM_CANVAS_VECTORS);
const file = process.env.TANDEM_CANVAS_VECTORS || canvasVectors;
const present = fs.existsSync(file);
if (required && !present) throw new Error(`TANDEM_CANVAS_VECTORS names ${file}, which does not exist`);
const skip = present ? false : `no vectors at ${file}: run mvn test -pl src/ot -Dtest=CanvasVectorsTest first`;
const vectors = present ? JSON.parse(fs.readFileSync(file, 'utf8')) : { runs: [], parse: [] };

const sha = (doc) => crypto.createHash('sha256').update(JSON.stringify(doc.toJSON()), 'utf8').digest('hex');
const json = (op) => JSON.parse(JSON.stringify(op));

/** Replays one run; returns counts of what it checked. */
function replay(run) {
  const limits = run.limits;
  const room = new CanvasRoom(limits);
  const clients = Array.from({ length: run.clients }, () => ({
    replica: new CanvasReplica(new CanvasDoc(limits), 0), inbox: [], outbox: [],
  }));
  const counts = { steps: 0, views: 0, committed: 0, refused: 0 };
  run.steps.forEach((s, i) => {
    const where = `seed ${run.seed} step ${i} ${JSON.stringify(s).slice(0, 300)}`;
    const c = s.c === undefined ? null : clients[s.c];
    if (s.edit) {
      const applied = c.replica.edit(readOperation(s.edit, limits));
      assert.deepEqual(json(applied), s.applied, `${where}: the batch as applied`);
    } else if (s.undo || s.redo) {
      const parts = s.undo ? c.replica.undo() : c.replica.redo();
      assert.deepEqual(parts.flatMap((p) => json(p).changes), (s.undo || s.redo).changes, `${where}: the undo or redo batch`);
    } else if (s.send) {
      const out = c.replica.takeOutgoing();
      assert.ok(out, `${where}: Java sent a batch, this replica has none to send`);
      assert.equal(out.base, s.send.base, `${where}: base`);
      assert.deepEqual(json(out.op), s.send.op, `${where}: outgoing batch`);
      c.outbox.push(out);
    } else if (s.serve !== undefined || s.attack) {
      let result;
      let author = -1;
      if (s.attack) {
        result = room.submit(s.attack.base, readOperation(s.attack.op, limits));
      } else {
        author = s.serve;
        const out = clients[author].outbox.shift();
        assert.ok(out, `${where}: nothing to serve`);
        result = room.submit(out.base, out.op);
      }
      if (s.refused) {
        assert.equal(result.refused, s.refused, `${where}: refusal code`);
        if (author >= 0) clients[author].inbox.push({ refused: true });
        counts.refused++;
      } else {
        assert.equal(result.refused, undefined, `${where}: refused here with ${result.refused}`);
        assert.equal(result.rev, s.rev, `${where}: revision`);
        assert.deepEqual(json(result.committed), s.committed, `${where}: committed batch`);
        assert.equal(sha(room.doc), s.room, `${where}: the room's document`);
        clients.forEach((cl, k) => cl.inbox.push({ rev: result.rev, op: result.committed, ack: k === author }));
        counts.committed++;
      }
    } else if (s.receive) {
      const m = c.inbox.shift();
      assert.ok(m, `${where}: no message to receive`);
      const kind = m.refused ? 'rejected' : m.ack ? 'ack' : 'remote';
      assert.equal(kind, s.receive, `${where}: message kind`);
      if (m.refused) c.replica.rejected();
      else if (m.ack) c.replica.ack(m.rev, m.op);
      else c.replica.remote(m.rev, m.op);
    } else {
      assert.fail(`${where}: unknown step`);
    }
    if (s.view) {
      assert.equal(sha(c.replica.view), s.view, `${where}: the view differs from Java's`);
      counts.views++;
    }
    counts.steps++;
  });
  assert.equal(room.head, run.final.head, `seed ${run.seed}: head`);
  assert.equal(JSON.stringify(room.doc.toJSON()), run.final.room, `seed ${run.seed}: the room's document`);
  for (const cl of clients) {
    assert.equal(cl.replica.hasPending(), false);
    assert.equal(JSON.stringify(cl.replica.view.toJSON()), run.final.room, `seed ${run.seed}: a view`);
  }
  return counts;
}

test('the vector file holds the runs and parsing cases', { skip }, () => {
  assert.equal(vectors.version, 1);
  assert.ok(vectors.runs.length >= 50, `${vectors.runs.length} runs`);
  assert.ok(vectors.parse.length > 300, `${vectors.parse.length} parsing cases`);
});

test('every run replays to the same batches, decisions and views as the Java replicas', { skip }, () => {
  const total = { steps: 0, views: 0, committed: 0, refused: 0 };
  for (const run of vectors.runs) {
    const counts = replay(run);
    for (const k of Object.keys(total)) total[k] += counts[k];
  }
  assert.ok(total.views > 3000 && total.committed > 1000 && total.refused > 10, JSON.stringify(total));
});

test('strict parsing accepts and refuses exactly like Java', { skip }, () => {
  const limits = vectors.runs[0].limits; // the small limits the cases were read under
  let refused = 0;
  for (const p of vectors.parse) {
    let got;
    try {
      got = { read: json(readOperation(JSON.parse(p.input), limits)) };
    } catch (e) {
      if (!e.code) throw e;
      got = { error: e.code };
    }
    if (p.error) {
      assert.deepEqual(got, { error: p.error }, p.input);
      refused++;
    } else {
      assert.deepEqual(got, { read: p.read }, p.input);
    }
  }
  assert.ok(refused > 150, `refused ${refused}`);
});
