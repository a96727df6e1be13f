// Browser benchmark of the editor bindings (not a test; scripts/bench-browser runs it): a 1 MB
// document (the seph-blog1 trace's final text, repeated) opened in CodeMirror and in the textarea
// binding, in headless Chromium, while another person (a second page, through the SDK) types 5
// edits a second, which reach the page as remote operations with a caret. Measures, in the page:
//   - open: from navigation start until the document is loaded and editable (performance.now());
//   - keystroke-to-paint: keydown's timestamp to the first task after the next frame
//     (requestAnimationFrame, then a message-channel task), over --keys keystrokes (one every
//     40 ms after the last was sent; at most a minute of typing per editor), p50/p95/max;
//   - CPU: the page's main-thread busy time (CDP TaskDuration) over the typing, per keystroke
//     (the remote edits that arrived meanwhile included);
//   - memory: the page's JS heap after a garbage collection, and DOM nodes (Chrome DevTools Protocol).
// Starts its own node (scripts/run, temporary data dir, 127.0.0.1, free port) and stops it;
// every wait is bounded. Prints one line per editor and a JSON summary.
//
//   scripts/bench-browser [--keys 300] [--size 1000000] [--editors codemirror,textarea]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/js/browser/chromium.mjs';
import { freePort } from '../test/js/browser/backends.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const KEYS = Number(arg('keys', 300));
const SIZE = Number(arg('size', 1_000_000));
const EDITORS = arg('editors', 'codemirror,textarea').split(',');
const REMOTE_PER_SECOND = 5;
const TOTAL_LIMIT_MS = 15 * 60 * 1000;
const TYPING_LIMIT_MS = 60 * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fetchJson = async (url, init = {}) => {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15000) });
  if (!res.ok) throw new Error(`${init.method || 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
};

function documentText() {
  const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(root, 'testdata/traces/seph-blog1.json.gz'))));
  let text = '';
  while (text.length < SIZE) text += `${trace.endContent}\n`;
  return text.slice(0, SIZE);
}

async function startNode() {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-browser-'));
  const proc = spawn(path.join(root, 'scripts/run'), ['--http-port', String(port), '--data-dir', dataDir, '--redis-url', 'none',
    '--warmup-ops', '0', '--max-message-bytes', String(8 * 1024 * 1024)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const stop = async () => {
    if (proc.exitCode === null) {
      process.kill(-proc.pid, 'SIGTERM');
      const exited = new Promise((r) => proc.once('exit', r));
      if (await Promise.race([exited.then(() => true), sleep(20000).then(() => false)]) === false) process.kill(-proc.pid, 'SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1800; i++) { // builds first when needed: up to 3 minutes
    try {
      if ((await fetch(`${origin}/health`, { signal: AbortSignal.timeout(1000) })).ok) return { origin, stop };
    } catch {
      // starting
    }
    if (proc.exitCode !== null) break;
    await sleep(100);
  }
  await stop();
  throw new Error(`the node did not start:\n${log.slice(-3000)}`);
}

/**
 * Another person, in a page of their own, typing into the first line REMOTE_PER_SECOND edits a
 * second through the SDK (no editor: the document's own holder), until stopped.
 */
async function remoteTypist(browser, origin, id) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/sdk/src/index.js`); // any page of the origin: the SDK is imported below
  await page.evaluate(async ([docId, perSecond]) => {
    const { TandemClient, TextOperation } = await import('/sdk/src/index.js');
    const { codePointLength } = await import('/sdk/src/ot/code-points.js');
    const client = new TandemClient({ url: location.origin, user: { name: 'Remote', color: '#d81b60' } });
    const doc = client.open(docId, { create: false });
    await new Promise((resolve) => { const check = () => (doc.canEdit ? resolve() : setTimeout(check, 20)); check(); });
    window.remoteEdits = 0;
    window.typing = setInterval(() => {
      const op = TextOperation.splice(codePointLength(doc.snapshot), 40, 0, 'x');
      doc.view.applyOperation(op);
      doc.submitOp(op);
      window.remoteEdits += 1;
    }, 1000 / perSecond);
  }, [id, REMOTE_PER_SECOND]);
  return {
    stop: async () => {
      const n = await page.evaluate(() => { clearInterval(window.typing); return window.remoteEdits; }).catch(() => 0);
      await context.close();
      return n;
    },
  };
}

