// The rich-text browser scenario (rich-text.e2e.test.mjs in the build, smoke.mjs --rich-text by
// hand), in real headless Chromium driven by playwright-core. Two people, Ana and Bo, each in a
// browser context of their own:
//
//  1. Ana chooses "Rich text" on the home page and starts a document: a heading and three lines;
//     Bo opens its plain link (/d/<id>, no type): his page learns the type from the server;
//  2. Ana bolds a word while Bo types inside it (each makes the change before seeing the
//     other's: both pages hold the server's messages back meanwhile), and everyone ends with the
//     word bold around Bo's plain letters;
//  3. Ana turns a line into a bulleted list while Bo types at its end: a list item with his
//     words; each sees the other's caret with name and colour, "… is typing", a selection;
//  4. Bo undoes his own typing (not Ana's list) and redoes it;
//  5. Bo goes offline, types a line with a bold word, reloads while still offline (the page from
//     the service worker, the document from IndexedDB), types more; Ana types meanwhile; Bo
//     comes back and everything merges.
//
// After each step both pages, the server (REST /api/docs/<id>) and each other hold the same
// delta. Screenshots go to `shots`, among them `two-people.png`, the two windows side by side.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { ANA, BO, connected, controlledByServiceWorker, newPerson, people, pickIdentity, shoot, status, typingLine, waitFor } from './scenario.mjs';
import { canonical, contents, heading, ownCaret, place, plainText, remoteCaret, select, selectText, selectionShown, toolbar } from './quill-driver.mjs';

const type = (page, s) => page.keyboard.type(s, { delay: 15 });
/** Holds back (or lets through) the server's messages in a page: changes made meanwhile are concurrent. */
const hold = (page) => page.evaluate(() => window.tandem.doc.pauseRemote());
const release = (page) => page.evaluate(() => window.tandem.doc.resumeRemote());

/**
 * Runs the scenario against `backend` (see backends.mjs); returns { final, docId } with the final
 * document (ops). Throws on any failure; stops the browser and the backend in any case.
 */
