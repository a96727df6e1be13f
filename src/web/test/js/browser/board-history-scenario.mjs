// The history of a board in real headless Chromium (playwright-core) against a real node, two
// people in browser contexts of their own: Ana starts a board from the home page and draws a
// rectangle, Bo draws an ellipse and moves Ana's rectangle; Ana names the version ("First
// layout"); Ana draws another rectangle, Bo moves his ellipse, Ana names that ("Reviewed"), Bo
// moves her new rectangle. Ana opens the history from the board's side panel; on the slider,
// "Reviewed" outlines the new rectangle as new and the ellipse as changed since "First layout",
// and leaves the first rectangle alone; "First layout" draws that board read-only (in an svg of
// its own, not the stage) without the later shapes, no colours by author (the panel says why),
// and the board's JSON as a file. She restores
// it: both boards and the server's REST read converge on the named board in one new revision;
// one undo in her window takes the restore back and the later board returns everywhere.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { ANA, BO, waitFor, newPerson, pickIdentity, connected, shoot, historySlider } from './scenario.mjs';

/** The board as `page` shows it, in the snapshot form. */
const boardOf = (page) => page.evaluate(() => window.tandem.board.view.toJSON());
const selectedId = (page) => page.evaluate(() => [...window.tandem.page.selected][0]);
/** Where object `id` is drawn on the stage, in page pixels. */
const box = (page, id) => page.evaluate((i) => {
  const r = document.querySelector(`#board-stage .board-objects [data-id="${i}"]`).getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}, id);

async function stageOrigin(page) {
  const b = await page.locator('#board-stage').boundingBox();
  return { x: b.x, y: b.y };
}

async function drag(page, a, b, steps = 6) {
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps });
  await page.mouse.up();
}

/** Draws with tool `key` from stage point a to b; returns the new object's id. */
async function draw(page, key, a, b) {
  await page.locator('#board-stage').focus();
  const o = await stageOrigin(page);
  await page.keyboard.press(key);
  await drag(page, { x: o.x + a[0], y: o.y + a[1] }, { x: o.x + b[0], y: o.y + b[1] });
  return selectedId(page);
}

/** Moves object `id` by (dx, dy) page pixels, dragging it by its middle with the select tool. */
async function move(page, id, dx, dy) {
  await page.locator('#board-stage').focus();
  await page.keyboard.press('Escape');
  const b = await box(page, id);
  const c = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  await drag(page, c, { x: c.x + dx, y: c.y + dy });
}

