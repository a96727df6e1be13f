// A minimal Chrome DevTools Protocol client over a hand-rolled WebSocket (Node built-ins only),
// enough to drive headless Chromium in the browser smoke test.
import net from 'node:net';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { encodeFrame, decodeFrame } from '../support/dev-server.mjs';

export async function launchChromium({ binary = process.env.CHROMIUM || 'chromium', port = 9333, userDataDir }) {
  const proc = spawn(binary, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
    `--remote-debugging-port=${port}`, `--user-data-dir=${userDataDir}`, '--window-size=1200,900', 'about:blank'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (res.ok) return { proc, port, ...(await res.json()) };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error('chromium did not start');
}

/** Stops a browser from launchChromium and waits until it has exited. */
export async function stopChromium(chrome) {
  if (chrome.proc.exitCode !== null) return;
  const exited = new Promise((r) => chrome.proc.once('exit', r));
  chrome.proc.kill();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
}

/** Opens a new tab at `url` and connects to it. */
export async function openTab(port, url) {
  const res = await fetch(`http://127.0.0.1:${port}/json/new?${encodeURI(url)}`, { method: 'PUT' });
  const target = await res.json();
  const session = await connect(target.webSocketDebuggerUrl);
  session.targetId = target.id;
  return session;
}

export function connect(wsUrl) {
  const url = new URL(wsUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const key = crypto.randomBytes(16).toString('base64');
    let buffer = Buffer.alloc(0);
    let open = false;
    let nextId = 1;
    const pending = new Map();
    const listeners = new Map();
    const session = {
      send(method, params = {}) {
        const id = nextId++;
        socket.write(encodeFrame(0x1, Buffer.from(JSON.stringify({ id, method, params })), true));
        return new Promise((ok, fail) => pending.set(id, { ok, fail, method }));
      },
      on(method, fn) { listeners.set(method, [...(listeners.get(method) || []), fn]); },
      async eval(expression) {
        const r = await session.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
        if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
        return r.result.value;
      },
      close() { socket.destroy(); },
    };
    socket.on('connect', () => socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!open) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        buffer = buffer.subarray(end + 4);
        open = true;
        resolve(session);
      }
      for (;;) {
        const frame = decodeFrame(buffer);
        if (!frame) break;
        buffer = buffer.subarray(frame.length);
        if (frame.opcode !== 0x1) continue;
        const msg = JSON.parse(frame.payload.toString('utf8'));
        if (msg.id && pending.has(msg.id)) {
          const p = pending.get(msg.id);
          pending.delete(msg.id);
          if (msg.error) p.fail(new Error(`${p.method}: ${msg.error.message}`));
          else p.ok(msg.result);
        } else if (msg.method) {
          for (const fn of listeners.get(msg.method) || []) fn(msg.params);
        }
      }
    });
  });
}