export async function richTextTogether({ backend, shots, executablePath, log = () => {} }) {
  fs.mkdirSync(shots, { recursive: true });
  for (const f of fs.readdirSync(shots)) if (f.startsWith('failure')) fs.rmSync(path.join(shots, f));
  const started = Date.now();
  const step = (s) => log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${s}`);
  let browser = null;
  let ana;
  let bo;
  let docId = null;
  const server = async () => (await backend.docText(docId)).ops;
  /** Waits until Ana, Bo and the server hold one delta, for which `check(ops)` holds; returns it. */
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
  /** True if every one of `parts` is an op of `ops` (attributes in any order). */
  const has = (ops, ...parts) => parts.every((p) => ops.some((op) => op.insert === p.insert && canonical([op]) === canonical([p])));
  try {
    const port = await backend.start();
    const origin = `http://127.0.0.1:${port}`;
    browser = await launchChromium({ executablePath });
    ana = await newPerson(browser, ANA);
    bo = await newPerson(browser, BO);
    await Promise.all([pickIdentity(ana, origin), pickIdentity(bo, origin)]);

    // 1. Ana starts a rich-text document from the home page and writes it; Bo opens the bare link.
    await ana.page.goto(`${origin}/`);
    await ana.page.getByRole('radio', { name: /Rich text/ }).check();
    await ana.page.locator('#new-doc').click();
    await ana.page.waitForURL(/\/d\/[^?]+\?type=rich-text$/);
    docId = decodeURIComponent(new URL(ana.page.url()).pathname.slice(3));
    await connected(ana.page, 'Ana in the new document');
    await place(ana.page, null);
    await type(ana.page, 'Weekend plans');
    await heading(ana.page, 1);
    await place(ana.page, null);
    await type(ana.page, '\nThe quick brown fox packs the car.\nBuy milk\nSee you Friday');
    await bo.page.goto(`${origin}/d/${docId}`);
    await connected(bo.page, 'Bo in the document');
    assert.equal(await bo.page.evaluate(() => window.tandem.doc.type.name), 'rich-text', 'the type came from the server');
    assert.equal(await bo.page.locator('#invite-link').inputValue(), `${origin}/d/${docId}?type=rich-text`, 'the invite link names the type');
    await converged('Bo to see Ana\'s document', (ops) => has(ops, { insert: '\n', attributes: { header: 1 } })
      && ops.map((op) => op.insert).join('') === 'Weekend plans\nThe quick brown fox packs the car.\nBuy milk\nSee you Friday\n');
    assert.equal(await bo.page.locator('.ql-editor h1').textContent(), 'Weekend plans');
    step(`both in rich-text document ${docId}`);

    // 2. Ana bolds "quick" while Bo types inside it: neither sees the other's change first.
    await Promise.all([hold(ana.page), hold(bo.page)]);
    await selectText(ana.page, 'quick');
    await toolbar(ana.page, 'bold');
    await select(bo.page, 'The qu');
    await type(bo.page, 'XYZ');
    await Promise.all([release(ana.page), release(bo.page)]);
    const afterBold = await converged('the bold word and Bo\'s letters everywhere', (ops) => has(ops,
      { insert: 'qu', attributes: { bold: true } }, { insert: 'XYZ' }, { insert: 'ick', attributes: { bold: true } }));
    assert.ok(afterBold.some((op) => op.insert === 'XYZ' && !op.attributes), 'Bo\'s letters are not bold: he typed them before the bold reached him');
    step('bold while typing inside the word: converged');

    // 3. Ana turns "Buy milk" into a bulleted list while Bo types at its end.
    await Promise.all([hold(ana.page), hold(bo.page)]);
    await select(ana.page, 'Buy');
    await toolbar(ana.page, 'list', 'bullet');
    await bo.page.evaluate(() => window.tandem.binding.quill.history.cutoff()); // a new undo step, as after a pause
    await select(bo.page, 'Buy milk');
    await type(bo.page, ' and bread');
    await Promise.all([release(ana.page), release(bo.page)]);
    await converged('the list item with Bo\'s words everywhere', (ops) => {
      const text = ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
      return text.includes('\nBuy milk and bread\n') && has(ops, { insert: '\n', attributes: { list: 'bullet' } });
    });
    for (const p of [ana.page, bo.page]) {
      assert.equal(await p.locator('.ql-editor li[data-list="bullet"]').textContent(), 'Buy milk and bread');
    }
    // Both see that the other is typing, and the other's caret with name and colour, where it is.
    await bo.page.evaluate(() => window.tandem.binding.quill.history.cutoff());
    await Promise.all([place(ana.page, 'See you Friday'), select(bo.page, 'and bread')]);
    await Promise.all([type(ana.page, ', 9 am'), type(bo.page, ' and eggs')]);
    await waitFor('"Bo is typing…" in Ana\'s window', async () => (await typingLine(ana.page)) === 'Bo is typing…', 2500);
    await waitFor('"Ana is typing…" in Bo\'s window', async () => (await typingLine(bo.page)) === 'Ana is typing…', 2500);
    assert.deepEqual(await people(ana.page), ['Ana (you): online', 'Bo: typing…']);
    for (const [viewer, peer] of [[ana, bo], [bo, ana]]) {
      let seen;
      let own;
      await waitFor(`${peer.name}'s caret, named, in ${viewer.name}'s window, where ${peer.name}'s caret is`, async () => {
        [seen, own] = [await remoteCaret(viewer.page, peer.name), await ownCaret(peer.page)];
        return seen && seen.labelled && seen.placed && seen.color === peer.color && seen.index === own;
      }, 3000).catch((e) => {
        e.message += `; saw ${JSON.stringify(seen)} where ${peer.name}'s caret is at ${own}`;
        throw e;
      });
    }
    await shoot(browser, shots, 'two-people', [ana, bo]);
    await converged('both lines everywhere', (ops) => {
      const text = ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
      return text.includes('Buy milk and bread and eggs\n') && text.includes('See you Friday, 9 am\n');
    });
    await selectText(bo.page, 'packs the car');
    await waitFor("Bo's selection in Ana's window, in his colour", () => selectionShown(ana.page, 'rgba(57, 73, 171'));
    step('list while editing: converged; carets, names, typing and a selection shown');

    // 4. Bo undoes his own last typing, not Ana's list or her words typed since; then redoes it.
    // (Quill groups typing into one undo step unless a second passes between keys, which a busy
    // machine can make happen: so Bo presses Ctrl+Z until his words are gone, at most 4 times.)
    const beforeUndo = await server();
    const textOf = (ops) => ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    await bo.page.locator('.ql-editor').focus();
    let undos = 0;
    while (!textOf(await contents(bo.page)).includes('\nBuy milk and bread\n')) {
      assert.ok(undos < 4, `four undos did not take back ' and eggs': ${textOf(await contents(bo.page))}`);
      await bo.page.keyboard.press('Control+z');
      undos += 1;
      await waitFor('the undo to be applied', async () => (await bo.page.evaluate(() => window.tandem.binding.canRedo())));
    }
    await converged("undo to take back Bo's ' and eggs' only (Ana's list and words stay)", (ops) => {
      const text = textOf(ops);
      return text.includes('\nBuy milk and bread\n') && text.includes('See you Friday, 9 am') && has(ops, { insert: '\n', attributes: { list: 'bullet' } });
    });
    for (let i = 0; i < undos; i++) await bo.page.keyboard.press('Control+Shift+z');
    await converged('redo to bring it back', (ops) => canonical(ops) === canonical(beforeUndo));
    step('undo and redo of own changes only');

    // 5. Bo goes offline, types (a bold word too), reloads offline, types more; Ana types meanwhile.
    await controlledByServiceWorker(bo.page, 'Bo');
    await bo.context.setOffline(true);
    await waitFor('Bo sees he is offline', async () => (await status(bo.page)) === 'Offline', 5000);
    await place(bo.page, 'See you Friday, 9 am');
    await type(bo.page, '\nPack ');
    await bo.page.keyboard.press('Control+b');
    await type(bo.page, 'sunscreen');
    await place(ana.page, 'Weekend plans');
    await type(ana.page, ' in Lisbon');
    await waitFor('Ana\'s edit on the server', async () => (await server()).some((op) => typeof op.insert === 'string' && op.insert.includes('Weekend plans in Lisbon')));
    assert.ok(!(await plainText(bo.page)).includes('in Lisbon'), 'Ana\'s edit cannot reach Bo while he is offline');
    await waitFor('Bo\'s unsent edits shown', async () => /unsent edit/.test(await bo.page.locator('#status-detail').textContent()));
    await bo.page.evaluate(() => window.tandem.doc.saved());
    const reloaded = await bo.page.reload();
    assert.ok(reloaded && reloaded.fromServiceWorker(), 'the page came from the service worker');
    await waitFor('Bo\'s offline text back after the reload, bold kept', async () => {
      const ops = await bo.page.evaluate(() => (window.tandem && window.tandem.binding ? window.tandem.binding.quill.getContents().ops : []));
      return has(ops, { insert: 'sunscreen', attributes: { bold: true } }) && ops.map((op) => op.insert).join('').includes('\nPack sunscreen\n');
    });
    assert.match(await status(bo.page), /^(Offline|Reconnecting)/, 'Bo is still offline after the reload');
    await shoot(browser, shots, 'offline-reload', [ana, bo]);
    await place(bo.page, 'sunscreen');
    await bo.page.keyboard.press('Control+b'); // back to plain text
    await type(bo.page, ' and hats');
    await bo.context.setOffline(false);
    const final = await converged('everything merged after Bo is back online', (ops) => {
      const text = ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
      return text.startsWith('Weekend plans in Lisbon\n') && text.includes('\nPack sunscreen and hats\n')
        && has(ops, { insert: 'sunscreen', attributes: { bold: true } }, { insert: '\n', attributes: { header: 1 } });
    }, 20000);
    await connected(bo.page, 'Bo back online');
    step('offline, reloaded offline, merged');

    const commits = await backend.committed(docId);
    assert.equal(new Set(commits).size, commits.length, 'no edit committed twice');
    assert.deepEqual([...ana.page.errors, ...bo.page.errors], [], 'no uncaught errors in the pages');
    return { final, docId };
  } catch (e) {
    if (docId && ana && bo) await shoot(browser, shots, 'failure', [ana, bo]).catch(() => {});
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await backend.stop().catch(() => {});
    if (backend.cleanup) backend.cleanup();
  }
}
