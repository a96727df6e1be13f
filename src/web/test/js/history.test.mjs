// The history panel end to end, in headless Chromium against a real node (dev.tandem.Main as
// packaged by `mvn verify`): the scenario of browser/history-scenario.mjs with each editor of the
// text page, then rich text (browser/rich-text-history-scenario.mjs) and a board
// (browser/board-history-scenario.mjs). Missing Chromium, playwright-core or the packaged server fails it saying what to do; only
// TANDEM_BROWSER_TESTS=off skips it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, serverTarget } from './support/paths.mjs';
import { javaBackend } from './browser/backends.mjs';
import { missingForBrowserTests } from './browser/chromium.mjs';
import { historyTogether } from './browser/history-scenario.mjs';
import { richTextHistoryTogether } from './browser/rich-text-history-scenario.mjs';
import { boardHistoryTogether } from './browser/board-history-scenario.mjs';
import { codemirror, textarea } from './browser/editors.mjs';

const off = process.env.TANDEM_BROWSER_TESTS === 'off';

/** Fails saying what to do when Chromium, playwright-core or the packaged server is missing. */
async function ready() {
  const missing = await missingForBrowserTests();
  if (missing) assert.fail(missing);
  const packaged = fs.existsSync(serverTarget) && fs.readdirSync(serverTarget).some((f) => /^tandem-server-.*\.jar$/.test(f));
  if (!packaged) assert.fail('the server is not packaged in src/server/target/: run scripts/test, or mvn -B -DskipTests package first');
}

for (const editor of [codemirror, textarea]) {
  test(`${editor.name}: two people write, one names a version, both write more, she restores it for everyone, and undo brings the later text back (real node)`,
    { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 120000 }, async (t) => {
      await ready();
      const shots = path.join(repoRoot, `src/web/target/history-screenshots/${editor.name}`);
      const { final } = await historyTogether({ backend: javaBackend(), shots, editor, log: (s) => t.diagnostic(s) });
      assert.ok(final.includes('Bo: signed.'));
    });
}

test('rich text: two people write with formatting, one names a version, both write more, the slider shows it read-only with changes marked, she restores it for everyone, and one undo brings the later text back (real node)',
  { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 120000 }, async (t) => {
    await ready();
    const shots = path.join(repoRoot, 'src/web/target/history-screenshots/rich-text');
    const { final } = await richTextHistoryTogether({ backend: javaBackend(), shots, log: (s) => t.diagnostic(s) });
    assert.ok(final.some((op) => typeof op.insert === 'string' && op.insert.includes('Bo: signed.')));
  });

test('board: two people draw and move shapes, one names a version, both change more, the slider shows it read-only with changes outlined, she restores it for everyone, and one undo brings the later board back (real node)',
  { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 120000 }, async (t) => {
    await ready();
    const shots = path.join(repoRoot, 'src/web/target/history-screenshots/board');
    const { final } = await boardHistoryTogether({ backend: javaBackend(), shots, log: (s) => t.diagnostic(s) });
    assert.equal(final.objects.length, 3);
  });
