// The app shell: the service worker caches every file the pages need; pages, links and
// statuses say the right thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { webroot, sdkRoot } from './support/paths.mjs';
import { routeOf, parseDocInput, localDocId, newDocPath, previewOf } from '../../../../webroot/js/app/routes.js';
import { safeLink } from '../../../../webroot/js/app/links.js';
import { describeStatus } from '../../../../webroot/js/app/status.js';
import { cleanIdentity, loadIdentity, saveIdentity, randomIdentity, PALETTE } from '../../../../webroot/js/app/identity.js';
import { splicesOf } from '../../../../clients/js/src/bindings/textarea/textarea-editor.js';
import { marksFor, tint } from '../../../../clients/js/src/bindings/textarea/caret-overlay.js';
import { saveQueue } from '../../../../clients/js/src/store/save-queue.js';
import { TextOperation } from '../../../../clients/js/src/ot/text-operation.js';
import { Selection } from '../../../../clients/js/src/ot/selection.js';

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** Where a URL of the app is on disk: /sdk/... in the SDK package (clients/js), the rest in webroot/. */
const fileOf = (url) => (url.startsWith('/sdk/') ? path.join(sdkRoot, url.slice('/sdk/'.length)) : path.join(webroot, url));

test('the service worker caches every script, style and asset of the app and the SDK, and nothing that is missing', () => {
  const sw = fs.readFileSync(path.join(webroot, 'sw.js'), 'utf8');
  const shell = JSON.parse(sw.match(/const SHELL = (\[[\s\S]*?\]);/)[1].replace(/'/g, '"').replace(/,\s*\]/, ']'));
  for (const url of shell) assert.ok(fs.existsSync(fileOf(url)), `${url} is in the shell but not in webroot or the SDK`);
  const needed = filesUnder(webroot)
    .map((f) => `/${path.relative(webroot, f).split(path.sep).join('/')}`)
    .filter((u) => /\.(js|css|svg|webmanifest|html)$/.test(u) && u !== '/sw.js');
  for (const part of ['src', 'vendor']) {
    needed.push(...filesUnder(path.join(sdkRoot, part)).filter((f) => f.endsWith('.js') || f.endsWith('.css'))
      .map((f) => `/sdk/${path.relative(sdkRoot, f).split(path.sep).join('/')}`));
  }
  for (const url of needed) assert.ok(shell.includes(url), `${url} is missing from the service worker's SHELL`);
});

test('every module import of the page resolves to a file, the SDK\'s at /sdk/ and CodeMirror through the import map', () => {
  const html = fs.readFileSync(path.join(webroot, 'index.html'), 'utf8');
  const importMap = JSON.parse(html.match(/<script type="importmap">([\s\S]*?)<\/script>/)[1]).imports;
  for (const url of Object.values(importMap)) assert.ok(fs.existsSync(fileOf(url)), `the import map names ${url}`);
  const sources = [...filesUnder(path.join(webroot, 'js')), ...filesUnder(path.join(sdkRoot, 'src'))];
  for (const file of sources) {
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:^import [^'"]*|(?<![.\w])import\()['"](.+?)['"]/gm)) {
      const spec = m[1];
      if (spec in importMap) continue;
      const target = spec.startsWith('/') ? fileOf(spec) : path.resolve(path.dirname(file), spec);
      assert.ok(fs.existsSync(target), `${file} imports ${spec}`);
    }
  }
});

