// The textarea's caret mirror keeps its text in blocks of whole lines and, on a change, keeps
// every block whose text did not change (so a keystroke in a 1 MB document re-lays out one
// block, not the whole mirror). These tests run the block bookkeeping without a DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaretOverlay, splitBlocks, BLOCK_CHARS } from '../src/bindings/textarea/caret-overlay.js';

/** The invariants: the blocks spell the text, in order, each (but the last) ending after a newline. */
function checkBlocks(blocks, text, what) {
  assert.equal(blocks.map((b) => b.text).join(''), text, `${what}: the blocks spell the text`);
  let at = 0;
  blocks.forEach((b, k) => {
    assert.equal(b.start, at, `${what}: block ${k} starts where the one before ended`);
    at += b.text.length;
    if (k < blocks.length - 1) {
      assert.ok(b.text.endsWith('\n'), `${what}: block ${k} of ${blocks.length} ends after a newline`);
      assert.ok(b.text.length > 0);
    } else {
      assert.ok(!b.text.endsWith('\n'), `${what}: the last block holds the text's last line`);
    }
  });
}

function lines(n, seed = 1) {
  let x = seed;
  const rnd = () => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648; };
  const out = [];
  for (let i = 0; i < n; i++) out.push('word '.repeat(Math.floor(rnd() * 30)) + String(i));
  return { text: out.join('\n'), rnd };
}

test('splitBlocks: whole lines, about BLOCK_CHARS each; the last line (maybe empty) ends the last block', () => {
  assert.deepEqual(splitBlocks('', 0, 0, true).map((b) => b.text), ['']);
  assert.deepEqual(splitBlocks('abc\n', 0, 4, true).map((b) => b.text), ['abc\n', '']);
  assert.deepEqual(splitBlocks('a\nb', 0, 3, true).map((b) => b.text), ['a\nb']);
  const long = 'x'.repeat(3 * BLOCK_CHARS); // one line longer than a block stays whole
  assert.deepEqual(splitBlocks(`${long}\ny`, 0, long.length + 2, true).map((b) => b.text), [`${long}\n`, 'y']);
  const { text } = lines(2000);
  const blocks = splitBlocks(text, 0, text.length, true);
  checkBlocks(blocks, text, 'a long text');
  assert.ok(blocks.length > text.length / (2 * BLOCK_CHARS), `${blocks.length} blocks for ${text.length} characters`);
  for (const b of blocks.slice(0, -1)) assert.ok(b.text.length >= BLOCK_CHARS && b.text.length < BLOCK_CHARS + 200, `a block of ${b.text.length}`);
});

test('an edit keeps every block whose text did not change, and the blocks always spell the text', () => {
  const overlay = new CaretOverlay(null);
  let { text, rnd } = lines(3000, 7);
  overlay.syncBlocks(text);
  checkBlocks(overlay.blocks, text, 'first');
  const inserts = ['a', '\n', 'two\nlines', '', 'x'.repeat(BLOCK_CHARS * 2), '\n\n'];
  for (let step = 0; step < 400; step++) {
    const before = new Set(overlay.blocks);
    const count = overlay.blocks.length;
    const at = Math.floor(rnd() * (text.length + 1));
    const del = rnd() < 0.3 ? Math.min(text.length - at, Math.floor(rnd() * (rnd() < 0.1 ? 20000 : 40))) : 0;
    const ins = inserts[Math.floor(rnd() * inserts.length)];
    text = text.slice(0, at) + ins + text.slice(at + del);
    overlay.syncBlocks(text);
    checkBlocks(overlay.blocks, text, `step ${step}`);
    if (del < 10 && ins.length < 20) {
      // A keystroke-sized change: at most the block it touched (and a neighbour) is new.
      const kept = overlay.blocks.filter((b) => before.has(b)).length;
      assert.ok(kept >= count - 2, `step ${step}: kept ${kept} of ${count} blocks`);
    }
  }
  // The edge cases: emptied, a lone newline, typed into again.
  for (const t of ['', '\n', 'a', 'a\n', '\na', 'abc\ndef\n', '']) {
    overlay.syncBlocks(t);
    checkBlocks(overlay.blocks, t, JSON.stringify(t));
  }
});

test('two edits before one redraw (someone else\'s near the top, ours further down) renew only their own blocks', () => {
  const frames = [];
  globalThis.requestAnimationFrame = (fn) => frames.push(fn);
  try {
    const overlay = new CaretOverlay(null);
    const { text } = lines(3000, 3);
    overlay.update(text, []);
    const before = new Set(overlay.blocks);
    const count = overlay.blocks.length;
    const top = `${text.slice(0, 40)}x${text.slice(40)}`;
    overlay.update(top, []);
    const mid = Math.floor(top.length / 2);
    const both = `${top.slice(0, mid)}y${top.slice(mid)}`;
    overlay.update(both, []);
    checkBlocks(overlay.blocks, both, 'after both edits');
    const kept = overlay.blocks.filter((b) => before.has(b)).length;
    assert.ok(kept >= count - 2, `kept ${kept} of ${count} blocks`);
    assert.equal(frames.length, 1, 'one redraw asked for');
  } finally {
    delete globalThis.requestAnimationFrame;
  }
});
