// The vendored files are exactly what VENDOR.md lists (made by scripts/vendor.mjs from the
// lockfile): every file's SHA-256 matches, and nothing is there that it does not list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sdkRoot } from './support/paths.mjs';

const listed = new Map([...fs.readFileSync(path.join(sdkRoot, 'VENDOR.md'), 'utf8')
  .matchAll(/^\| `(vendor\/[^`]+)` \| `([0-9a-f]{64})` \|$/gm)].map((m) => [m[1], m[2]]));

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

test('every vendored file has the checksum VENDOR.md gives, and every file is listed', () => {
  assert.ok(listed.size > 10, `VENDOR.md lists ${listed.size} files`);
  for (const [file, sum] of listed) {
    const full = path.join(sdkRoot, file);
    assert.ok(fs.existsSync(full), `${file} is listed but missing`);
    assert.equal(crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'), sum, `${file} changed since it was vendored: run npm run vendor`);
  }
  for (const f of filesUnder(path.join(sdkRoot, 'vendor'))) {
    const rel = path.relative(sdkRoot, f).split(path.sep).join('/');
    assert.ok(listed.has(rel), `${rel} is not in VENDOR.md`);
  }
});

test('VENDOR.md names each bundled package with its locked version and licence', () => {
  const md = fs.readFileSync(path.join(sdkRoot, 'VENDOR.md'), 'utf8');
  const lock = JSON.parse(fs.readFileSync(path.join(sdkRoot, 'package-lock.json'), 'utf8'));
  for (const [name, licence] of [['@codemirror/state', 'MIT'], ['@codemirror/view', 'MIT'], ['@lezer/common', 'MIT'],
    ['sockjs-client', 'MIT'], ['fractional-indexing', 'CC0-1\\.0']]) {
    const version = lock.packages[`node_modules/${name}`].version;
    assert.match(md, new RegExp(`\\| \`${name.replace('/', '\\/')}\` \\| ${version.replace(/\./g, '\\.')} \\| ${licence} \\|`), name);
  }
});

test('Quill and quill-delta are vendored at their locked versions, with the licence of every package in the bundle', () => {
  const md = fs.readFileSync(path.join(sdkRoot, 'VENDOR.md'), 'utf8');
  const lock = JSON.parse(fs.readFileSync(path.join(sdkRoot, 'package-lock.json'), 'utf8'));
  assert.equal(lock.packages['node_modules/quill'].version, '2.0.3');
  assert.equal(lock.packages['node_modules/quill-delta'].version, '5.1.0');
  for (const [name, licence] of [['quill', 'BSD-3-Clause'], ['parchment', 'BSD-3-Clause'], ['quill-delta', 'MIT'], ['fast-diff', 'Apache-2.0']]) {
    const version = lock.packages[`node_modules/${name}`].version;
    assert.ok(md.includes(`| \`${name}\` | ${version} | ${licence} |`), `${name} ${version} ${licence} in VENDOR.md`);
    assert.ok(listed.has(`vendor/quill/licenses/${name}.txt`), `the licence of ${name} is vendored`);
  }
  assert.match(fs.readFileSync(path.join(sdkRoot, 'vendor/quill/licenses/quill.txt'), 'utf8'), /Copyright/);
  for (const f of ['vendor/quill/quill.js', 'vendor/quill/quill-delta.js', 'vendor/quill/quill.snow.css']) assert.ok(listed.has(f), f);
});
