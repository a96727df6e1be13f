// The history in real headless Chromium (playwright-core), two people in browser contexts of
// their own: Ana and Bo write a document together; Ana names the version ("Sent to legal"); both
// write more; Ana opens the history: the named version is listed first, the sessions say who
// wrote, the preview marks what changed and colours text by author, the version downloads as
// .txt; she restores it, and everyone (and the server) converges on the restored text; undo in
// her window takes the restore back and the later text returns for everyone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { codemirror } from './editors.mjs';
import { ANA, BO, waitFor, newPerson, pickIdentity, connected, shoot } from './scenario.mjs';

export async function historyTogether({ backend, shots, executablePath, editor = codemirror, log = () => {} }) {
  const text = (page) => editor.text(page);
  const typeAtEnd = async (page, s) => {
    assert.ok(await editor.place(page, null));
    await page.keyboard.type(s, { delay: 10 });
  };
  fs.mkdirSync(shots, { recursive: true });
  const started = Date.now();
  const step = (s) => log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${s}`);
  let browser = null;
  let ana;
  let bo;
  const docId = `history-${Date.now()}`;
  const converged = (what, expected, timeoutMs = 10000) => waitFor(what, async () => {
    const [a, b, s] = [await text(ana.page), await text(bo.page), await backend.docText(docId)];
    return a === expected && b === expected && s === expected;
  }, timeoutMs);
  try {
    const port = await backend.start();
    const origin = `http://127.0.0.1:${port}`;
    browser = await launchChromium({ executablePath });
    ana = await newPerson(browser, ANA);
    bo = await newPerson(browser, BO);
    await Promise.all([pickIdentity(ana, origin), pickIdentity(bo, origin)]);
    await Promise.all([ana, bo].map((p) => p.page.goto(`${origin}/d/${docId}${editor.query}`)));
    await Promise.all([connected(ana.page, 'Ana'), connected(bo.page, 'Bo')]);

    await typeAtEnd(ana.page, 'Contract draft.\nPrice: 100.\n');
    await converged("Ana's draft everywhere", 'Contract draft.\nPrice: 100.\n');
    await typeAtEnd(bo.page, 'Terms: 30 days.\n');
    const named = 'Contract draft.\nPrice: 100.\nTerms: 30 days.\n';
    await converged("Bo's terms everywhere", named);
    step('two people wrote the draft');

    // Ana names the current version.
    await ana.page.locator('#version-name').fill('Sent to legal');
    await ana.page.locator('#version-save').click();
    await waitFor('the named version in Ana\'s Versions panel', async () => (await ana.page.locator('#version-list').textContent()).includes('Sent to legal'));
    step('Ana named the version');

    // Both write more.
    await typeAtEnd(ana.page, 'Ana: discount 10%.\n');
    await converged('Ana\'s later line', `${named}Ana: discount 10%.\n`);
    await typeAtEnd(bo.page, 'Bo: signed.\n');
    const later = `${named}Ana: discount 10%.\nBo: signed.\n`;
    await converged('Bo\'s later line', later);
    step('both wrote more');

    // The history: named versions first, sessions with who wrote, the version previewed.
    await ana.page.locator('#history-open').click();
    const dialog = ana.page.locator('#history-dialog');
    await dialog.waitFor({ state: 'visible' });
    const namedPoint = ana.page.locator('.history-point[data-kind="named"]');
    await namedPoint.first().waitFor();
    assert.equal(await namedPoint.count(), 1);
    assert.match(await namedPoint.first().textContent(), /Sent to legal/);
    const firstList = await ana.page.locator('.history-timeline h3').first().textContent();
    assert.equal(firstList, 'Named versions', 'named versions are listed first');
    const sessionText = await ana.page.locator('.history-point[data-kind="session"]').first().textContent();
    assert.ok(sessionText.includes('Ana') && sessionText.includes('Bo'), `who wrote: ${sessionText}`);
    await namedPoint.first().click();
    await waitFor('the named version in the preview, what changed marked', async () => {
      const shown = await ana.page.locator('#history-preview').evaluate((el) => [...el.childNodes]
        .filter((n) => !(n.nodeType === 1 && n.tagName === 'DEL')).map((n) => n.textContent).join(''));
      return shown === named && await ana.page.locator('#history-preview ins').count() > 0;
    });
    await ana.page.locator('#history-authors-toggle').check();
    await waitFor('the text coloured by author', async () => {
      const titles = await ana.page.locator('#history-preview .history-author').evaluateAll((spans) => spans.map((s) => `${s.title}:${s.textContent}`));
      return titles.includes('Ana:Contract draft.\nPrice: 100.\n') && titles.includes('Bo:Terms: 30 days.\n');
    });
    const download = await ana.page.locator('.history-downloads a').first().getAttribute('href');
    const file = await fetch(new URL(download, origin));
    assert.equal(await file.text(), named, 'the version downloads as text');
    assert.match(file.headers.get('content-disposition'), /attachment; filename=".*\.txt"/);
    await shoot(browser, shots, 'history', [ana, bo]);
    step('the history lists, previews, colours and downloads the named version');

    // Restore: one new revision, seen by everyone.
    const before = (await (await fetch(`${origin}/api/docs/${docId}`)).json()).rev;
    await ana.page.locator('#history-restore').click();
    await dialog.waitFor({ state: 'hidden' });
    await converged('everyone on the restored version', named);
    const after = await (await fetch(`${origin}/api/docs/${docId}`)).json();
    assert.equal(after.rev, before + 1, 'the restore is one new revision');
    assert.equal((await (await fetch(`${origin}/api/docs/${docId}/at/${before}`)).json()).content, later, 'history is not rewritten');
    step('restored for everyone');

    // Undo in Ana's window takes the restore back.
    await editor.focus(ana.page);
    await ana.page.keyboard.press('Control+z');
    await converged('undo of the restore: the later text back everywhere', later);
    step('undo brought the later text back');
    assert.deepEqual([...ana.page.errors, ...bo.page.errors], [], 'no errors in the pages');
    return { final: later, docId };
  } catch (e) {
    if (ana) await ana.page.screenshot({ path: path.join(shots, 'failure-history-ana.png') }).catch(() => {});
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await backend.stop().catch(() => {});
    if (backend.cleanup) backend.cleanup();
  }
}
