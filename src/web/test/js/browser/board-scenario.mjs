// The board's browser scenario (canvas-e2e.test.mjs), in headless Chromium driven by
// playwright-core against a real Tandem node. Two people, Ana and Bo, each in a browser context
// of their own, on one board that Ana starts from the home page (type "Board"); Bo opens its
// plain link, and the page finds out it is a board from the server. Then:
//
//  1. both drag the same rectangle at once, each their own way: while dragging, each sees it
//     under their own pointer at every step (it never jumps back); after letting go it never
//     shows where it started again; both boards and the server's REST read agree;
//  2. both type into one sticky note at once, one at the start, one at the end: each sees
//     "… is typing" on the note and in the people list, and the other's pointer with their
//     name; both texts are kept, character for character; the picture of both windows is taken;
//  3. Bo, cut off, moves a shape into a frame that Ana has just deleted: Bo's move is dropped
//     when it reaches the server, the shape stays where he put it, and all three agree; the same
//     race again with both online, at the same moment;
//  4. Ana draws offline, reloads while offline (the service worker serves the page, IndexedDB
//     her board and unsent changes), draws more, comes back: everything of both is on the board,
//     nothing committed twice.
//
// Every step waits for what a person would see (the DOM, the status pill), bounded by timeouts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { sleep, ANA, BO, waitFor, status, newPerson, pickIdentity, connected, shoot, controlledByServiceWorker } from './scenario.mjs';

/** The board as `page` shows it, in the snapshot form. */
const boardOf = (page) => page.evaluate(() => window.tandem.board.view.toJSON());
const objectOf = (page, id) => page.evaluate((i) => window.tandem.board.view.get(i), id);
/** Where object `id` is drawn in `page`, in page pixels. */
const box = (page, id) => page.evaluate((i) => {
  // Read in one go: the board redraws an object by replacing its element.
  const r = document.querySelector(`.board-objects [data-id="${i}"]`).getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}, id);
const selectedId = (page) => page.evaluate(() => [...window.tandem.page.selected][0]);

async function stageOrigin(page) {
  const b = await page.locator('#board-stage').boundingBox();
  return { x: b.x, y: b.y };
}

/** A drag with the mouse from a to b (page pixels), in `steps` moves. */
async function drag(page, a, b, steps = 6) {
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps });
  await page.mouse.up();
}

/** Draws with tool `key` from stage point a to b; returns the new object's id. */
async function draw(page, key, a, b) {
  const o = await stageOrigin(page);
  await page.keyboard.press(key);
  await drag(page, { x: o.x + a[0], y: o.y + a[1] }, { x: o.x + b[0], y: o.y + b[1] });
  return selectedId(page);
}

