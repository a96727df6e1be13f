// The pure part of the history views without a browser: how a rich-text version's changes and
// authors become marked runs and lines (rich-text-history-view.js), and which objects of a board
// are outlined as new, changed or removed (board-history-view.js). The page imports the SDK at
// /sdk/; support/sdk-loader.mjs maps that to clients/js here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';

register('./support/sdk-loader.mjs', import.meta.url);
const rich = await import('../../../../webroot/js/app/history/rich-text-history-view.js');
const board = await import('../../../../webroot/js/app/history/board-history-view.js');
const { default: Delta } = await import('../../../../clients/js/vendor/quill/quill-delta.js');
const { CanvasDoc } = await import('../../../../clients/js/src/types/canvas/index.js');

/** The runs of `ops` as [text, mark] pairs (mark: the history attribute, or '' for kept text). */
const runs = (ops) => ops.map((op) => [op.insert, (op.attributes && op.attributes.history) || '']);

test('rich text: inserted, deleted and reformatted text are marked, kept text is left as it was', () => {
  const previous = [{ insert: 'Hello ' }, { insert: 'brave', attributes: { bold: true } }, { insert: ' world\n' }];
  // Bold "Hello", delete "brave ", insert "new " before "world".
  const changes = [{ retain: 5, attributes: { bold: true } }, { retain: 1 }, { delete: 6 }, { insert: 'new ', attributes: { italic: true } }];
  const marked = rich.markedOps(previous, changes);
  assert.deepEqual(runs(marked), [['Hello', 'fmt'], [' ', ''], ['brave', 'del'], [' ', 'del'], ['new ', 'ins'], ['world\n', '']]);
  assert.deepEqual(marked[0].attributes, { bold: true, history: 'fmt' }, 'reformatted text shows its new formatting');
  assert.deepEqual(marked[2].attributes, { bold: true, history: 'del' }, 'deleted text keeps the formatting it had');
  assert.deepEqual(marked[4].attributes, { italic: true, history: 'ins' });
  // Without the marks, what is shown is the document at the point: previous composed with the changes.
  const shown = marked.filter((op) => op.attributes?.history !== 'del').map((op) => op.insert).join('');
  const composed = new Delta(previous).compose(new Delta(changes)).ops.map((op) => op.insert).join('');
  assert.equal(shown, composed);
});

test('rich text: a formatting change that removes an attribute shows the text without it', () => {
  const marked = rich.markedOps([{ insert: 'abc', attributes: { bold: true, italic: true } }, { insert: '\n' }], [{ retain: 3, attributes: { bold: null } }]);
  assert.deepEqual(marked[0], { insert: 'abc', attributes: { italic: true, history: 'fmt' } });
});

test('rich text: marks follow quill-delta\'s diff of two versions, astral characters counted in UTF-16 units', () => {
  const a = new Delta().insert('Title').insert('\n', { header: 1 }).insert('😀 one two\n');
  const b = new Delta().insert('Title').insert('\n', { header: 1 }).insert('😀 one ').insert('six', { bold: true }).insert('\n');
  const marked = rich.markedOps(a.ops, a.diff(b).ops);
  const text = (mark) => marked.filter((op) => (op.attributes?.history || '') === mark).map((op) => op.insert).join('');
  assert.equal(text('del'), 'two');
  assert.equal(text('ins'), 'six');
  assert.ok(text('').startsWith('Title\n😀 one '));
});

test('rich text: authorship spans cut the document into runs by author', () => {
  const ops = [{ insert: 'Hi ', attributes: { bold: true } }, { insert: 'there\n' }];
  const out = rich.authoredOps(ops, { spans: [{ start: 0, length: 2, client: 'ana' }, { start: 2, length: 5, client: 'bo' }, { start: 7, length: 2, client: null }] });
  assert.deepEqual(out, [
    { insert: 'Hi', attributes: { bold: true, author: 'ana' } },
    { insert: ' ', attributes: { bold: true, author: 'bo' } },
    { insert: 'ther', attributes: { author: 'bo' } },
    { insert: 'e\n', attributes: { author: '' } },
  ]);
});

test('rich text: lines carry their line break\'s format; a deleted break stays inside its line', () => {
  const lines = rich.linesOf([
    { insert: 'Plans' }, { insert: '\n', attributes: { header: 1 } },
    { insert: 'milk' }, { insert: '\n', attributes: { list: 'bullet' } },
    { insert: 'eggs' }, { insert: '\n', attributes: { list: 'bullet', history: 'del' } }, { insert: 'bread\n' },
  ]);
  assert.deepEqual(lines.map((l) => [l.attributes, l.parts.map((p) => p.insert).join('')]), [
    [{ header: 1 }, 'Plans'],
    [{ list: 'bullet' }, 'milk'],
    [{}, `eggs${rich.DELETED_BREAK}bread`],
  ]);
});

const obj = (id, props, { kind = 'rectangle', parent = null, index = 'a0' } = {}) => ({ id, kind, parent, index, props });

test('board: objects added, changed (moved, recoloured, restacked) and removed since the point before', () => {
  const previous = { objects: [obj('r-1', { x: 0, y: 0, width: 10, height: 10 }), obj('r-2', { fill: '#fff', x: 5 }, { index: 'a1' }), obj('r-3', { x: 1 }, { index: 'a2' }), obj('e-1', { x: 1 }, { index: 'a3', kind: 'ellipse' })] };
  const content = { objects: [obj('r-1', { height: 10, width: 10, x: 0, y: 0 }), obj('r-2', { fill: '#000', x: 5 }, { index: 'a1' }), obj('r-3', { x: 1 }, { index: 'a4' }), obj('s-1', { x: 3 }, { kind: 'sticky', index: 'a5' })] };
  const { added, changed, removed } = board.boardChanges(previous, content);
  assert.deepEqual(added, ['s-1']);
  assert.deepEqual(changed, ['r-2', 'r-3'], 'properties in another order are not a change; a new colour or place among siblings is');
  assert.deepEqual(removed.map((o) => o.id), ['e-1']);
  assert.deepEqual(board.boardChanges(content, content), { added: [], changed: [], removed: [] });
});

test('board: the preview is fitted to the board box around what is shown, removed objects too', () => {
  const doc = CanvasDoc.fromJSON({ objects: [obj('r-1', { x: 10, y: 20, width: 100, height: 50 }), obj('a-1', { x: 0, y: 0, points: [0, 0, 300, -40] }, { kind: 'arrow', index: 'a1' })] });
  assert.deepEqual(board.extentOf(doc.inTreeOrder()), { x: 0, y: -40, w: 300, h: 110 });
  assert.equal(board.extentOf([]), null);
});
