// The board end to end: browser/board-scenario.mjs in headless Chromium (playwright-core)
// against a real Tandem node (dev.tandem.Main as `mvn verify` packaged it). Two people drag one
// shape at once, type into one sticky note, race a frame deletion against a move into it, and
// one draws offline through a reload; each part ends with both boards and the server's REST
// read agreeing. As e2e.test.mjs, a missing Chromium, playwright-core or packaged server fails
// it with what to do; only TANDEM_BROWSER_TESTS=off skips it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, serverTarget } from './support/paths.mjs';
import { javaBackend } from './browser/backends.mjs';
import { missingForBrowserTests } from './browser/chromium.mjs';
import { boardTogether } from './browser/board-scenario.mjs';

const off = process.env.TANDEM_BROWSER_TESTS === 'off';

test('two people on one board in Chromium: a shared drag, one sticky typed by both, a frame deleted under a move, offline drawing through a reload (real node)',
  { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 150000 }, async (t) => {
    const missing = await missingForBrowserTests();
    if (missing) assert.fail(missing);
    const packaged = fs.existsSync(serverTarget) && fs.readdirSync(serverTarget).some((f) => /^tandem-server-.*\.jar$/.test(f))
      && fs.existsSync(path.join(serverTarget, 'lib'));
    if (!packaged) assert.fail('the server is not packaged in src/server/target/: run scripts/test, or mvn -B -DskipTests package first');
    const shots = path.join(repoRoot, 'src/web/target/e2e-screenshots/board');
    const { final } = await boardTogether({ backend: javaBackend(), shots, log: (s) => t.diagnostic(s) });
    assert.ok(final.objects.length >= 6, `the final board holds everything: ${final.objects.length} objects`);
    assert.ok(fs.statSync(path.join(shots, 'two-people-board.png')).size > 20000, 'the side-by-side screenshot was taken');
  });
