// End-to-end in a real browser against a real Tandem node (dev.tandem.Main from target/, as
// `mvn verify` has just packaged it): the scenario of browser/scenario.mjs, once with each editor
// binding of the page (CodeMirror 6, the default, and the textarea), in headless Chromium
// driven by playwright-core. It runs wherever it can: a missing Chromium, playwright-core or
// packaged server fails it with what to do (scripts/test installs the first two). Only
// TANDEM_BROWSER_TESTS=off skips it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, serverTarget } from './support/paths.mjs';
import { javaBackend } from './browser/backends.mjs';
import { missingForBrowserTests } from './browser/chromium.mjs';
import { typingTogether } from './browser/scenario.mjs';
import { codemirror, textarea } from './browser/editors.mjs';

const off = process.env.TANDEM_BROWSER_TESTS === 'off';
const target = serverTarget;

for (const editor of [codemirror, textarea]) {
  test(`${editor.name}: two people type together in Chromium (also into a fresh link), see each other, work offline through a reload, converge, and undo only their own edits (real node)`,
    { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 120000 }, async (t) => {
      const missing = await missingForBrowserTests();
      if (missing) assert.fail(missing);
      const packaged = fs.existsSync(target) && fs.readdirSync(target).some((f) => /^tandem-server-.*\.jar$/.test(f))
        && fs.existsSync(path.join(target, 'lib'));
      if (!packaged) assert.fail('the server is not packaged in src/server/target/: run scripts/test, or mvn -B -DskipTests package first');

      const shots = path.join(repoRoot, `src/web/target/e2e-screenshots/${editor.name}`);
      const { final } = await typingTogether({ backend: javaBackend(), shots, editor, log: (s) => t.diagnostic(s) });
      // The scenario checks every step exactly; this is the gist, in case it is ever loosened.
      for (const line of ['Train: booked', 'Food: cafe\u0301 by the river', 'Pack: the guidebook (Ana, offline)',
        'Sunscreen (Ana, after an offline reload)', 'Lisbon \u{1F600}, Friday to Sunday', 'PS: bring a jacket.']) {
        assert.ok(final.includes(line), `${line} in ${JSON.stringify(final)}`);
      }
      assert.ok(fs.statSync(path.join(shots, 'two-people.png')).size > 20000, 'the side-by-side screenshot was taken');
    });
}
