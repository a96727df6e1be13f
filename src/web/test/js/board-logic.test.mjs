// The board page's logic without a browser: what its tools do to a board (board-edits.js), the
// camera, pointer gliding and how /d/<id> finds a document's type. The page imports the SDK at
// /sdk/ as a node serves it; support/sdk-loader.mjs maps that to clients/js here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';

register('./support/sdk-loader.mjs', import.meta.url);
const edits = await import('../../../../webroot/js/app/board/board-edits.js');
const { Camera } = await import('../../../../webroot/js/app/board/camera.js');
const { glide } = await import('../../../../webroot/js/app/board/pointers.js');
const { documentTypeOf } = await import('../../../../webroot/js/app/doc-type.js');
const { CanvasDoc, CanvasOperation, createChange } = await import('../../../../clients/js/src/types/canvas/index.js');

function board(...objects) {
  const doc = new CanvasDoc();
  doc.apply(new CanvasOperation(objects.map(([id, kind, parent, index, props]) => createChange(id, kind, parent, index, props))));
  return doc;
}
const wire = (changes) => JSON.parse(JSON.stringify(new CanvasOperation(changes))).changes;

test('a drag step sets an object\'s whole place when any part of it moved, and nothing when none did', () => {
  const view = board(['r1', 'rectangle', null, 'a0', { x: 0, y: 0 }]);
  assert.deepEqual(wire(edits.changesFor(view, { r1: { x: 10, y: 0 } })),
    [{ set: 'r1', prop: 'x', value: 10 }, { set: 'r1', prop: 'y', value: 0 }]);
  assert.deepEqual(edits.changesFor(view, { r1: { x: 0, y: 0 } }), []);
  assert.deepEqual(edits.changesFor(view, { gone: { x: 1, y: 1 } }), [], 'an object deleted meanwhile is left alone');
});

test('dragging a frame moves what sits in it; a dropped shape goes into the frame under its centre, or out', () => {
  const view = board(['f1', 'frame', null, 'a0', { x: 0, y: 0, width: 300, height: 200 }],
    ['s1', 'sticky', 'f1', 'a0', { x: 20, y: 20, width: 50, height: 50 }], ['r1', 'rectangle', null, 'a1', { x: 400, y: 0, width: 40, height: 40 }]);
  assert.deepEqual(Object.keys(edits.dragStarts(view, ['f1', 's1'])).sort(), ['f1', 's1']);
  assert.deepEqual(edits.dragOverrides(edits.dragStarts(view, ['f1']), 5, -5), { f1: { x: 5, y: -5 }, s1: { x: 25, y: 15 } });
  view.apply(new CanvasOperation(edits.changesFor(view, { r1: { x: 100, y: 100 }, s1: { x: 600, y: 20 } })));
  assert.deepEqual(wire(edits.dropChanges(view, ['r1', 's1'])), [
    { move: 'r1', parent: 'f1', index: 'a1' }, { move: 's1', parent: null, index: 'a2' }]);
  assert.deepEqual(edits.dropChanges(view, ['f1']), [], 'a frame never goes into itself');
});

test('a frame drawn around shapes takes them in, in their order', () => {
  const view = board(['a', 'rectangle', null, 'a0', { x: 10, y: 10, width: 10, height: 10 }],
    ['b', 'ellipse', null, 'a1', { x: 30, y: 10, width: 10, height: 10 }], ['c', 'rectangle', null, 'a2', { x: 500, y: 0, width: 10, height: 10 }]);
  const moves = wire(edits.adoptChanges(view, 'f9', { x: 0, y: 0, w: 100, h: 100 }));
  assert.deepEqual(moves.map((m) => [m.move, m.parent]), [['a', 'f9'], ['b', 'f9']]);
  assert.ok(moves[0].index < moves[1].index);
});

