// A stand-in Tandem server for working on the browser client before the Java server runs:
// serves webroot/ (index.html also for /d/*), POST /api/docs (with a type: text, rich-text or
// canvas), GET /api/docs/<id>, and PROTOCOL.md over a WebSocket
// at /ws, backed by the in-memory FakeServer. Node built-ins only (the WebSocket framing is
// done by hand: text frames, ping/pong, close).
//
//   node src/test/js/support/dev-server.mjs [port]      then open http://127.0.0.1:PORT/
//
// Not the product: no persistence, no SockJS, one process. Listens on 127.0.0.1 only.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeServer } from '../../../../../clients/js/test/support/fake-server.mjs';
import { typeNamed } from '../../../../../clients/js/src/types/type.js';
import '../../../../../clients/js/src/types/rich-text.js'; // registers the rich-text type

const webroot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../webroot');
const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../clients/js');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json', '.json': 'application/json', '.md': 'text/plain; charset=utf-8' };

export function startDevServer({ port = 0, host = '127.0.0.1', tandem = new FakeServer() } = {}) {
  const sockets = new Set();
  const server = http.createServer((req, res) => handleHttp(req, res, tandem));
  server.on('upgrade', (req, socket) => {
    if (new URL(req.url, 'http://x').pathname !== '/ws') {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    acceptWebSocket(req, socket, tandem);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve({
    port: server.address().port,
    tandem,
    /** Cuts every WebSocket at once, like a network drop. */
    dropAll: () => { for (const s of sockets) s.destroy(); },
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(r); }),
  })));
}

function handleHttp(req, res, tandem) {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'POST' && url.pathname === '/api/docs') {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      let type;
      try {
        type = typeNamed((JSON.parse(body || '{}').type) || 'text');
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"UNKNOWN_DOCUMENT_TYPE"}}');
        return;
      }
      const id = `doc-${crypto.randomBytes(5).toString('hex')}`;
      tandem.createDoc(id, '', type);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id, type: type.name, rev: 0 }));
    });
    return;
  }
  const read = /^\/api\/docs\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && read) {
    const d = tandem.docs.get(decodeURIComponent(read[1]));
    if (!d) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"DOCUMENT_NOT_FOUND","message":"no such document","resync":false}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: d.id, type: d.type.name, rev: d.rev, content: d.type.snapshotToJSON(d.snapshot) }));
    return;
  }
  if (url.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"up","node":"dev"}');
    return;
  }
  let file = url.pathname === '/' || url.pathname.startsWith('/d/') ? '/index.html' : url.pathname;
  // The SDK's src/ and vendor/ at /sdk/, as the real node serves them (--sdk).
  const sdkPart = /^\/sdk\/(src|vendor)\//.exec(file);
  const root = sdkPart ? path.join(sdk, sdkPart[1]) : webroot;
  file = path.join(root, path.normalize(sdkPart ? file.slice(sdkPart[0].length) : file));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
  fs.createReadStream(file).pipe(res);
}

function acceptWebSocket(req, socket, tandem) {
  const accept = crypto.createHash('sha1')
    .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const session = tandem.connect((text) => { if (!socket.destroyed) socket.write(encodeFrame(0x1, Buffer.from(text))); });
  let buffer = Buffer.alloc(0);
  let fragments = [];
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const frame = decodeFrame(buffer);
      if (!frame) break;
      buffer = buffer.subarray(frame.length);
      if (frame.opcode === 0x8) {
        socket.end(encodeFrame(0x8, Buffer.alloc(0)));
        return;
      }
      if (frame.opcode === 0x9) socket.write(encodeFrame(0xa, frame.payload));
      if (frame.opcode === 0x1 || frame.opcode === 0x0) {
        fragments.push(frame.payload);
        if (frame.fin) {
          const text = Buffer.concat(fragments).toString('utf8');
          fragments = [];
          try {
            session.receive(text);
          } catch {
            socket.write(encodeFrame(0x1, Buffer.from('[{"type":"error","code":"MALFORMED_MESSAGE","message":"bad frame","resync":false}]')));
          }
        }
      }
    }
  });
  socket.on('close', () => session.close());
  socket.on('error', () => session.close());
}

/** Encodes one unmasked (server) or masked (client) frame. */
export function encodeFrame(opcode, payload, mask = false) {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536
    ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 255])
    : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
  if (!mask) return Buffer.concat([head, payload]);
  head[1] |= 0x80;
  const key = crypto.randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]));
  return Buffer.concat([head, key, body]);
}

/** Decodes the frame at the start of `buf`, or null if it is not all there yet. */
export function decodeFrame(buf) {
  if (buf.length < 2) return null;
  const fin = (buf[0] & 0x80) !== 0;
  const opcode = buf[0] & 0x0f;
  const masked = (buf[1] & 0x80) !== 0;
  let len = buf[1] & 0x7f;
  let at = 2;
  if (len === 126) {
    if (buf.length < 4) return null;
    len = buf.readUInt16BE(2);
    at = 4;
  } else if (len === 127) {
    if (buf.length < 10) return null;
    len = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  const keyAt = at;
  if (masked) at += 4;
  if (buf.length < at + len) return null;
  let payload = buf.subarray(at, at + len);
  if (masked) {
    const key = buf.subarray(keyAt, keyAt + 4);
    payload = Buffer.from(payload.map((b, i) => b ^ key[i % 4]));
  }
  return { fin, opcode, payload, length: at + len };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || 8080);
  startDevServer({ port }).then((s) => console.log(`Tandem dev server on http://127.0.0.1:${s.port}/`));
}
