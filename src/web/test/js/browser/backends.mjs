// The servers the browser smoke test can run against: the stand-in dev server, or a real Tandem
// node (dev.tandem.Main, built with `mvn -DskipTests package`) with a throw-away data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { startDevServer } from '../support/dev-server.mjs';
import { repoRoot, serverTarget } from '../support/paths.mjs';

/** The stand-in: restarts keep the documents (same in-memory FakeServer). */
export function fakeBackend() {
  let server = null;
  let tandem;
  return {
    name: 'dev-server',
    async start(port = 0) {
      server = await startDevServer({ port, tandem });
      tandem = server.tandem;
      return server.port;
    },
    async stop() { await server.close(); },
    async docText(id) {
      const d = tandem.docs.get(id);
      return d.type.snapshotToJSON(d.text); // the text of a text document, a delta's JSON for rich text
    },
    async read(id) {
      const d = tandem.docs.get(id);
      return { id, type: d.type.name, rev: d.rev, content: d.type.snapshotToJSON(d.snapshot) };
    },
    async committed(id) { return tandem.docs.get(id).history.map((h) => `${h.client}/${h.seq}`); },
  };
}

/**
 * A real node; restarts keep the documents (same data folder, embedded PostgreSQL). `args` are
 * more flags for it (say `--jwt-secret`); `headers` go with the REST reads (say a bearer token).
 */
export function javaBackend({ args = [], headers = {} } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-data-'));
  const jar = fs.readdirSync(serverTarget).find((f) => /^tandem-server-.*\.jar$/.test(f) && !f.includes('-tests'));
  if (!jar) throw new Error('build the server first: mvn -B -DskipTests package');
  let proc = null;
  let port = 0;
  const base = () => `http://127.0.0.1:${port}`;
  return {
    name: 'dev.tandem.Main',
    async start(wanted = 0) {
      port = wanted || await freePort();
      proc = spawn('java', ['-Xmx1g', '-cp', `${serverTarget}/${jar}:${serverTarget}/lib/*`, 'dev.tandem.Main',
        '--http-port', String(port), '--data-dir', dataDir, '--redis-url', 'none', '--webroot', 'webroot', '--warmup-ops', '0', ...args],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      proc.log = '';
      const running = proc;
      process.once('exit', () => { if (running.exitCode === null) running.kill('SIGKILL'); }); // the test runner gave up
      proc.stdout.on('data', (d) => { proc.log += d; });
      proc.stderr.on('data', (d) => { proc.log += d; });
      for (let i = 0; i < 600; i++) {
        try {
          if ((await fetch(`${base()}/health`)).ok) return port;
        } catch {
          // starting
        }
        if (proc.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the Tandem node did not start:\n${proc.log.slice(-3000)}`);
    },
    async stop() {
      if (!proc || proc.exitCode !== null) return;
      let timer;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 15000); })]);
      clearTimeout(timer); // else it keeps node (and the test run) waiting for nothing
      if (proc.exitCode === null) {
        proc.kill('SIGKILL');
        await exited;
      }
    },
    async docText(id) {
      const res = await fetch(`${base()}/api/docs/${encodeURIComponent(id)}`, { headers });
      return (await res.json()).content;
    },
    /** The REST read of a document: { id, type, rev, content }. */
    async read(id) {
      return (await fetch(`${base()}/api/docs/${encodeURIComponent(id)}`)).json();
    },
    async committed(id) {
      const { rev } = await (await fetch(`${base()}/api/docs/${encodeURIComponent(id)}`)).json();
      const out = [];
      for (let from = 1; from <= rev; from += 1000) {
        const page = await (await fetch(`${base()}/api/docs/${encodeURIComponent(id)}/revisions?from=${from}&to=${Math.min(rev, from + 999)}`)).json();
        out.push(...page.revisions.map((r) => `${r.client}/${r.seq}`));
      }
      return out;
    },
    cleanup() { fs.rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** A port nobody listens on right now (on 127.0.0.1). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
