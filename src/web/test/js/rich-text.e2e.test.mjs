// Rich text end to end in headless Chromium (playwright-core) against a real Tandem node
// (dev.tandem.Main as `mvn verify` packaged it, embedded PostgreSQL in a temporary folder): the
// scenario of browser/rich-text-scenario.mjs, two people in the Quill page at once (bold while
// typing inside the word, a list while editing the line, undo of one's own typing, offline work
// through a reload). Like e2e.test.mjs, a missing Chromium, playwright-core or packaged server
// fails it with what to do; only TANDEM_BROWSER_TESTS=off skips it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, serverTarget } from './support/paths.mjs';
import { javaBackend } from './browser/backends.mjs';
import { missingForBrowserTests } from './browser/chromium.mjs';
import { richTextTogether } from './browser/rich-text-scenario.mjs';

const off = process.env.TANDEM_BROWSER_TESTS === 'off';

test('rich text: two people in the Quill page (bold while typing inside the word, a list while editing the line, own-change undo, offline through a reload) end with the same delta as the server (real node)',
  { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 150000 }, async (t) => {
    const missing = await missingForBrowserTests();
    if (missing) assert.fail(missing);
    const packaged = fs.existsSync(serverTarget) && fs.readdirSync(serverTarget).some((f) => /^tandem-server-.*\.jar$/.test(f))
      && fs.existsSync(path.join(serverTarget, 'lib'));
    if (!packaged) assert.fail('the server is not packaged in src/server/target/: run scripts/test, or mvn -B -DskipTests package first');

    const shots = path.join(repoRoot, 'src/web/target/e2e-screenshots/rich-text');
    const { final } = await richTextTogether({ backend: javaBackend(), shots, log: (s) => t.diagnostic(s) });
    const text = final.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    for (const line of ['Weekend plans in Lisbon', 'The quXYZick brown fox packs the car.', 'Buy milk and bread and eggs', 'See you Friday, 9 am', 'Pack sunscreen and hats']) {
      assert.ok(text.includes(`${line}\n`), `${line} in ${JSON.stringify(text)}`);
    }
    assert.ok(fs.statSync(path.join(shots, 'two-people.png')).size > 20000, 'the side-by-side screenshot was taken');
  });