test('the page loads nothing from other sites', () => {
  const html = fs.readFileSync(path.join(webroot, 'index.html'), 'utf8');
  const css = fs.readFileSync(path.join(webroot, 'css/app.css'), 'utf8');
  assert.equal(/(src|href)="(https?:)?\/\//.test(html), false);
  assert.equal(/url\((['"])?(https?:)?\/\//.test(css), false);
  assert.match(html, /<script type="module" src="\/js\/app\/main.js">/, 'absolute paths: the page is also served at /d/<id>');
});

test('routes: / is home, /d/<id> is a document, anything else is home', () => {
  assert.deepEqual(routeOf('/'), { page: 'home' });
  assert.deepEqual(routeOf('/d/meeting-notes'), { page: 'doc', id: 'meeting-notes' });
  assert.deepEqual(routeOf('/d/a.b_c-9/'), { page: 'doc', id: 'a.b_c-9' });
  assert.deepEqual(routeOf('/d/bad%2Fid'), { page: 'home' });
  assert.deepEqual(routeOf('/d/%E0%A4%A'), { page: 'home' });
  assert.deepEqual(routeOf(`/d/${'x'.repeat(129)}`), { page: 'home' });
});

test('a document can be opened by its name or by any link to it', () => {
  assert.equal(parseDocInput('  notes '), 'notes');
  assert.equal(parseDocInput('https://tandem.example/d/notes?x=1#top'), 'notes');
  assert.equal(parseDocInput('tandem.example/d/q3-plan'), 'q3-plan');
  assert.equal(parseDocInput('two words'), null);
  assert.equal(parseDocInput('https://tandem.example/'), null);
  assert.match(localDocId(), /^doc-[a-z0-9]{8}$/);
});

test('a new document\'s link names its type unless it is text, and asks to start it here when made offline', () => {
  assert.equal(newDocPath('notes', 'text', false), '/d/notes');
  assert.equal(newDocPath('notes', 'rich-text', false), '/d/notes?type=rich-text');
  assert.equal(newDocPath('doc-1', 'rich-text', true), '/d/doc-1?new=1&type=rich-text');
  assert.equal(newDocPath('doc-1', 'text', true), '/d/doc-1?new=1');
});

test('the home page previews what this device keeps of a document, text or rich text', () => {
  assert.equal(previewOf('Hello\nworld'), 'Hello\nworld');
  assert.equal(previewOf({ ops: [{ insert: 'Plan', attributes: { bold: true } }, { insert: { image: 'https://x/p.png' } }, { insert: ' B\n' }] }), 'Plan B\n');
  assert.equal(previewOf(undefined), '');
});

test('the kinds of document are one small list: text first, rich text, board, each with a label and a module', async () => {
  // doc-types.js imports the kinds' modules only when asked (they load the SDK from /sdk/).
  const src = fs.readFileSync(path.join(webroot, 'js/app/doc-types.js'), 'utf8');
  const names = [...src.matchAll(/\{ name: '([^']+)', label: '([^']+)'/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(names, [['text', 'Text'], ['rich-text', 'Rich text'], ['canvas', 'Board']]);
  for (const m of src.matchAll(/import\('\.\/([^']+)'\)/g)) assert.ok(fs.existsSync(path.join(webroot, 'js/app', m[1])), m[1]);
});

test('links typed into the rich-text editor become ones the server takes (http, https, mailto with a host)', () => {
  assert.equal(safeLink('https://example.com/a?b#c'), 'https://example.com/a?b#c');
  assert.equal(safeLink('  HTTP://Example.com '), 'HTTP://Example.com');
  assert.equal(safeLink('mailto:ana@example.com'), 'mailto:ana@example.com');
  assert.equal(safeLink('example.com/page'), 'https://example.com/page');
  assert.equal(safeLink('ana@example.com'), 'mailto:ana@example.com');
  assert.equal(safeLink('javascript:alert(1)'), 'https://alert(1)');
  assert.equal(safeLink('java\tscript:alert(1)'), 'https://alert(1)');
  assert.equal(safeLink('ftp://files.example.com'), 'https://files.example.com');
  assert.equal(safeLink('https:///nohost'), 'https://nohost');
  assert.equal(safeLink(`https://x.example/${'a'.repeat(3000)}`).length, 2048);
  for (const url of ['a', 'tel:123', 'data:text/html,x', '//evil.example']) assert.match(safeLink(url), /^https:\/\/[^/?#]/, url);
});

test('the status pill tells connected, saving, reconnecting and offline with unsent edits apart', () => {
  const base = { now: 0, online: true, revision: 12, transport: 'ws', everConnected: true };
  assert.deepEqual(describeStatus({ ...base, conn: 'ready', phase: 'open', unsent: 0 }), { tone: 'ok', label: 'Connected', detail: 'Revision 12', canRetry: false, announce: 'Connected' });
  assert.equal(describeStatus({ ...base, conn: 'ready', phase: 'open', unsent: 2 }).label, 'Saving…');
  assert.equal(describeStatus({ ...base, conn: 'connecting', phase: 'closed', unsent: 0 }).label, 'Reconnecting…');
  assert.equal(describeStatus({ ...base, everConnected: false, conn: 'connecting', phase: 'closed', unsent: 0 }).label, 'Connecting…');
  const waiting = describeStatus({ ...base, conn: 'waiting', retryAt: 4200, phase: 'closed', unsent: 3 });
  assert.equal(waiting.label, 'Offline, retrying in 5 s');
  assert.equal(waiting.detail, '3 unsent edits · Revision 12');
  assert.equal(waiting.canRetry, true);
  assert.equal(waiting.announce, describeStatus({ ...waiting, ...base, conn: 'waiting', retryAt: 9999, phase: 'closed', unsent: 4 }).announce, 'the countdown is not announced');
  assert.equal(describeStatus({ ...base, online: false, conn: 'waiting', phase: 'closed', unsent: 1 }).detail, '1 unsent edit · Revision 12');
  assert.equal(describeStatus({ ...base, conn: 'ready', phase: 'open', unsent: 0, transport: 'sockjs' }).detail, 'Revision 12 · via SockJS');
  // Refused (not found, forbidden, another type): the server answered, so not "Connecting…" for good.
  const refused = describeStatus({ ...base, everConnected: false, conn: 'ready', phase: 'closed', unsent: 2, refused: true });
  assert.deepEqual(refused, { tone: 'bad', label: 'Not opened', detail: 'The server refused this document · 2 unsent edits', canRetry: false, announce: 'Not opened' });
  assert.equal(describeStatus({ ...base, conn: 'failed', phase: 'closed', unsent: 0, refused: true }).label, 'Disconnected', 'an unsupported page says so first');
});

test('the status pill says saving is paused while connected and the server cannot save, and only then', () => {
  const base = { now: 0, online: true, revision: 12, transport: 'ws', everConnected: true };
  for (const phase of ['open', 'opening']) { // waiting for an ack, or for a catch-up the server refused
    const paused = describeStatus({ ...base, conn: 'ready', phase, unsent: 3, paused: true });
    assert.equal(paused.label, 'Saving paused', phase);
    assert.equal(paused.tone, 'warn');
    assert.equal(paused.detail, 'The server cannot save right now; your edits are kept and sent when it can · 3 unsent edits · Revision 12');
    assert.equal(paused.canRetry, false, 'nothing for the person to do: the page retries');
    assert.equal(paused.announce, 'Saving paused; edits are kept');
  }
  assert.equal(describeStatus({ ...base, conn: 'ready', phase: 'open', unsent: 3, paused: false }).label, 'Saving…', 'acks resumed');
  assert.equal(describeStatus({ ...base, conn: 'ready', phase: 'open', unsent: 0, paused: false }).label, 'Connected');
  assert.equal(describeStatus({ ...base, conn: 'waiting', phase: 'closed', unsent: 3, paused: true }).label, 'Offline, retrying…',
    'offline says offline, whatever the document last thought');
});

test('identity: a name and a #rrggbb colour, kept in storage', () => {
  const storage = new Map();
  const store = { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, v) };
  assert.equal(loadIdentity(store), null);
  assert.deepEqual(saveIdentity({ name: '  Ana  ', color: '#D81B60' }, store), { name: 'Ana', color: '#d81b60' });
  assert.deepEqual(loadIdentity(store), { name: 'Ana', color: '#d81b60' });
  assert.equal(cleanIdentity({ name: '', color: '#000000' }), null);
  assert.equal(cleanIdentity({ name: 'x', color: 'red' }), null);
  assert.equal(cleanIdentity({ name: 'y'.repeat(100), color: '#000000' }).name.length, 64);
  const r = randomIdentity(() => 0.5);
  assert.ok(PALETTE.some((p) => p.color === r.color) && r.name.includes(' '));
});

test('a remote operation becomes UTF-16 splices of the textarea', () => {
  const text = 'a\u{1F600}bc';
  const op = TextOperation.fromJSON([1, 'X', -1, 1, -1]);
  assert.deepEqual(splicesOf(op, text), [{ start: 1, end: 3, text: 'X' }, { start: 4, end: 5, text: '' }]);
  let t = text;
  for (const s of splicesOf(op, text).reverse()) t = t.slice(0, s.start) + s.text + t.slice(s.end);
  assert.equal(t, op.apply(text));
});

test('carets and selections are marked at UTF-16 offsets, name flags only for recent movers', () => {
  const text = '\u{1F600}abc';
  const peers = [
    { client: 'a', user: { name: 'Ana', color: '#d81b60' }, sel: new Selection(1, 3), movedAt: 0, typingAt: 0, typing: false },
    { client: 'b', user: { name: 'Bo', color: '#3949ab' }, sel: Selection.caret(0), movedAt: 9000, typingAt: 0, typing: false },
    { client: 'c', user: { name: 'Cy', color: '#000000' }, sel: null },
  ];
  const marks = marksFor(text, peers, 10000).map((m) => [m.at, m.kind, m.peer.user.name, m.label]);
  assert.deepEqual(marks, [[0, 'caret', 'Bo', true], [2, 'start', 'Ana', undefined], [4, 'end', 'Ana', undefined], [4, 'caret', 'Ana', false]]);
  assert.equal(tint('#3949ab', 0.5), 'rgba(57, 73, 171, 0.5)');
});

test('the save queue writes the latest state, one write at a time', async () => {
  let state = 0;
  const writes = [];
  let inFlight = 0;
  const q = saveQueue(() => state, async (v) => {
    inFlight++;
    assert.equal(inFlight, 1, 'never two writes at once');
    await new Promise((r) => setTimeout(r, 5));
    writes.push(v);
    inFlight--;
  });
  for (let i = 1; i <= 10; i++) {
    state = i;
    q.schedule();
  }
  await q.idle();
  assert.ok(writes.length <= 2, `${writes.length} writes`);
  assert.equal(writes.at(-1), 10);
});