export async function boardHistoryTogether({ backend, shots, executablePath, log = () => {} }) {
  fs.mkdirSync(shots, { recursive: true });
  const started = Date.now();
  const step = (s) => log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${s}`);
  let browser = null;
  let ana;
  let bo;
  let boardId;
  /** Waits until Ana's board, Bo's board and the server's REST read are one board; returns it. */
  const agree = async (what, check = () => true, timeoutMs = 10000) => {
    let last;
    await waitFor(what, async () => {
      const [a, b, s] = [await boardOf(ana.page), await boardOf(bo.page), (await backend.read(boardId)).content];
      last = { a, b, s };
      return JSON.stringify(a) === JSON.stringify(s) && JSON.stringify(b) === JSON.stringify(s) && check(s);
    }, timeoutMs).catch((e) => {
      e.message += `\n  Ana: ${JSON.stringify(last && last.a)}\n  Bo: ${JSON.stringify(last && last.b)}\n  server: ${JSON.stringify(last && last.s)}`;
      throw e;
    });
    return last.s;
  };
  const find = (board, id) => board.objects.find((o) => o.id === id);
  try {
    const port = await backend.start();
    const origin = `http://127.0.0.1:${port}`;
    browser = await launchChromium({ executablePath });
    ana = await newPerson(browser, ANA);
    bo = await newPerson(browser, BO);
    await Promise.all([pickIdentity(ana, origin), pickIdentity(bo, origin)]);
    await ana.page.getByRole('radio', { name: /Board/ }).check();
    await ana.page.locator('#new-doc').click();
    await ana.page.waitForURL(/\/d\//);
    boardId = decodeURIComponent(new URL(ana.page.url()).pathname.slice(3));
    // Bo's page learns the type from the server: the board must be there first.
    await connected(ana.page, 'Ana on the board');
    await waitFor('the board on the server', async () => (await backend.read(boardId).catch(() => ({}))).type === 'canvas');
    await bo.page.goto(`${origin}/d/${encodeURIComponent(boardId)}`);
    await connected(bo.page, 'Bo on the board');
    step(`both on board ${boardId}`);

    // Ana draws a rectangle; Bo draws an ellipse and moves her rectangle.
    const rect = await draw(ana.page, 'r', [140, 120], [260, 200]);
    await agree('Ana\'s rectangle everywhere', (s) => Boolean(find(s, rect)));
    const ellipse = await draw(bo.page, 'o', [320, 120], [420, 200]);
    await agree('Bo\'s ellipse everywhere', (s) => Boolean(find(s, ellipse)));
    const drawn = find((await backend.read(boardId)).content, rect).props;
    await move(bo.page, rect, 0, 120);
    const named = await agree('the rectangle where Bo moved it', (s) => find(s, rect).props.y > drawn.y + 100 && find(s, rect).props.x === drawn.x);
    assert.equal(named.objects.length, 2);
    step('two people drew and moved shapes');

    // Ana names the current version.
    await ana.page.locator('#version-name').fill('First layout');
    await ana.page.locator('#version-save').click();
    await waitFor('the named version in Ana\'s Versions panel', async () => (await ana.page.locator('#version-list').textContent()).includes('First layout'));
    step('Ana named the version');

    // More: Ana draws another rectangle, Bo moves his ellipse.
    const rect2 = await draw(ana.page, 'r', [480, 300], [600, 380]);
    await agree('Ana\'s second rectangle', (s) => Boolean(find(s, rect2)));
    const ellipseY = find(named, ellipse).props.y;
    await move(bo.page, ellipse, 0, 150);
    await agree('the ellipse moved down', (s) => find(s, ellipse).props.y > ellipseY + 100 && Boolean(find(s, rect2)));
    await ana.page.locator('#version-name').fill('Reviewed');
    await ana.page.locator('#version-save').click();
    await waitFor('the second named version in Ana\'s Versions panel', async () => (await ana.page.locator('#version-list').textContent()).includes('Reviewed'));
    const rect2Y = find((await backend.read(boardId)).content, rect2).props.y;
    await move(bo.page, rect2, 0, 60);
    const later = await agree('Ana\'s second rectangle moved down', (s) => find(s, rect2).props.y > rect2Y + 30);
    step('both changed the board more; a second version named in between');

    // The history: the slider moved to the named version draws that board, read-only, outlined.
    await ana.page.locator('#history-open').click();
    const dialog = ana.page.locator('#history-dialog');
    await dialog.waitFor({ state: 'visible' });
    await ana.page.locator('.history-point[data-kind="named"]').first().waitFor();
    assert.equal(await ana.page.locator('.history-point[data-kind="named"]').count(), 2);
    const sessionText = await ana.page.locator('.history-point[data-kind="session"]').first().textContent();
    assert.ok(sessionText.includes('Ana') && sessionText.includes('Bo'), `who changed the board: ${sessionText}`);
    assert.ok(!/null|undefined/.test(await ana.page.locator('.history-timeline').textContent()), 'the timeline shows no stray values');
    const { max: sliderMax, to: slideTo } = await historySlider(ana.page);
    const preview = ana.page.locator('#history-preview');
    const drawnIds = () => preview.locator('svg .board-objects [data-id]').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
    const marked = () => preview.locator('.history-mark').evaluateAll((els) => els.map((e) => `${e.dataset.id}:${e.dataset.change}`).sort());
    // "Reviewed" against "First layout": the new rectangle new, the moved ellipse changed.
    const reviewedIndex = await slideTo('Reviewed');
    await waitFor('"Reviewed" with the new rectangle and the moved ellipse outlined', async () => {
      const ids = await drawnIds();
      const marks = await marked();
      return JSON.stringify(ids) === JSON.stringify([rect, ellipse, rect2].sort())
        && JSON.stringify(marks) === JSON.stringify([`${rect2}:added`, `${ellipse}:changed`].sort());
    });
    const namedIndex = await slideTo('First layout');
    assert.ok(namedIndex < reviewedIndex && reviewedIndex < sliderMax, `the named versions are points of the slider before the newest (${namedIndex}, ${reviewedIndex} of ${sliderMax})`);
    await waitFor('the named board in the preview, what changed outlined', async () => {
      const ids = await drawnIds();
      const marks = await marked();
      return JSON.stringify(ids) === JSON.stringify([rect, ellipse].sort())
        && marks.length > 0 && marks.every((m) => m.startsWith(`${rect}:`) || m.startsWith(`${ellipse}:`));
    });
    const pos = await preview.locator(`svg .board-objects [data-id="${rect}"] rect`).evaluate((r) => Number(r.getAttribute('y')));
    assert.equal(pos, find(named, rect).props.y, 'the rectangle is drawn where it was at the named version');
    assert.equal(await ana.page.locator('#board-stage .board-objects [data-id]').count(), 3, 'the stage still shows the board as it is now');
    assert.equal(await preview.evaluate((el) => getComputedStyle(el.querySelector('svg')).pointerEvents), 'none', 'the preview takes no pointer events');
    assert.equal(await ana.page.locator('#history-authors-toggle').isDisabled(), true, 'no colours by author on a board');
    assert.match(await ana.page.locator('#history-authors-note').textContent(), /board/i, 'the panel says why');
    // The named board as a JSON file.
    const file = ana.page.locator('.history-downloads a[data-format="json"]');
    assert.match(await file.getAttribute('download'), /-r\d+\.json$/);
    const json = await ana.page.evaluate(async (href) => (await fetch(href)).text(), await file.getAttribute('href'));
    assert.deepEqual(JSON.parse(json), named, 'the JSON file is the named board');
    await shoot(browser, shots, 'board-history', [ana, bo]);
    step('the history previews the named board, outlines what changed, downloads its JSON');

    // Restore: one new revision, the named board for everyone.
    const before = (await backend.read(boardId)).rev;
    await waitFor('restore enabled', () => ana.page.locator('#history-restore').isEnabled());
    await ana.page.locator('#history-restore').click();
    await dialog.waitFor({ state: 'hidden' });
    await agree('everyone on the restored board', (s) => JSON.stringify(s) === JSON.stringify(named));
    assert.equal((await backend.read(boardId)).rev, before + 1, 'the restore is one new revision');
    assert.deepEqual((await (await fetch(`${origin}/api/docs/${encodeURIComponent(boardId)}/at/${before}`)).json()).content, later, 'history is not rewritten');
    step('restored for everyone');

    // One undo in Ana's window takes the restore back.
    await ana.page.locator('#board-stage').focus();
    await ana.page.keyboard.press('Control+z');
    await agree('undo of the restore: the later board back everywhere', (s) => JSON.stringify(s) === JSON.stringify(later));
    step('undo brought the later board back');
    assert.deepEqual([...ana.page.errors, ...bo.page.errors], [], 'no errors in the pages');
    return { final: later, boardId };
  } catch (e) {
    if (ana) await ana.page.screenshot({ path: path.join(shots, 'failure-board-history-ana.png') }).catch(() => {});
    if (bo) await bo.page.screenshot({ path: path.join(shots, 'failure-board-history-bo.png') }).catch(() => {});
    if (ana && bo && ana.page.errors.length + bo.page.errors.length > 0) e.message += `\n  page errors: ${[...ana.page.errors, ...bo.page.errors].join('; ')}`;
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await backend.stop().catch(() => {});
    if (backend.cleanup) backend.cleanup();
  }
}
