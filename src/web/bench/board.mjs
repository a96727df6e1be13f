// Browser benchmark of the board page (not a test): a board of --objects objects (99 frames of
// stickies, rectangles and arrows, clients/js/bench/big-board.mjs) created over REST on a real
// node, opened in headless Chromium. Measures, in the page:
//   - open: navigation start until every object is drawn (performance.now());
//   - edit-to-paint: a local drag step (CanvasBinding.edit of x and y) until the first task after
//     the next frame, --steps times, p50/p95/max;
//   - memory: the JS heap after a garbage collection, and DOM nodes (Chrome DevTools Protocol).
// Starts its own node (the packaged server, temporary data dir, 127.0.0.1, free port) and stops
// it; every wait is bounded.
//
//   node src/web/bench/board.mjs [--objects 2000,10000] [--steps 100]
import { launchChromium } from '../test/js/browser/chromium.mjs';
import { javaBackend } from '../test/js/browser/backends.mjs';
import { bigBoard } from '../../../clients/js/bench/big-board.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const SIZES = arg('objects', '2000,10000').split(',').map(Number);
const STEPS = Number(arg('steps', 100));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

const backend = javaBackend();
const port = await backend.start();
const origin = `http://127.0.0.1:${port}`;
const browser = await launchChromium();
const results = [];
try {
  for (const n of SIZES) {
    const id = `bench-board-${n}`;
    // Created empty, then filled 500 objects a batch (a request body is at most 1 MB).
    const post = async (url, body) => {
      const res = await fetch(`${origin}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body), signal: AbortSignal.timeout(60000) });
      if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    let { rev } = await post('/api/docs', { id, type: 'canvas' });
    const creates = bigBoard(n).inTreeOrder().map((o) => ({ create: o.id, kind: o.kind, parent: o.parent, index: o.index, props: o.props }));
    for (let i = 0; i < creates.length; i += 500) {
      ({ rev } = await post(`/api/docs/${id}/ops`, { base: rev, op: { changes: creates.slice(i, i + 500) }, client: 'bench-fill', seq: i / 500 + 1 }));
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => localStorage.setItem('tandem.identity', JSON.stringify({ name: 'Bench', color: '#3949ab' })));
    const page = await context.newPage();
    await page.goto(`${origin}/d/${id}`);
    const open = await page.waitForFunction((count) => {
      const drawn = document.querySelector('.board-objects');
      return drawn && drawn.childElementCount === count ? performance.now() : false;
    }, n, { timeout: 120000, polling: 'raf' }).then((h) => h.jsonValue());
    const steps = await page.evaluate(async (count) => {
      const { board } = window.tandem;
      const { setChange } = await import('/sdk/src/types/canvas/index.js');
      const id = board.view.inTreeOrder().find((o) => o.kind === 'sticky').id;
      const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve();
        ch.port2.postMessage(0);
      }));
      const out = [];
      for (let i = 0; i < count; i++) {
        const t = performance.now();
        board.edit([setChange(id, 'x', i), setChange(id, 'y', i)], { mergeUndo: i > 0 });
        await afterPaint();
        out.push(performance.now() - t);
      }
      return out;
    }, STEPS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    const r = { objects: n, openMs: Math.round(open), stepP50Ms: +pct(steps, 0.5).toFixed(1), stepP95Ms: +pct(steps, 0.95).toFixed(1),
      stepMaxMs: +Math.max(...steps).toFixed(1), heapMiB: +(usedSize / 1048576).toFixed(1), domNodes: nodes };
    results.push(r);
    console.log(`${n} objects: open ${r.openMs} ms; edit-to-paint p50 ${r.stepP50Ms} ms, p95 ${r.stepP95Ms} ms, max ${r.stepMaxMs} ms; heap ${r.heapMiB} MiB; ${r.domNodes} DOM nodes`);
    await context.close();
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
  await backend.stop();
  backend.cleanup();
}
