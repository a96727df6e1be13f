// The textarea binding with a long document in Chromium against a real node: edits of others
// arrive through the browser's editing commands (not by replacing the value), and the person
// typing further down sees neither their lines nor their caret move on the screen; the caret
// mirror keeps the same text as the textarea, block by block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serverTarget } from './support/paths.mjs';
import { javaBackend } from './browser/backends.mjs';
import { launchChromium, missingForBrowserTests } from './browser/chromium.mjs';
import { waitFor } from './browser/scenario.mjs';

const off = process.env.TANDEM_BROWSER_TESTS === 'off';

test('textarea: others\' edits far above keep the person\'s lines and caret where they are on the screen (real node)',
  { skip: off && 'TANDEM_BROWSER_TESTS=off', timeout: 120000 }, async () => {
    const missing = await missingForBrowserTests();
    if (missing) assert.fail(missing);
    if (!fs.existsSync(serverTarget) || !fs.readdirSync(serverTarget).some((f) => /^tandem-server-.*\.jar$/.test(f))
      || !fs.existsSync(path.join(serverTarget, 'lib'))) {
      assert.fail('the server is not packaged in src/server/target/: run scripts/test, or mvn -B -DskipTests package first');
    }
    const backend = javaBackend();
    const port = await backend.start();
    const origin = `http://127.0.0.1:${port}`;
    const browser = await launchChromium();
    try {
      const id = `long-${Date.now()}`;
      const lines = Array.from({ length: 3000 }, (_, i) => `Line ${i}: the quick brown fox jumps over the lazy dog.`);
      const text = `${lines.join('\n')}\n`;
      const created = await fetch(`${origin}/api/docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, content: text }) });
      assert.equal(created.status, 201);
      const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
      await context.addInitScript(() => localStorage.setItem('tandem.identity', JSON.stringify({ name: 'Reader', color: '#3949ab' })));
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}/d/${id}?editor=textarea`);
      await waitFor('the long document to open', () => page.evaluate((n) => window.tandem && window.tandem.doc.canEdit
        && document.querySelector('#editor').value.length === n, text.length));

      // The person puts the caret in line 2500 and types there, so the page scrolls to it.
      const at = text.indexOf('Line 2500:') + 'Line 2500:'.length;
      await page.evaluate((i) => { const t = document.querySelector('#editor'); t.focus(); t.setSelectionRange(i, i); }, at);
      await page.keyboard.type(' (read)');
      const mine = at + ' (read)'.length;
      await waitFor('the typing to reach the server', async () => (await backend.docText(id)).includes('Line 2500: (read)'));
      await waitFor('the page to scroll to the caret', () => page.evaluate(() => document.scrollingElement.scrollTop > 10000));
      // Where the caret shows on the screen: the person's own (invisible) mark in the mirror.
      const caretTop = () => document.querySelector('#mirror .lmark').getBoundingClientRect().top;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const before = await page.evaluate((f) => ({ top: new Function(`return (${f})()`)(), caret: document.querySelector('#editor').selectionStart }), caretTop.toString());
      assert.equal(before.caret, mine);

      // Someone else writes into line 3 and deletes part of line 10, through the REST API.
      const { rev, content } = await (await fetch(`${origin}/api/docs/${id}`)).json();
      const line3 = content.indexOf('Line 3:');
      const line10 = content.indexOf('Line 10:');
      const inserted = 'A remark from someone else. ';
      const op = [line3, inserted, line10 - line3, -5, content.length - line10 - 5];
      const res = await fetch(`${origin}/api/docs/${id}/ops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ base: rev, op, client: 'bot-remark-1', seq: 1 }) });
      assert.equal(res.status, 200, await res.text());
      const expected = content.slice(0, line3) + inserted + content.slice(line3, line10) + content.slice(line10 + 5);
      await waitFor('the textarea to show the other person\'s edit', () => page.evaluate((e) => document.querySelector('#editor').value === e, expected));
      // One more frame for the mirror.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const after = await page.evaluate((f) => {
        const t = document.querySelector('#editor');
        const top = new Function(`return (${f})()`)();
        let shown = '';
        const walk = (n) => { for (const c of n.childNodes) { if (c.nodeType === 3) shown += c.data; else if (!c.classList.contains('rcaret')) walk(c); } };
        walk(document.querySelector('#mirror'));
        return { top, caret: t.selectionStart, caretEnd: t.selectionEnd, focused: document.activeElement === t,
          mirror: shown.replace(/\u200b$/, ''), value: t.value };
      }, caretTop.toString());
      assert.ok(Math.abs(after.top - before.top) <= 2, `the caret's line stayed where it was on the screen: ${before.top} then ${after.top}`);
      assert.equal(after.caret, mine + inserted.length - 5, 'the caret moved with the text before it');
      assert.equal(after.caretEnd, after.caret);
      assert.ok(after.focused, 'the textarea kept the focus');
      assert.equal(after.mirror, after.value, 'the caret mirror holds the textarea\'s text');
      // The page's own edit is not mistaken for the person's: undo takes back only their typing.
      await page.keyboard.press('Control+z');
      await waitFor('undo to take back the person\'s typing only', async () => {
        const server = await backend.docText(id);
        return !server.includes('(read)') && server.includes(inserted);
      });
      assert.deepEqual(errors, [], 'no script errors');
    } finally {
      await browser.close();
      await backend.stop();
      backend.cleanup();
    }
  });