const centre = (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const near = (a, b, tolerance = 1.5) => Math.abs(a - b) <= tolerance;

export async function boardTogether({ backend, shots, executablePath, log = () => {} }) {
  fs.mkdirSync(shots, { recursive: true });
  const started = Date.now();
  const step = (s) => log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${s}`);
  let browser = null;
  let ana;
  let bo;
  let boardId;
  /** Waits until Ana's board, Bo's board and the server's REST read are the same board; returns it. */
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

    // Ana starts a board from the home page; Bo opens its plain link.
    await ana.page.getByRole('radio', { name: /Board/ }).check();
    await ana.page.locator('#new-doc').click();
    await ana.page.waitForURL(/\/d\//);
    boardId = decodeURIComponent(new URL(ana.page.url()).pathname.slice(3));
    assert.equal((await backend.read(boardId)).type, 'canvas', 'the home page made a canvas document');
    await bo.page.goto(`${origin}/d/${encodeURIComponent(boardId)}`);
    await Promise.all([connected(ana.page, 'Ana on the board'), connected(bo.page, 'Bo on the board')]);
    assert.ok(await bo.page.locator('#board-stage').isVisible(), 'the plain link opened the board page');
    step(`both on board ${boardId}`);

    // 1. Both drag one rectangle at once.
    const rect = await draw(ana.page, 'r', [140, 140], [280, 230]);
    await waitFor('Bo to see Ana\'s rectangle', async () => (await bo.page.locator(`.board-objects [data-id="${rect}"]`).count()) === 1);
    const start = await box(ana.page, rect);
    assert.deepEqual(await box(bo.page, rect), start, 'both show it in the same place');
    const grip = centre(start);
    const revBefore = (await backend.read(boardId)).rev;
    for (const p of [ana.page, bo.page]) {
      await p.mouse.move(grip.x, grip.y);
      await p.mouse.down();
    }
    for (let i = 1; i <= 14; i++) {
      await Promise.all([ana.page.mouse.move(grip.x + 9 * i, grip.y), bo.page.mouse.move(grip.x, grip.y + 7 * i)]);
      await sleep(60);
      const [a, b] = [await box(ana.page, rect), await box(bo.page, rect)];
      assert.ok(near(a.x, start.x + 9 * i) && near(a.y, start.y), `step ${i}: Ana's rectangle is under her pointer (${JSON.stringify(a)})`);
      assert.ok(near(b.x, start.x) && near(b.y, start.y + 7 * i), `step ${i}: Bo's rectangle is under his pointer (${JSON.stringify(b)})`);
    }
    const revDuring = (await backend.read(boardId)).rev;
    assert.ok(revDuring - revBefore >= 6, `both drags reached the server while dragging (${revDuring - revBefore} revisions)`);
    await ana.page.mouse.up();
    await bo.page.mouse.up();
    const anaEnd = { x: start.x + 126, y: start.y };
    const boEnd = { x: start.x, y: start.y + 98 };
    for (let k = 0; k < 10; k++) {
      for (const p of [ana.page, bo.page]) {
        const b = await box(p, rect);
        const at = (e) => near(b.x, e.x) && near(b.y, e.y);
        assert.ok(!(near(b.x, start.x) && near(b.y, start.y)), `after letting go the rectangle never goes back to the start (${p.who})`);
        assert.ok(at(anaEnd) || at(boEnd), `${p.who} shows it where one of them left it: ${JSON.stringify(b)}`);
      }
      await sleep(50);
    }
    const afterDrag = await agree('both boards and the server to agree after the shared drag');
    const r = find(afterDrag, rect);
    assert.ok([r.props.x, r.props.y].every(Number.isFinite));
    step('a shared drag converged; neither saw the rectangle jump back');

    // Ana recolours and resizes it; Bo sees both; Ana's undo takes back only her resize.
    await ana.page.keyboard.press('Escape');
    const now = await box(ana.page, rect);
    await ana.page.mouse.click(now.x + 10, now.y + 10);
    await ana.page.locator('.swatch-button[data-colour="#ef9a9a"]').click();
    const corner = { x: now.x + now.width, y: now.y + now.height };
    await drag(ana.page, corner, { x: corner.x + 40, y: corner.y + 30 });
    await agree('the recoloured, resized rectangle everywhere', (s) => find(s, rect).props.fill === '#ef9a9a'
      && find(s, rect).props.width === 180 && find(s, rect).props.height === 120);
    await ana.page.keyboard.press('Control+z');
    await agree('Ana\'s undo of her resize everywhere', (s) => find(s, rect).props.width === 140 && find(s, rect).props.fill === '#ef9a9a');
    await ana.page.keyboard.press('Control+Shift+z');
    await agree('and her redo', (s) => find(s, rect).props.width === 180);
    // Zooming with Ctrl and the wheel is Ana's own: Bo's camera stays.
    await ana.page.mouse.move(now.x, now.y);
    await ana.page.keyboard.down('Control');
    await ana.page.mouse.wheel(0, -300);
    await ana.page.keyboard.up('Control');
    await waitFor('Ana zoomed in', async () => (await ana.page.evaluate(() => window.tandem.camera.zoom)) > 1.5);
    assert.equal(await bo.page.evaluate(() => window.tandem.camera.zoom), 1);
    await ana.page.keyboard.down('Control');
    await ana.page.mouse.wheel(0, 300); // back, at the same point: the same view as Bo's again
    await ana.page.keyboard.up('Control');
    await waitFor('Ana back at 100%', async () => Math.abs((await ana.page.evaluate(() => window.tandem.camera.zoom)) - 1) < 1e-9);
    step('recoloured, resized, undone and redone; zoom is one\'s own');

    // 2. Both type into one sticky note at once.
    const o = await stageOrigin(ana.page);
    await ana.page.keyboard.press('s');
    await ana.page.mouse.click(o.x + 470, o.y + 240);
    const sticky = await selectedId(ana.page);
    await ana.page.keyboard.type('Plan:', { delay: 20 });
    await ana.page.keyboard.press('Escape');
    await waitFor('Bo to see the note', async () => (await objectOf(bo.page, sticky))?.props.text === 'Plan:');
    const note = centre(await box(bo.page, sticky));
    await ana.page.mouse.dblclick(note.x, note.y);
    await bo.page.mouse.dblclick(note.x, note.y);
    for (const p of [ana.page, bo.page]) {
      await waitFor(`the note open for typing in ${p.who}'s window`, () => p.evaluate(() => document.activeElement && document.activeElement.id === 'note-editor'), 3000);
    }
    await bo.page.keyboard.press('Control+Home');
    await ana.page.keyboard.press('Control+End');
    const typing = Promise.all([ana.page.keyboard.type(' ship the board on Friday', { delay: 60 }),
      bo.page.keyboard.type('Team: ', { delay: 60 })]);
    await waitFor('"Ana is typing…" on the note in Bo\'s window', async () => (await bo.page.locator('.peer-sel.is-typing .peer-tag').allTextContents()).includes('Ana is typing…'), 5000);
    await waitFor('"Bo is typing…" on the note in Ana\'s window', async () => (await ana.page.locator('.peer-sel.is-typing .peer-tag').allTextContents()).includes('Bo is typing…'), 5000);
    await waitFor('Bo typing in a note, in Ana\'s people list', async () => (await ana.page.locator('#board-people .person-state').allTextContents()).includes('typing in a note…'), 5000);
    await waitFor('Ana\'s pointer, named, in Bo\'s window', async () => (await bo.page.locator('.pointer .pointer-name').allTextContents()).includes('Ana'), 5000);
    await shoot(browser, shots, 'two-people-board', [ana, bo]);
    await typing;
    await ana.page.keyboard.press('Escape');
    await bo.page.keyboard.press('Escape');
    const afterTyping = await agree('both texts kept in the note, on both boards and the server',
      (s) => find(s, sticky)?.props.text === 'Team: Plan: ship the board on Friday');
    assert.ok(afterTyping);
    step('two people typed into one note; both texts kept');

    // 3. Bo, cut off, moves a shape into a frame that Ana deletes.
    const frame = await draw(ana.page, 'f', [90, 300], [320, 500]); // right of the tool bar
    const ellipse = await draw(bo.page, 'o', [420, 360], [500, 430]);
    await agree('the frame and the ellipse everywhere', (s) => find(s, frame) && find(s, ellipse));
    await controlledByServiceWorker(bo.page, 'Bo');
    await bo.context.setOffline(true);
    await waitFor('Bo sees he is offline', async () => (await status(bo.page)) === 'Offline', 5000);
    const fb = await box(ana.page, frame);
    await ana.page.keyboard.press('Escape');
    await ana.page.mouse.click(fb.x + 20, fb.y + fb.height - 20);
    assert.equal(await selectedId(ana.page), frame, 'a click on the frame selects it');
    await ana.page.keyboard.press('Delete');
    await waitFor('the frame deleted on the server', async () => !find((await backend.read(boardId)).content, frame));
    const eb = centre(await box(bo.page, ellipse));
    const ft = centre(await box(bo.page, frame));
    await drag(bo.page, eb, ft, 8);
    assert.equal((await objectOf(bo.page, ellipse)).parent, frame, 'Bo sees the ellipse in the frame he still has');
    const dropped = await objectOf(bo.page, ellipse);
    await bo.context.setOffline(false);
    const afterFrame = await agree('the ellipse left where Bo put it, the frame gone, everywhere',
      (s) => !find(s, frame) && find(s, ellipse)?.parent === null);
    assert.equal(find(afterFrame, ellipse).props.x, dropped.props.x, 'Bo\'s drag stands; only the move into the gone frame is dropped');
    // The same race with both online, at one moment.
    const frame2 = await draw(ana.page, 'f', [330, 340], [560, 500]);
    const rect2 = await draw(bo.page, 'r', [590, 440], [650, 490]);
    await agree('the second frame and rectangle everywhere', (s) => find(s, frame2) && find(s, rect2));
    const f2 = await box(ana.page, frame2);
    await ana.page.mouse.click(f2.x + 20, f2.y + f2.height - 20);
    const from = centre(await box(bo.page, rect2));
    const to = centre(await box(bo.page, frame2));
    await bo.page.mouse.move(from.x, from.y);
    await bo.page.mouse.down();
    await bo.page.mouse.move(to.x, to.y, { steps: 5 });
    await Promise.all([ana.page.keyboard.press('Delete'), bo.page.mouse.up()]);
    await agree('the race of a delete and a move into the frame converged', (s) => !find(s, frame2));
    step('a frame deleted under a move into it: both orders converge');

    // 4. Ana draws offline, reloads offline, draws more, comes back.
    await controlledByServiceWorker(ana.page, 'Ana');
    await ana.context.setOffline(true);
    await waitFor('Ana sees she is offline', async () => (await status(ana.page)) === 'Offline', 5000);
    await ana.page.keyboard.press('s');
    await ana.page.mouse.click(o.x + 600, o.y + 300);
    const offlineNote = await selectedId(ana.page);
    await ana.page.keyboard.type('drawn offline', { delay: 15 });
    await ana.page.keyboard.press('Escape');
    const boRect = await draw(bo.page, 'r', [560, 420], [640, 480]);
    await waitFor('Bo\'s rectangle on the server', async () => find((await backend.read(boardId)).content, boRect));
    await waitFor('Ana\'s offline changes saved on her device', () => ana.page.evaluate(() => window.tandem.doc.saved().then(() => true)));
    const reloaded = await ana.page.reload();
    assert.ok(reloaded && reloaded.fromServiceWorker(), 'the page came from the service worker');
    await waitFor('Ana\'s offline note back after the reload', async () => (await ana.page.evaluate((id) => window.tandem && window.tandem.board.view.get(id)?.props.text, offlineNote)) === 'drawn offline');
    await waitFor('Ana still offline after the reload', async () => (await status(ana.page)).startsWith('Offline'), 5000);
    // The reloaded page shows the whole board; Ana scrolls back to where she was (Bo's view).
    const cam = await bo.page.evaluate(() => ({ ...window.tandem.camera }));
    await ana.page.evaluate((c) => { Object.assign(window.tandem.camera, c); window.tandem.page.render(); }, cam);
    const arrow = await draw(ana.page, 'a', [560, 120], [660, 60]);
    assert.equal(find((await backend.read(boardId)).content, offlineNote), undefined, 'offline changes cannot reach the server');
    await ana.context.setOffline(false);
    const final = await agree('everything of both on both boards and the server', (s) => find(s, offlineNote)?.props.text === 'drawn offline'
      && find(s, arrow) && find(s, boRect) && find(s, rect) && find(s, sticky) && find(s, ellipse), 15000);
    const committed = await backend.committed(boardId);
    assert.equal(new Set(committed).size, committed.length, 'nothing was committed twice');
    await shoot(browser, shots, 'final-board', [ana, bo]);
    step('offline drawing survived a reload and merged');
    for (const p of [ana.page, bo.page]) assert.deepEqual(p.errors, [], 'no errors in the pages');
    return { final, boardId };
  } catch (e) {
    if (browser && ana && bo) await shoot(browser, shots, 'failure', [ana, bo]).catch(() => {});
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await backend.stop().catch(() => {});
    if (backend.cleanup) backend.cleanup();
  }
}
