// Builds the vendored editor code under vendor/ from the packages the npm lockfile pins (run
// `npm ci` first): CodeMirror 6 and Quill 2 as ES modules with esbuild, one file per package and
// shared chunks, so that a page without a bundler maps `@codemirror/state`, `quill`, `quill-delta`
// etc. to them with an import map and gets exactly one copy of each (Quill and the rich-text type
// share one quill-delta); fractional-indexing (the canvas type's fractional indexes) as one ES
// module; Quill's Snow theme stylesheet and the licences of everything bundled
// into Quill, copied; and sockjs-client's own browser build, copied. Writes VENDOR.md (package,
// version, licence, SHA-256 of every file); test/vendor.test.mjs checks it.
//
//   npm run vendor
import { build } from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vendor = path.join(root, 'vendor');
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

/** The CodeMirror packages the bindings and the demo page use, by output name. */
export const CODEMIRROR = {
  state: '@codemirror/state',
  view: '@codemirror/view',
  commands: '@codemirror/commands',
  language: '@codemirror/language',
  'lang-cpp': '@codemirror/lang-cpp',
  'lang-css': '@codemirror/lang-css',
  'lang-go': '@codemirror/lang-go',
  'lang-html': '@codemirror/lang-html',
  'lang-java': '@codemirror/lang-java',
  'lang-javascript': '@codemirror/lang-javascript',
  'lang-json': '@codemirror/lang-json',
  'lang-markdown': '@codemirror/lang-markdown',
  'lang-python': '@codemirror/lang-python',
  'lang-rust': '@codemirror/lang-rust',
  'lang-sql': '@codemirror/lang-sql',
  'lang-xml': '@codemirror/lang-xml',
  'lang-yaml': '@codemirror/lang-yaml',
};

/** Quill 2 and quill-delta (the rich-text type's algebra), by output name. */
export const QUILL = {
  quill: 'quill',
  'quill-delta': 'quill-delta',
};

const locked = (name) => {
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  if (pkg.version !== entry.version) throw new Error(`${name}: node_modules has ${pkg.version}, the lockfile ${entry.version}: run npm ci`);
  return { name, version: entry.version, license: pkg.license };
};

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  }).sort();
}

/** Bundles `entries` ({ outName: package }) into `dir` as ES modules with shared chunks. */
async function bundle(dir, entries) {
  fs.rmSync(dir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([out, pkg]) => [out, pkg])),
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
}

/** `names` and every package they depend on, by the lockfile. */
function withDependencies(names) {
  const all = new Set(names);
  const addDeps = (name) => {
    const deps = lock.packages[`node_modules/${name}`].dependencies || {};
    for (const d of Object.keys(deps)) if (!all.has(d)) { all.add(d); addDeps(d); }
  };
  [...all].forEach(addDeps);
  return [...all].sort();
}

async function main() {
  await bundle(path.join(vendor, 'codemirror'), CODEMIRROR);
  const quillDir = path.join(vendor, 'quill');
  await bundle(quillDir, QUILL);
  fs.copyFileSync(path.join(root, 'node_modules/quill/dist/quill.snow.css'), path.join(quillDir, 'quill.snow.css'));
  // The minified bundle drops the packages' notices (legalComments: 'none'): their licences go
  // beside it instead, as the BSD and MIT licences ask.
  const quillPackages = withDependencies(Object.values(QUILL)).map(locked);
  fs.mkdirSync(path.join(quillDir, 'licenses'));
  for (const p of quillPackages) {
    fs.copyFileSync(path.join(root, 'node_modules', p.name, 'LICENSE'), path.join(quillDir, 'licenses', `${p.name}.txt`));
  }
  // fractional-indexing is an ES module already; bundling it gives one file the SDK imports by path.
  const fractional = locked('fractional-indexing');
  const fiDir = path.join(vendor, 'fractional-indexing');
  fs.rmSync(fiDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['fractional-indexing'],
    outfile: path.join(fiDir, 'index.js'),
    bundle: true,
    format: 'esm',
    target: 'es2020',
    legalComments: 'inline',
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(root, 'node_modules/fractional-indexing/LICENSE'), path.join(fiDir, 'LICENSE'));
  const sockjs = locked('sockjs-client');
  const sockDir = path.join(vendor, 'sockjs-client');
  fs.mkdirSync(sockDir, { recursive: true });
  fs.copyFileSync(path.join(root, 'node_modules/sockjs-client/dist/sockjs.min.js'), path.join(sockDir, 'sockjs.min.js'));
  fs.copyFileSync(path.join(root, 'node_modules/sockjs-client/LICENSE'), path.join(sockDir, 'LICENSE'));

  // Every package that ended up in the CodeMirror bundle (its dependencies too), from the lockfile.
  const packages = withDependencies(Object.values(CODEMIRROR)).map(locked);

  const rel = (f) => path.relative(root, f).split(path.sep).join('/');
  const files = filesUnder(vendor).filter((f) => !f.endsWith('.md'));
  const md = [
    '# Vendored code',
    '',
    'Made by `npm run vendor` (`scripts/vendor.mjs`) from the versions pinned in `package-lock.json`;',
    'do not edit by hand. `test/vendor.test.mjs` checks the checksums below against the files.',
    '',
    '`vendor/codemirror/` is CodeMirror 6 and what it depends on, bundled with esbuild into ES modules:',
    'one file per package (`state.js` is `@codemirror/state`, `lang-python.js` is `@codemirror/lang-python`, ...)',
    'and shared chunks, so that one copy of each package is loaded. `vendor/quill/` is Quill 2 the',
    'same way (`quill.js` is `quill` with its formats, modules and themes, `quill-delta.js` is `quill-delta`,',
    'which the rich-text type imports, sharing one chunk with Quill), Quill\'s `dist/quill.snow.css`, and',
    'in `licenses/` the licence of every package bundled there. `vendor/sockjs-client/` is',
    "sockjs-client's own browser build (`dist/sockjs.min.js`), copied unchanged. `vendor/fractional-indexing/index.js`",
    'is the npm package `fractional-indexing` (the canvas type\'s fractional indexes), bundled unminified.',
    '',
    '| package | version | licence |',
    '|---|---|---|',
    ...[...packages, fractional, sockjs].map((p) => `| \`${p.name}\` | ${p.version} | ${p.license} |`),
    '',
    '| package (in `vendor/quill/`) | version | licence |',
    '|---|---|---|',
    ...quillPackages.map((p) => `| \`${p.name}\` | ${p.version} | ${p.license} |`),
    '',
    '| file | sha256 |',
    '|---|---|',
    ...files.map((f) => `| \`${rel(f)}\` | \`${sha256(f)}\` |`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(root, 'VENDOR.md'), md);
  console.log(`vendored ${packages.length + quillPackages.length + 2} packages into ${files.length} files`);
}

await main();
