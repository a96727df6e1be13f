// End-to-end in a real browser against a real Tandem node (dev.tandem.Main from target/, as
// `mvn verify` has just packaged it): the scenario of browser/scenario.mjs. Skipped, saying why,
// where there is no Chromium (apt-get install chromium, or set CHROMIUM) or no packaged server;
// TANDEM_BROWSER_TESTS=off skips it on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './support/paths.mjs';
import { javaBackend } from './browser/backends.mjs';
import { typingTogether } from './browser/scenario.mjs';

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    }
  }
  return null;
}

const binary = findChromium();
const target = path.join(repoRoot, 'target');
const packaged = fs.existsSync(target) && fs.readdirSync(target).some((f) => /^tandem-.*\.jar$/.test(f))
  && fs.existsSync(path.join(target, 'lib'));
const skip = process.env.TANDEM_BROWSER_TESTS === 'off' ? 'TANDEM_BROWSER_TESTS=off'
  : !binary ? 'no Chromium on this machine (apt-get install chromium, or set CHROMIUM)'
    : !packaged ? 'the server is not packaged (mvn -B -DskipTests package)' : false;

test('two people type together, undo their own edits, and converge after an outage and an offline reload (Chromium, real node)',
  { skip, timeout: 240000 }, async () => {
    const shots = path.join(target, 'e2e-screenshots');
    const final = await typingTogether({ backend: javaBackend(), shots, binary });
    assert.ok(final.includes('Written offline.') && final.includes('And after a reload.'), final);
    assert.ok(fs.existsSync(path.join(shots, '4-converged.png')), 'screenshots were taken');
  });
