// The history of a rich-text document in real headless Chromium (playwright-core), two people in
// browser contexts of their own: Ana and Bo write a document together, with formatting (a bold
// word from the toolbar, an italic one); Ana names the version ("Sent to legal"); both write
// more, Ana naming her line ("Discount offered") before Bo adds his. Ana opens the history; on
// the slider, "Discount offered" marks her line as inserted since "Sent to legal" and nothing
// else; "Sent to legal" shows that version read-only, with its formatting and none of the later
// text; coloured by
// author, Ana's and Bo's parts carry their names; the version downloads as HTML and Markdown.
// She restores it, and everyone (both pages and the server's REST read) converges on the named
// delta; one undo in her window takes the restore back and the later text returns everywhere.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { ANA, BO, waitFor, newPerson, pickIdentity, connected, shoot, historySlider } from './scenario.mjs';
import { canonical, contents, place, plainText, selectText, toolbar } from './quill-driver.mjs';

const type = (page, s) => page.keyboard.type(s, { delay: 10 });

export async function richTextHistoryTogether({ backend, shots, executablePath, log = () => {} }) {
  fs.mkdirSync(shots, { recursive: true });
  const started = Date.now();
  const step = (s) => log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${s}`);
  let browser = null;
  let ana;
  let bo;
  const docId = `rich-history-${Date.now()}`;
  const server = async () => (await backend.docText(docId)).ops;
  /** Waits until Ana, Bo and the server hold one delta for which `check(ops)` holds; returns it. */
  const converged = async (what, check = () => true, timeoutMs = 10000) => {
    let last;
    await waitFor(what, async () => {
      const [a, b, s] = [await contents(ana.page), await contents(bo.page), await server()];
      last = { ana: a, bo: b, server: s };
      return canonical(a) === canonical(s) && canonical(b) === canonical(s) && check(s);
    }, timeoutMs).catch((e) => {
      e.message += `\n${JSON.stringify(last)}`;
      throw e;
    });
    return last.server;
  };
  const textOf = (ops) => ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  const bold = (ops, t) => ops.some((op) => op.insert === t && op.attributes && op.attributes.bold === true);
  try {
    const port = await backend.start();
    const origin = `http://127.0.0.1:${port}`;
    browser = await launchChromium({ executablePath });
    ana = await newPerson(browser, ANA);
    bo = await newPerson(browser, BO);
    await Promise.all([pickIdentity(ana, origin), pickIdentity(bo, origin)]);
    await ana.page.goto(`${origin}/d/${docId}?type=rich-text`);
    await connected(ana.page, 'Ana in the new rich-text document');
    await bo.page.goto(`${origin}/d/${docId}?type=rich-text`);
    await connected(bo.page, 'Bo in it');

    // Ana writes and bolds a word with the toolbar; Bo writes a line and makes a word italic.
    await place(ana.page, null);
    await type(ana.page, 'Contract draft\nPrice: 100.');
    assert.ok(await selectText(ana.page, 'Price'));
    await toolbar(ana.page, 'bold');
    await converged("Ana's draft with a bold word everywhere", (ops) => textOf(ops) === 'Contract draft\nPrice: 100.\n' && bold(ops, 'Price'));
    await place(bo.page, null);
    await type(bo.page, '\nTerms: 30 days.');
    assert.ok(await selectText(bo.page, 'Terms'));
    await toolbar(bo.page, 'italic');
    const named = await converged("Bo's italic terms everywhere", (ops) => textOf(ops) === 'Contract draft\nPrice: 100.\nTerms: 30 days.\n'
      && ops.some((op) => op.insert === 'Terms' && op.attributes && op.attributes.italic === true));
    step('two people wrote the draft, with formatting');

    // Ana names the current version.
    await ana.page.locator('#version-name').fill('Sent to legal');
    await ana.page.locator('#version-save').click();
    await waitFor('the named version in Ana\'s Versions panel', async () => (await ana.page.locator('#version-list').textContent()).includes('Sent to legal'));
    step('Ana named the version');

    // Both write more, formatting included.
    await place(ana.page, null);
    await type(ana.page, '\nAna: discount 10%.');
    assert.ok(await selectText(ana.page, 'discount'));
    await toolbar(ana.page, 'bold');
    await converged('Ana\'s later line', (ops) => bold(ops, 'discount'));
    await ana.page.locator('#version-name').fill('Discount offered');
    await ana.page.locator('#version-save').click();
    await waitFor('the second named version in Ana\'s Versions panel', async () => (await ana.page.locator('#version-list').textContent()).includes('Discount offered'));
    await place(bo.page, null);
    await type(bo.page, '\nBo: signed.');
    const later = await converged('Bo\'s later line', (ops) => textOf(ops).endsWith('Bo: signed.\n') && bold(ops, 'discount'));
    assert.notEqual(canonical(later), canonical(named));
    step('both wrote more');

    // The history: the slider moved to the named version shows it read-only, changes marked.
    await ana.page.locator('#history-open').click();
    const dialog = ana.page.locator('#history-dialog');
    await dialog.waitFor({ state: 'visible' });
    const namedPoint = ana.page.locator('.history-point[data-kind="named"]');
    await namedPoint.first().waitFor();
    assert.equal(await namedPoint.count(), 2);
    // The slider's points are in revision order; the named versions are not the newest.
    const { max: sliderMax, to: slideTo } = await historySlider(ana.page);
    const preview = ana.page.locator('#history-preview');
    // "Discount offered" against "Sent to legal": only Ana's new line is marked as inserted.
    const discountIndex = await slideTo('Discount offered');
    await waitFor('"Discount offered" with only Ana\'s line marked', async () => {
      const inserted = (await preview.locator('ins').allTextContents()).join('');
      return inserted === 'Ana: discount 10%.' && await preview.locator('del').count() === 0
        && (await preview.textContent()).includes('Contract draft') && !(await preview.textContent()).includes('signed');
    });
    const namedIndex = await slideTo('Sent to legal');
    assert.ok(namedIndex < discountIndex && discountIndex < sliderMax, `the named versions are points of the slider before the newest (${namedIndex}, ${discountIndex} of ${sliderMax})`);
    await waitFor('the named version in the preview, formatted, what changed marked', async () => {
      const shown = await preview.evaluate((el) => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('del').forEach((d) => d.remove());
        return [...copy.children].map((b) => b.textContent).join('\n');
      });
      return shown === 'Contract draft\nPrice: 100.\nTerms: 30 days.'
        && await preview.locator('ins.history-ins').count() > 0
        && await preview.locator('strong', { hasText: 'Price' }).count() === 1
        && await preview.locator('em', { hasText: 'Terms' }).count() === 1;
    });
    assert.equal(await preview.evaluate((el) => el.isContentEditable || el.querySelector('[contenteditable="true"], input, textarea') !== null), false,
      'the preview cannot be edited');
    assert.equal(await preview.textContent().then((t) => t.includes('discount')), false, 'the later text is not in the old version');
    await ana.page.locator('#history-authors-toggle').check();
    await waitFor('the text coloured by author', async () => {
      const runs = await preview.locator('.history-author').evaluateAll((spans) => spans.map((s) => [s.title, s.textContent, s.style.getPropertyValue('--author')]));
      const by = (who) => runs.filter(([title]) => title === who).map(([, t]) => t).join('');
      return by('Ana').includes('Contract draft') && by('Ana').includes('Price') && by('Bo').includes('Terms: 30 days.')
        && runs.every(([, , color]) => color.startsWith('#'));
    });
    // Downloads: HTML and Markdown from the server, the version's content.
    const link = async (format) => ana.page.locator(`.history-downloads a[data-format="${format}"]`).getAttribute('href');
    const html = await fetch(new URL(await link('html'), origin));
    assert.match(html.headers.get('content-disposition'), /attachment; filename=".*\.html"/);
    const htmlText = await html.text();
    assert.ok(htmlText.includes('<strong>Price</strong>') && htmlText.includes('<em>Terms</em>') && !htmlText.includes('discount'), htmlText);
    const md = await fetch(new URL(await link('markdown'), origin));
    assert.match(md.headers.get('content-disposition'), /attachment; filename=".*\.md"/);
    const mdText = await md.text();
    assert.ok(mdText.includes('**Price**') && !mdText.includes('discount'), mdText);
    await ana.page.locator('#history-authors-toggle').uncheck();
    await shoot(browser, shots, 'rich-text-history', [ana, bo]);
    step('the history previews, colours and downloads the named version');

    // Restore: one new revision, the named delta for everyone.
    const before = (await backend.read(docId)).rev;
    await waitFor('restore enabled', () => ana.page.locator('#history-restore').isEnabled());
    await ana.page.locator('#history-restore').click();
    await dialog.waitFor({ state: 'hidden' });
    await converged('everyone on the restored version', (ops) => canonical(ops) === canonical(named));
    const after = await backend.read(docId);
    assert.equal(after.rev, before + 1, 'the restore is one new revision');
    assert.equal(canonical((await (await fetch(`${origin}/api/docs/${docId}/at/${before}`)).json()).content.ops), canonical(later), 'history is not rewritten');
    step('restored for everyone');

    // One undo in Ana's window takes the restore back.
    await place(ana.page, null);
    await ana.page.keyboard.press('Control+z');
    await converged('undo of the restore: the later text back everywhere', (ops) => canonical(ops) === canonical(later));
    assert.ok((await plainText(bo.page)).includes('Bo: signed.'));
    step('undo brought the later text back');
    assert.deepEqual([...ana.page.errors, ...bo.page.errors], [], 'no errors in the pages');
    return { final: later, docId };
  } catch (e) {
    if (ana) await ana.page.screenshot({ path: path.join(shots, 'failure-rich-history-ana.png') }).catch(() => {});
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await backend.stop().catch(() => {});
    if (backend.cleanup) backend.cleanup();
  }
}