/** Installed in the page before it loads: the keystroke-to-paint probe. */
function probe() {
  window.benchLatencies = [];
  addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.benchLatencies.push(performance.now() - t0);
      ch.port2.postMessage(0);
    });
  }, true);
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function measure(browser, origin, editor, text) {
  const id = `bench-${editor}-${Date.now()}`;
  const half = Math.floor(text.length / 2);
  await fetchJson(`${origin}/api/docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, content: text }) });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => localStorage.setItem('tandem.identity', JSON.stringify({ name: 'Bench', color: '#3949ab' })));
  await context.addInitScript(probe);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let stopTypist = async () => 0;
  try {
    const typist = await remoteTypist(browser, origin, id);
    stopTypist = typist.stop;
    await page.goto(`${origin}/d/${id}${editor === 'textarea' ? '?editor=textarea' : ''}`, { timeout: 60000 });
    await page.waitForFunction((n) => window.tandem && window.tandem.doc.canEdit && window.tandem.binding.codePointLength() >= n,
      text.length - 10, { timeout: 60000, polling: 20 });
    const openMs = await page.evaluate(() => performance.now());
    // Type into the middle of the document, like a person editing it.
    await page.evaluate(([kind, at]) => {
      const b = window.tandem.binding;
      if (kind === 'textarea') {
        const t = document.querySelector('#editor');
        t.focus();
        t.setSelectionRange(at, at);
      } else {
        b.view.focus();
        b.view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      }
    }, [editor, half]);
    await page.evaluate(() => { window.benchLatencies = []; });
    // The page's main-thread busy time (TaskDuration: scripts, style, layout, paint) over the typing,
    // per keystroke: the cost that travels between machines better than latency.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    const busyBefore = await taskSeconds();
    const words = 'the quick brown fox jumps over the lazy dog ';
    // At most TYPING_LIMIT_MS of typing per editor: a slow editor reports fewer keystrokes.
    const typingEnds = Date.now() + TYPING_LIMIT_MS;
    let typed = 0;
    while (typed < KEYS && Date.now() < typingEnds) {
      await page.keyboard.type(words[typed % words.length], { delay: 0 });
      typed += 1;
      await sleep(40);
    }
    await page.waitForFunction((n) => window.benchLatencies.length >= n, typed, { timeout: 60000 });
    const latencies = await page.evaluate(() => window.benchLatencies);
    const busyMsPerKey = ((await taskSeconds()) - busyBefore) * 1000 / latencies.length;
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const remoteEdits = await stopTypist();
    stopTypist = async () => 0;
    await page.waitForFunction(() => window.tandem.doc.unsentEdits === 0, null, { timeout: 30000 });
    const server = (await fetchJson(`${origin}/api/docs/${id}`)).content;
    const shown = await page.evaluate(() => window.tandem.doc.snapshot);
    return {
      editor, openMs: Math.round(openMs), keystrokes: latencies.length,
      p50: +pct(latencies, 50).toFixed(1), p95: +pct(latencies, 95).toFixed(1), max: +Math.max(...latencies).toFixed(1),
      busyMsPerKey: +busyMsPerKey.toFixed(1), heapMB: +(metrics.JSHeapUsedSize / 1048576).toFixed(1), domNodes: metrics.Nodes, remoteEdits,
      converged: server === shown, errors,
    };
  } finally {
    await stopTypist();
    await context.close();
  }
}

async function main() {
  const deadline = setTimeout(() => { console.error('bench-browser: over the time limit, stopping'); process.exit(2); }, TOTAL_LIMIT_MS);
  const text = documentText();
  const node = await startNode();
  const browser = await launchChromium();
  const results = [];
  try {
    for (const editor of EDITORS) {
      const r = await measure(browser, node.origin, editor, text);
      results.push(r);
      console.log(`${editor.padEnd(10)} open ${r.openMs} ms · keystroke-to-paint p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms (${r.keystrokes} keys) · page main thread ${r.busyMsPerKey} ms per key`
        + ` · JS heap ${r.heapMB} MB, ${r.domNodes} DOM nodes · ${r.remoteEdits} remote edits · converged ${r.converged}`);
    }
  } finally {
    await browser.close();
    await node.stop();
    clearTimeout(deadline);
  }
  console.log(JSON.stringify({ documentChars: text.length, keys: KEYS, remotePerSecond: REMOTE_PER_SECOND, results }));
}

await main();