test('bring forward and send back step over one sibling (over all siblings sharing its index, which cannot be split)', () => {
  const view = board(['a', 'rectangle', null, 'a0', {}], ['b', 'rectangle', null, 'a1', {}], ['c', 'rectangle', null, 'a1', {}], ['d', 'rectangle', null, 'a2', {}]);
  const order = (v) => v.children(null).map((o) => o.id).join('');
  assert.equal(order(view), 'abcd');
  const up = view.copy();
  up.apply(new CanvasOperation(edits.restackChanges(up, ['a'], true)));
  assert.equal(order(up), 'bcad', 'b and c share an index: a goes over both');
  const up2 = view.copy();
  up2.apply(new CanvasOperation(edits.restackChanges(up2, ['b'], true)));
  assert.equal(order(up2), 'acbd');
  const down = view.copy();
  down.apply(new CanvasOperation(edits.restackChanges(down, ['d'], false)));
  assert.equal(order(down), 'adbc', 'and d under both');
  assert.deepEqual(edits.restackChanges(view, ['d'], true), [], 'the top one stays');
});

test('resizing by a corner past the opposite one flips the box instead of making it negative', () => {
  const [o] = board(['r', 'rectangle', null, 'a0', { x: 0, y: 0, width: 100, height: 50 }]).inTreeOrder();
  assert.deepEqual(edits.resizeOverrides(o, 'se', 150, 80), { x: 0, y: 0, width: 150, height: 80 });
  assert.deepEqual(edits.resizeOverrides(o, 'se', -20, -10), { x: -20, y: -10, width: 20, height: 10 });
  const [line] = board(['l', 'arrow', null, 'a0', { x: 10, y: 10, points: [0, 0, 50, 0] }]).inTreeOrder();
  assert.deepEqual(edits.resizeOverrides(line, 'p1', 30, 40), { points: [0, 0, 20, 30] });
});

test('new ids are valid object ids, a kind letter and twelve base-62 digits', () => {
  const ids = new Set(Array.from({ length: 200 }, () => edits.newId('sticky')));
  assert.equal(ids.size, 200);
  for (const id of ids) assert.match(id, /^s-[0-9A-Za-z]{12}$/);
});

test('the camera keeps the board point under the pointer when zooming, and fits a box', () => {
  const c = new Camera({ ox: 100, oy: 50, zoom: 1 });
  const before = c.toBoard(300, 200);
  c.zoomAt(300, 200, 2.5);
  assert.deepEqual(c.toBoard(300, 200).map((v) => Math.round(v * 1e9) / 1e9), before);
  c.zoomAt(0, 0, 1000);
  assert.equal(c.zoom, 8, 'zoom is bounded');
  c.fit({ x: -100, y: -100, w: 200, h: 100 }, 800, 600);
  const [x, y] = c.toScreen(0, -50);
  assert.deepEqual([x, y], [400, 300], 'the box is centred');
});

test('a pointer glides toward where it was reported, never overshooting', () => {
  let p = [0, 0];
  const seen = [];
  for (let i = 0; i < 30; i++) {
    p = glide(p, [100, -50], 16);
    seen.push(p[0]);
  }
  assert.ok(seen.every((x, i) => x > (seen[i - 1] ?? 0) && x < 100), 'moves on every frame, stays short of the target');
  assert.ok(100 - p[0] < 0.05, `close after half a second: ${p}`);
  assert.deepEqual(glide([1, 2], [9, 9], 0), [1, 2]);
});

test('/d/<id> shows the type this device knows, else the server\'s, else the link\'s, else text', async () => {
  const params = (q) => new URLSearchParams(q);
  const noRecords = async () => [];
  const offline = async () => { throw new TypeError('fetch failed'); };
  const server = (status, body) => async () => ({ ok: status === 200, json: async () => body });
  assert.equal(await documentTypeOf('x', params(''), { records: async () => [{ type: 'canvas' }], fetch: offline }), 'canvas');
  assert.equal(await documentTypeOf('x', params('?type=text'), { records: noRecords, fetch: server(200, { type: 'canvas' }) }), 'canvas');
  assert.equal(await documentTypeOf('x', params('?type=canvas'), { records: noRecords, fetch: server(404, {}) }), 'canvas');
  assert.equal(await documentTypeOf('x', params('?type=canvas'), { records: noRecords, fetch: offline }), 'canvas');
  assert.equal(await documentTypeOf('x', params('?type=spreadsheet'), { records: noRecords, fetch: offline }), 'text');
  assert.equal(await documentTypeOf('x', params(''), { records: async () => { throw new Error('no IndexedDB'); }, fetch: offline }), 'text');
});
