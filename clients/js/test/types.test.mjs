// The SDK's JSDoc types hold: TypeScript (tsc, a dev dependency) checks src/ with checkJs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sdkRoot } from './support/paths.mjs';

test('tsc finds no type error in src/ (tsconfig.json, checkJs)', { timeout: 120000 }, () => {
  const tsc = path.join(sdkRoot, 'node_modules/.bin/tsc');
  assert.ok(fs.existsSync(tsc), 'typescript is not installed: run `npm ci` in clients/js (scripts/test does)');
  let out = '';
  try {
    execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: sdkRoot, encoding: 'utf8', timeout: 110000 });
  } catch (e) {
    out = `${e.stdout || ''}${e.stderr || ''}` || String(e);
  }
  assert.equal(out, '', out);
});
