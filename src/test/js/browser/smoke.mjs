// Browser smoke test of the editor by hand, in headless Chromium (see scenario.mjs for what it
// does), against the stand-in dev server or, with --java, a real node (dev.tandem.Main from
// target/, built with `mvn -B -DskipTests package`; embedded PostgreSQL in a temporary folder).
//
//   node src/test/js/browser/smoke.mjs [screenshot-dir] [--java]
//
// Needs a `chromium` binary (apt-get install chromium); set CHROMIUM to use another.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakeBackend, javaBackend } from './backends.mjs';
import { typingTogether } from './scenario.mjs';

const args = process.argv.slice(2);
const shots = args.find((a) => !a.startsWith('--')) || fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-shots-'));
const backend = args.includes('--java') ? javaBackend() : fakeBackend();
try {
  const final = await typingTogether({ backend, shots });
  console.log(`ok - browser smoke test against ${backend.name} passed; final text ${JSON.stringify(final)}; screenshots in ${shots}`);
} catch (e) {
  console.error(`not ok - ${e.stack || e}`);
  process.exitCode = 1;
}
