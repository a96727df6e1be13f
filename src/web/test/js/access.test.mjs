// The browser app on a node that requires access tokens (a real node, headless Chromium): the
// page takes its token from the link's fragment and drops it from the address bar, an editor's
// typing reaches the server, a viewer reads along in a read-only editor, and a visitor without a
// token is told what is missing. Runs where the e2e test runs (see e2e.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serverTarget } from './support/paths.mjs';
import { javaBackend } from './browser/backends.mjs';
import { launchChromium, missingForBrowserTests } from './browser/chromium.mjs';

const SECRET = 'browser-access-secret-0123456789-abcdef';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An HS256 JWT, as the application embedding Tandem would mint it. */
function mint(claims) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${unsigned}.${crypto.createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
}

async function waitFor(what, fn, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

const off = process.env.TANDEM_BROWSER_TESTS === 'off';

test('tokens in the browser app: an editor types, a viewer reads along read-only, no token is explained (real node)',
  { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 120000 }, async () => {
    const missing = await missingForBrowserTests();
    if (missing) assert.fail(missing);
    const packaged = fs.existsSync(serverTarget) && fs.readdirSync(serverTarget).some((f) => /^tandem-server-.*\.jar$/.test(f))
      && fs.existsSync(path.join(serverTarget, 'lib'));
    if (!packaged) assert.fail('the server is not packaged in src/server/target/: run scripts/test, or mvn -B -DskipTests package first');
    const doc = `acl-${Date.now()}`;
    const backend = javaBackend({ args: ['--jwt-secret', SECRET],
      headers: { authorization: `Bearer ${mint({ sub: 'reader', docs: { [doc]: 'viewer' } })}` } });
    const port = await backend.start();
    const origin = `http://127.0.0.1:${port}`;
    const browser = await launchChromium();
    try {
      const person = async (token, id = doc) => {
        const context = await browser.newContext();
        await context.addInitScript(() => localStorage.setItem('tandem.identity', JSON.stringify({ name: 'Chosen Name', color: '#3949ab' })));
        const page = await context.newPage();
        page.errors = [];
        page.on('pageerror', (e) => page.errors.push(e.message));
        await page.goto(`${origin}/d/${id}?editor=textarea${token ? `#token=${token}` : ''}`);
        return page;
      };
      const ana = await person(mint({ sub: 'ana', name: 'Ana from the token', docs: { [doc]: 'editor' } }));
      await waitFor('ana\'s document to open', () => ana.evaluate(() => window.tandem && window.tandem.doc.phase === 'open'));
      assert.equal(await ana.evaluate(() => location.hash), '', 'the token left the address bar');
      assert.match(await ana.locator('#access-mode').textContent(), /link alone is not enough/);
      await ana.locator('#editor').click();
      await ana.keyboard.type('Hello from Ana');
      await waitFor('the server to have ana\'s text', async () => (await backend.docText(doc)) === 'Hello from Ana');

      const vic = await person(mint({ sub: 'vic', name: 'Vic', docs: { [doc]: 'viewer' } }));
      await waitFor('vic to read ana\'s text', async () => (await vic.locator('#editor').inputValue()) === 'Hello from Ana');
      assert.equal(await vic.locator('#editor').evaluate((t) => t.readOnly), true, 'a viewer\'s editor is read-only');
      await waitFor('ana to see vic by the token\'s name', async () => (await ana.locator('#people').textContent()).includes('Vic'));
      await ana.keyboard.type('!');
      await waitFor('vic to receive ana\'s edit', async () => (await vic.locator('#editor').inputValue()) === 'Hello from Ana!');

      const nobody = await person(null);
      await waitFor('the notice that a token is needed',
        async () => (await nobody.locator('#notice').textContent()).includes('needs an access token'));
      // A viewer's link to a document that does not exist: refused (a viewer may not create it),
      // and the status says so instead of "Connecting…" for good.
      const lost = await person(mint({ sub: 'vic', name: 'Vic', docs: { [`${doc}-missing`]: 'viewer' } }), `${doc}-missing`);
      await waitFor('the notice that the server refused the document',
        async () => (await lost.locator('#notice').textContent()).includes('may not create it'));
      await waitFor('the status to say it is not opened', async () => (await lost.locator('#status-label').textContent()) === 'Not opened');
      assert.deepEqual([...ana.errors, ...vic.errors, ...nobody.errors, ...lost.errors], [], 'no script errors');
      assert.equal(await backend.docText(doc), 'Hello from Ana!', 'only the editor wrote');
    } finally {
      await browser.close();
      await backend.stop();
    }
  });
