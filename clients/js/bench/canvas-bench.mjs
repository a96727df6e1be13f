// What a 10,000-object board costs the JavaScript canvas model (the browser side of W7), the
// twin of the Java core's CanvasBenchmark: reading the snapshot, copying the board (what the
// SDK pays when it computes the server's state for the offline record), writing the snapshot,
// the view taking a remote drag batch with one of our own pending (CanvasReplica.rebase, what a
// board does for every batch of someone else's drag), and a local drag step.
//
//   node bench/canvas-bench.mjs [objects=10000] [rounds=200]
import { performance } from 'node:perf_hooks';
import { CanvasDoc, CanvasOperation, CanvasReplica, setChange, canvasType } from '../src/types/canvas/index.js';
import { bigBoard } from './big-board.mjs';

const objects = Number(process.argv[2] || 10000);
const rounds = Number(process.argv[3] || 200);

function median(fn, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const board = bigBoard(objects);
const json = board.toJSON();
const text = JSON.stringify(json);
const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} us`);
for (let i = 0; i < 5; i++) CanvasDoc.fromJSON(JSON.parse(text)); // warm up
console.log(`board: ${board.size} objects, snapshot ${text.length.toLocaleString()} bytes (${Math.round(text.length / board.size)} per object)`);
console.log(`read (JSON.parse + CanvasDoc.fromJSON): median ${fmt(median(() => canvasType.snapshotFromJSON(JSON.parse(text)), 20))}`);
console.log(`write (toJSON + JSON.stringify): median ${fmt(median(() => JSON.stringify(board.toJSON()), 20))}`);
console.log(`copy (type.apply's copy, the offline record's server state): median ${fmt(median(() => board.copy(), 50))}`);
const replica = new CanvasReplica(board.copy(), 0);
const mine = new CanvasOperation([setChange('o5_7', 'x', 1), setChange('o5_7', 'y', 2)]);
replica.edit(mine);
let pending = [mine];
console.log(`rebase (someone's drag step arrives, one of ours pending): median ${fmt(median((i) => {
  const theirs = new CanvasOperation([setChange('o7_3', 'x', i), setChange('o7_3', 'y', -i)]);
  pending = [canvasType.transform(pending[0], theirs, 'left')];
  replica.rebase(theirs, pending, canvasType.transform(theirs, mine, 'right'));
}, rounds))}`);
console.log(`local drag step (CanvasReplica.edit): median ${fmt(median((i) => replica.edit(new CanvasOperation([setChange('o9_1', 'x', i), setChange('o9_1', 'y', i)]), { mergeUndo: i > 0 }), rounds))}`);
console.log(`node ${process.version}, ${rounds} rounds`);
