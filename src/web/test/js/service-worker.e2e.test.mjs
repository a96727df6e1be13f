// The service worker's install when the network misbehaves: a real node behind a proxy that
// answers 503 to the first requests for one shell file (the board's stylesheet, which the home
// page itself does not load, so only the worker asks for it). A few failures are retried by the
// worker; more than its attempts fail the install, and the page then registers again by itself.
// Either way the page ends up controlled and the file is in the worker's cache, so the app opens
// offline. Headless Chromium as the other browser tests; TANDEM_BROWSER_TESTS=off skips it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { javaBackend } from './browser/backends.mjs';
import { launchChromium, missingForBrowserTests } from './browser/chromium.mjs';
import { controlledByServiceWorker } from './browser/scenario.mjs';

const off = process.env.TANDEM_BROWSER_TESTS === 'off';
const FLAKY = '/css/board.css';

let backend;
let proxy;
let browser;

/**
 * An HTTP proxy on 127.0.0.1 in front of the node. `failNext(n)` makes it answer the next n
 * requests for FLAKY with 503; `served` counts every request for FLAKY it saw.
 */
function faultyProxy(target) {
  const state = { failing: 0, served: 0 };
  const server = http.createServer((req, res) => {
    if (new URL(req.url, 'http://x').pathname === FLAKY) {
      state.served += 1;
      if (state.failing > 0) {
        state.failing -= 1;
        res.writeHead(503, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('injected failure');
        return;
      }
    }
    const upstream = http.request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers, timeout: 10000 },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
    upstream.on('error', () => res.destroy());
    upstream.on('timeout', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req, socket, head) => { // WebSockets pass through untouched
    const upstream = net.connect(target, '127.0.0.1', () => {
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port,
    state,
    failNext(n) { state.failing = n; state.served = 0; },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  })));
}

before(async () => {
  if (off) return;
  const missing = await missingForBrowserTests();
  if (missing) throw new Error(missing);
  backend = javaBackend();
  const port = await backend.start();
  proxy = await faultyProxy(port);
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (proxy) await proxy.close();
  if (backend) {
    await backend.stop();
    backend.cleanup();
  }
});

/** A first visit to the home page in a fresh profile; resolves once the worker controls it. */
async function firstVisit(timeoutMs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const origin = `http://127.0.0.1:${proxy.port}`;
  await page.goto(`${origin}/`);
  const started = Date.now();
  await controlledByServiceWorker(page, 'the visitor', timeoutMs);
  const cached = await page.evaluate(async (url) => !!(await caches.match(url)), FLAKY);
  return { context, page, cached, seconds: (Date.now() - started) / 1000 };
}

test('a shell file that fails twice is fetched again by the worker, which installs and controls the page',
  { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 60000 }, async (t) => {
    proxy.failNext(2);
    const { context, cached, seconds } = await firstVisit(20000);
    t.diagnostic(`controlled after ${seconds.toFixed(1)} s; ${FLAKY} asked for ${proxy.state.served} times`);
    assert.ok(cached, `${FLAKY} is in the worker's cache`);
    assert.equal(proxy.state.served, 3, 'two 503s and the answer that worked');
    await context.close();
  });

test('an install that fails for good is tried again by the page, which ends up controlled and working offline',
  { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 90000 }, async (t) => {
    proxy.failNext(4); // as many as the worker's attempts: the first install fails
    const { context, page, cached, seconds } = await firstVisit(45000);
    t.diagnostic(`controlled after ${seconds.toFixed(1)} s; ${FLAKY} asked for ${proxy.state.served} times`);
    assert.ok(cached, `${FLAKY} is in the worker's cache`);
    assert.ok(proxy.state.served >= 5, `the first install gave up after 4 tries and a second one fetched it (${proxy.state.served})`);
    await context.setOffline(true);
    const reloaded = await page.reload();
    assert.ok(reloaded && reloaded.fromServiceWorker(), 'offline, the page came from the service worker');
    assert.ok(await page.locator('#new-doc').isVisible(), 'the home page works offline');
    await context.close();
  });
