// The browser scenario by hand (see scenario.mjs for what it does), in headless Chromium driven
// by playwright-core, against the stand-in dev server or, with --java, a real node
// (dev.tandem.Main from target/, built with `mvn -B -DskipTests package`; embedded PostgreSQL in
// a temporary folder). Keeps its screenshots; `two-people.png` shows the two windows side by
// side (docs/screenshot-two-people.png is one of them).
//
//   node src/web/test/js/browser/smoke.mjs [screenshot-dir] [--java] [--editor=textarea|codemirror]
//   node src/web/test/js/browser/smoke.mjs [screenshot-dir] [--java] --rich-text
//
// --rich-text runs rich-text-scenario.mjs (the Quill page) instead; its `two-people.png` is
// docs/screenshot-rich-text.png.
//   node src/web/test/js/browser/smoke.mjs [screenshot-dir] [--java] --board   (the board's scenario)
//
// Needs `chromium` (or $CHROMIUM) and `npm ci`; scripts/test installs both when missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakeBackend, javaBackend } from './backends.mjs';
import { typingTogether } from './scenario.mjs';
import { richTextTogether } from './rich-text-scenario.mjs';
import { boardTogether } from './board-scenario.mjs';
import * as editors from './editors.mjs';

const args = process.argv.slice(2);
const shots = args.find((a) => !a.startsWith('--')) || fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-shots-'));
const backend = args.includes('--java') ? javaBackend() : fakeBackend();
const editor = editors[(args.find((a) => a.startsWith('--editor=')) || '--editor=codemirror').slice('--editor='.length)];
try {
  if (args.includes('--board')) {
    const { final, boardId } = await boardTogether({ backend, shots, log: (s) => console.log(`# ${s}`) });
    console.log(`ok - board smoke test against ${backend.name} passed; board ${boardId} holds ${final.objects.length} objects; screenshots in ${shots}`);
  } else {
    const run = args.includes('--rich-text') ? richTextTogether : typingTogether;
    const { final } = await run({ backend, shots, editor, log: (s) => console.log(`# ${s}`) });
    console.log(`ok - browser smoke test (${args.includes('--rich-text') ? 'rich text' : editor.name}) against ${backend.name} passed; final ${JSON.stringify(final)}; screenshots in ${shots}`);
  }
} catch (e) {
  console.error(`not ok - ${e.stack || e}`);
  process.exitCode = 1;
}
