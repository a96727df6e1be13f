// The browser scenario shared by e2e.test.mjs (in the build) and smoke.mjs (by hand), in real
// headless Chromium driven by playwright-core. Two people, Ana and Bo, each in a browser context
// of their own (separate cookies, storage, service worker):
//
//  1. both pick a name and colour in the welcome dialog; both open the same link to a document
//     that does not exist yet and type at once: it is created, and both words reach the server;
//  2. both type into one document at the same time (emoji, combining marks, astral characters)
//     and end with the same text; each sees the other's caret, in the right place, with the
//     right name and colour, in the people list too; "… is typing" appears, then disappears;
//     a selection shows in its owner's colour;
//  3. Ana goes offline (network emulation: context.setOffline) while Bo stays online and keeps
//     typing; Ana keeps typing, reloads while still offline (the service worker serves the page,
//     IndexedDB her text and unsent edits), types more, comes back online, and both converge
//     with all text from both, equal to the server's;
//  4. the server goes away and comes back: both keep typing and converge, nothing committed twice;
//  5. undo in Bo's window removes only Bo's edit, even with Ana's later edit in the document;
//     redo puts it back; a narrow (phone) screen still edits.
//
// Every step waits for what a person would see (DOM text, the status pill, carets), bounded by
// timeouts; any difference throws. Screenshots, among them the two windows side by side, go to
// `shots`. The same scenario runs on each editor of the page (`editor`, see editors.mjs). The
// board's scenario (board-scenario.mjs) shares the helpers exported here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { textarea as textareaEditor } from './editors.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const ANA = { name: 'Ana', color: '#d81b60', swatch: 'Raspberry' };
export const BO = { name: 'Bo', color: '#3949ab', swatch: 'Indigo' };
export const VIEWPORT = { width: 960, height: 600 };

/** Polls `fn` until it returns something truthy; throws saying what did not happen. */
export async function waitFor(what, fn, timeoutMs = 10000) {
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
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/**
 * Waits until the service worker controls `page` (the app works offline only then). On a time-out
 * the error says where the worker got to: its registration's installing, waiting and active states.
 */
export async function controlledByServiceWorker(page, who, timeoutMs = 45000) {
  try {
    await waitFor(`the service worker to control ${who}'s page`, () => page.evaluate(() => !!navigator.serviceWorker.controller), timeoutMs);
  } catch (e) {
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      if (!r) return 'no registration';
      return JSON.stringify({ installing: r.installing?.state, waiting: r.waiting?.state, active: r.active?.state });
    }).catch((err) => `unknown (${err.message})`);
    e.message += `; registration: ${state}`;
    throw e;
  }
}

/**
 * The history panel's slider in `page`: `max` is its last place, and `to(title)` moves it to the
 * point whose caption starts with `title`, returning that place (fails if there is none).
 */
export async function historySlider(page) {
  const slider = page.locator('#history-slider');
  const max = Number(await slider.getAttribute('max'));
  const to = async (title) => {
    for (let i = 0; i <= max; i++) {
      await slider.fill(String(i));
      if ((await page.locator('#history-caption').textContent()).startsWith(title)) return i;
    }
    return assert.fail(`no point "${title}" on the slider`);
  };
  return { max, to };
}

export const status = (page) => page.locator('#status-label').textContent();
export const typingLine = (page) => page.locator('#typing').textContent();

/** The names in the people list, with their state ("online", "typing…"). */
export function people(page) {
  return page.locator('#people .person').evaluateAll((items) => items.map((li) =>
    `${li.querySelector('.person-name').textContent}: ${li.querySelector('.person-state').textContent}`));
}

/** The text IndexedDB holds for this document in `page` (each tab's record, as it would reload). */
function savedTexts(page, docId) {
  return page.evaluate(async (doc) => {
    const { recordsOf } = await import('/sdk/src/store/offline-store.js');
    const { localTextOf } = await import('/sdk/src/sync/doc-record.js');
    return (await recordsOf(doc)).map(localTextOf);
  }, docId);
}

export async function newPerson(browser, who) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10000);
  context.setDefaultNavigationTimeout(15000);
  const page = await context.newPage();
  page.errors = [];
  page.who = who.name;
  page.on('pageerror', (e) => page.errors.push(`${who.name}: ${e.message}`));
  return { ...who, context, page };
}

/** First visit: the welcome dialog asks for a name and a colour. */
export async function pickIdentity({ page, name, color, swatch }, origin) {
  await page.goto(`${origin}/`);
  const dialog = page.locator('#identity-dialog');
  await dialog.waitFor({ state: 'visible' });
  await page.locator('#name-input').fill(name);
  await page.getByLabel(swatch, { exact: true }).check();
  await page.locator('#identity-save').click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.locator('#me-name').textContent(), name);
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('tandem.identity'))).color, color);
}

export async function connected(page, what, timeoutMs = 10000) {
  let shown = null;
  await waitFor(`${what}: "Connected"`, async () => (shown = await status(page)) === 'Connected', timeoutMs)
    .catch(async (e) => {
      // Say what the page showed instead (a status, an error notice), so a failure can be told apart.
      const notice = await page.evaluate(() => {
        const n = document.querySelector('#notice');
        return n && !n.hidden ? n.textContent.replace(/\s+/g, ' ').trim() : null;
      }).catch(() => null);
      e.message += `; the status read "${shown}"${notice ? `; the notice read "${notice}"` : ''}`;
      throw e;
    });
  // The status can say so a moment before the editor of the document's type is shown.
  await waitFor(`${what}: the editor`, () => page.evaluate(() => Boolean(window.tandem && (window.tandem.binding || window.tandem.board))), timeoutMs);
}

/** Screenshots of both windows, and one picture of the two side by side. */
export async function shoot(browser, shots, name, people) {
  const pngs = await Promise.all(people.map(({ page }) => page.screenshot()));
  people.forEach((p, i) => fs.writeFileSync(path.join(shots, `${name}-${p.name.toLowerCase()}.png`), pngs[i]));
  const context = await browser.newContext({ viewport: { width: people.length * (VIEWPORT.width + 24) + 24, height: VIEWPORT.height + 62 } });
  try {
    const page = await context.newPage();
    const frames = people.map((p, i) => `<figure><figcaption><span style="background:${p.color}"></span>${p.name}’s browser</figcaption>`
      + `<img src="data:image/png;base64,${pngs[i].toString('base64')}" width="${VIEWPORT.width}" height="${VIEWPORT.height}"></figure>`).join('');
    await page.setContent(`<!doctype html><style>
      body { margin: 0; padding: 0 12px 12px; background: #e8eaf0; font: 600 15px system-ui, sans-serif; color: #263238; display: flex; }
      figure { margin: 0 12px; } figcaption { height: 38px; display: flex; align-items: center; gap: 8px; }
      figcaption span { width: 12px; height: 12px; border-radius: 50%; display: inline-block; }
      img { display: block; border-radius: 8px; box-shadow: 0 2px 10px rgba(0,0,0,.18); }
      </style>${frames}`);
    await page.screenshot({ path: path.join(shots, `${name}.png`) });
  } finally {
    await context.close();
  }
}

/**
 * Runs the scenario against `backend` (see backends.mjs); returns { final, docId } with the
 * final text. Throws on any failure; stops the browser and the backend in any case.
 */
export async function typingTogether({ backend, shots, executablePath, editor = textareaEditor, log = () => {} }) {
  const text = (page) => editor.text(page);
  /**
   * Puts the caret at the end of the text, at UTF-16 index `at`, or right after the first
   * occurrence of `at` when it is a string (in one step, so that no remote edit moves it
   * meanwhile), then types `s` key by key like a person.
   */
  const typeAt = async (page, s, at = null) => {
    assert.ok(await editor.place(page, at), `${JSON.stringify(at)} in the text of ${page.who}`);
    await page.keyboard.type(s, { delay: 15 });
  };
  const typeAfter = (page, marker, s) => typeAt(page, s, marker);
  fs.mkdirSync(shots, { recursive: true });
  for (const f of fs.readdirSync(shots)) if (f.startsWith('failure')) fs.rmSync(path.join(shots, f)); // from an earlier run
  const started = Date.now();
  const step = (s) => log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${s}`);
  let browser = null;
  let port;
  let origin;
  let ana;
  let bo;
  let docId = null;
  /** Waits until Ana, Bo and the server all have exactly `expected`. */
  const converged = (what, expected, timeoutMs = 10000) => waitFor(what, async () => {
    const [a, b, s] = [await text(ana.page), await text(bo.page), await backend.docText(docId)];
    return a === expected && b === expected && s === expected;
  }, timeoutMs);
  try {
    port = await backend.start();
    origin = `http://127.0.0.1:${port}`;
    browser = await launchChromium({ executablePath });
    ana = await newPerson(browser, ANA);
    bo = await newPerson(browser, BO);
    await Promise.all([pickIdentity(ana, origin), pickIdentity(bo, origin)]);
    step('both picked a name and a colour');

    // Both open a link to a document that does not exist yet and type at once: the link creates
    // it, and neither loses a word.
    const freshId = `fresh-${Date.now()}`;
    await Promise.all([ana, bo].map((p) => p.page.goto(`${origin}/d/${freshId}${editor.query}`)));
    await Promise.all([connected(ana.page, 'Ana in the fresh document'), connected(bo.page, 'Bo in the fresh document')]);
    assert.equal(await editor.readOnly(bo.page), false, 'the created document can be edited');
    await Promise.all([typeAt(ana.page, 'Ana was here first. '), typeAt(bo.page, 'Bo typed this at the same time. ')]);
    await waitFor('both on the fresh link to converge with the server, every word kept', async () => {
      const [a, b, srv] = [await text(ana.page), await text(bo.page), await backend.docText(freshId)];
      return a === srv && b === srv && srv.includes('Ana was here first. ') && srv.includes('Bo typed this at the same time. ');
    });
    step('two people typed into a fresh link; both words on the server');

    // Ana starts a document from the home page and writes its outline; Bo opens her link.
    await ana.page.goto(`${origin}/`);
    await ana.page.locator('#new-doc').click();
    await ana.page.waitForURL(/\/d\//);
    if (editor.query) await ana.page.goto(`${ana.page.url()}${editor.query}`);
    docId = decodeURIComponent(new URL(ana.page.url()).pathname.slice(3));
    await connected(ana.page, 'Ana in the new document');
    const title = 'Weekend in Lisbon \u{1F600}';
    const outline = `${title}\nTrain:\nFood:\n`;
    await typeAt(ana.page, outline);
    await bo.page.goto(ana.page.url());
    await connected(bo.page, 'Bo in the document');
    await waitFor('Bo to see the outline', async () => (await text(bo.page)) === outline);
    step(`both in document ${docId}`);

    // Both type at the same time, each on a line of their own.
    const anaTrain = ' booked, seats 41 and 42.';
    const boFood = ' cafe\u0301 by the river, then fado at nine \u{1F609}';
    await Promise.all([typeAfter(ana.page, 'Train:', anaTrain), typeAfter(bo.page, 'Food:', boFood)]);
    // Each sees that the other is typing: under the people list and next to the name.
    await waitFor('"Bo is typing…" in Ana\'s window', async () => (await typingLine(ana.page)) === 'Bo is typing…', 2500);
    await waitFor('"Ana is typing…" in Bo\'s window', async () => (await typingLine(bo.page)) === 'Ana is typing…', 2500);
    assert.deepEqual(await people(ana.page), ['Ana (you): online', 'Bo: typing…']);
    assert.deepEqual(await people(bo.page), ['Bo (you): online', 'Ana: typing…']);
    // Each sees the other's caret with the right name and colour, where the other's caret is.
    for (const [viewer, peer, typed] of [[ana, bo, boFood], [bo, ana, anaTrain]]) {
      let seen;
      let own;
      await waitFor(`${peer.name}'s caret, named, in ${viewer.name}'s window, where ${peer.name}'s caret is`, async () => {
        [seen, own] = [await editor.remoteCaret(viewer.page, peer.name), await editor.ownCaret(peer.page)];
        return seen && seen.labelled && seen.color === peer.color && seen.before.endsWith(typed) && seen.before === own;
      }, 3000).catch((e) => {
        e.message += `; saw ${JSON.stringify(seen)} where ${peer.name}'s caret is after ${JSON.stringify(own)}`;
        throw e;
      });
    }
    await shoot(browser, shots, 'two-people', [ana, bo]);
    step('typed at the same time; carets, names and typing shown');
    assert.ok((await typingLine(ana.page)) === 'Bo is typing…' && (await typingLine(bo.page)) === 'Ana is typing…', 'the screenshot shows both typing');
    const together = `${title}\nTrain:${anaTrain}\nFood:${boFood}\n`;
    await converged('both texts to converge with the server', together);
    // The typing indicator goes away once they stop.
    await waitFor('"… is typing" to disappear in both windows', async () => (await typingLine(ana.page)) === '' && (await typingLine(bo.page)) === '', 8000);
    assert.deepEqual(await people(ana.page), ['Ana (you): online', 'Bo: online']);
    // A selection shows in its owner's colour.
    await editor.select(bo.page, 'fado at nine');
    await waitFor("Bo's selection in Ana's window", () => editor.selectionShown(ana.page, 'fado at nine', 'rgba(57, 73, 171'));
    step('converged; typing indicator gone; selection shown');

    // Ana goes offline; Bo stays online and keeps typing.
    await controlledByServiceWorker(ana.page, 'Ana');
    await ana.context.setOffline(true);
    await waitFor('Ana sees she is offline', async () => (await status(ana.page)) === 'Offline'
      && ana.page.evaluate(() => !navigator.onLine), 5000);
    const anaOffline = 'Pack: the guidebook (Ana, offline)\n';
    const boTitle = ', Friday to Sunday';
    await Promise.all([typeAt(ana.page, anaOffline), typeAfter(bo.page, title, boTitle)]);
    await waitFor('Bo\'s edit to reach the server', async () => (await backend.docText(docId)).includes(boTitle));
    await waitFor('unsent edits shown in Ana\'s window', async () => /unsent edit/.test(await ana.page.locator('#status-detail').textContent()));
    assert.ok(!(await text(bo.page)).includes(anaOffline), 'offline edits cannot reach Bo');
    assert.ok(!(await backend.docText(docId)).includes(anaOffline), 'offline edits cannot reach the server');
    assert.ok(!(await text(ana.page)).includes(boTitle), 'Bo\'s edits cannot reach Ana while she is offline');
    await waitFor('Ana\'s offline text kept in IndexedDB', async () => (await savedTexts(ana.page, docId)).includes(together + anaOffline));
    step('Ana offline, both typed');

    // Still offline, Ana reloads: the service worker serves the page, IndexedDB the text.
    await ana.page.evaluate(() => { window.beforeReload = true; });
    const reloaded = await ana.page.reload();
    assert.ok(reloaded && reloaded.fromServiceWorker(), 'the page came from the service worker');
    await waitFor('Ana\'s text back after the offline reload', async () => !(await ana.page.evaluate(() => window.beforeReload))
      && await ana.page.evaluate(() => Boolean(window.tandem)) && !(await editor.readOnly(ana.page)) && (await text(ana.page)) === together + anaOffline);
    await waitFor('Ana still offline after the reload', async () => (await status(ana.page)).startsWith('Offline'), 5000);
    assert.equal(await ana.page.evaluate(() => fetch('/health').then(() => 'reached', () => 'cut')), 'cut', 'the network is cut');
    await shoot(browser, shots, 'offline-reload', [ana, bo]);
    const anaReloaded = 'Sunscreen (Ana, after an offline reload)\n';
    const boMore = '; table for two at eight';
    await Promise.all([typeAt(ana.page, anaReloaded), typeAfter(bo.page, boFood, boMore)]);
    await waitFor('Bo\'s edit to reach the server', async () => (await backend.docText(docId)).includes(boMore));
    assert.equal(await text(ana.page), together + anaOffline + anaReloaded, 'Ana, offline, has her own text only');
    assert.match(await status(ana.page), /^(Offline|Reconnecting)/, 'Ana is still offline (between tries to reconnect)');
    step('Ana reloaded offline and typed more');

    // Ana comes back online: everyone, server included, has all text from both. (Chromium's
    // emulation can leave navigator.onLine true in a page loaded while offline, and then no
    // 'online' event comes: the page reconnects on its backoff, a few seconds at most.)
    await ana.context.setOffline(false);
    const afterOffline = `${title}${boTitle}\nTrain:${anaTrain}\nFood:${boFood}${boMore}\n${anaOffline}${anaReloaded}`;
    await converged('both to converge with all text after Ana is back online', afterOffline, 20000);
    await connected(ana.page, 'Ana back online');
    step('back online, converged');

    // The server goes away and comes back on the same port: both keep typing and converge.
    await backend.stop();
    await waitFor('both see the server is gone', async () => (await status(ana.page)).startsWith('Offline')
      && (await status(bo.page)).startsWith('Offline'), 10000);
    const anaOutage = 'Hotel: confirmed (typed while the server was down)\n';
    const boOutage = ' Platform 3.';
    await Promise.all([typeAt(ana.page, anaOutage), typeAfter(bo.page, anaTrain, boOutage)]);
    await backend.start(port);
    await Promise.all([ana.page, bo.page].map((p) => p.evaluate(() => { const r = document.querySelector('#retry'); if (r && !r.hidden) r.click(); })));
    const afterOutage = afterOffline.replace(anaTrain, anaTrain + boOutage) + anaOutage;
    await converged('both to converge after the server outage', afterOutage, 20000);
    await Promise.all([connected(ana.page, 'Ana after the outage'), connected(bo.page, 'Bo after the outage')]);
    step('server restarted, converged');

    // Undo in Bo's window removes Bo's edit only, though Ana edited after him.
    const boPs = 'PS: bring a jacket.';
    await typeAt(bo.page, boPs);
    await converged("Bo's PS everywhere", afterOutage + boPs);
    await typeAt(ana.page, '\u2605 ', 0);
    const beforeUndo = `\u2605 ${afterOutage}${boPs}`;
    await converged("Ana's star everywhere", beforeUndo);
    await editor.focus(bo.page);
    await bo.page.keyboard.press('Control+z');
    await converged("undo to remove Bo's PS, and only it, everywhere", `\u2605 ${afterOutage}`);
    await bo.page.keyboard.press('Control+Shift+z');
    await converged('redo to bring it back everywhere', beforeUndo);
    step('undo and redo of own edits only');

    // A phone-sized screen still edits.
    await bo.page.setViewportSize({ width: 390, height: 844 });
    const phone = '\nTyped on a phone, long enough to wrap over several lines of the narrow screen.';
    await typeAt(bo.page, phone);
    const final = beforeUndo + phone;
    await converged('the phone edit to reach Ana and the server', final);
    await bo.page.screenshot({ path: path.join(shots, 'narrow-screen.png') });

    const commits = await backend.committed(docId);
    assert.equal(new Set(commits).size, commits.length, 'no edit committed twice');
    assert.deepEqual([...ana.page.errors, ...bo.page.errors], [], 'no uncaught errors in the pages');
    step('done');
    return { final, docId };
  } catch (e) {
    if (docId && ana && bo) {
      const state = async (p) => ({ text: await text(p.page).catch(() => '?'), status: await status(p.page).catch(() => '?'),
        detail: await p.page.locator('#status-detail').textContent().catch(() => '?'), errors: p.page.errors });
      e.message += `\n${JSON.stringify({ ana: await state(ana), bo: await state(bo), server: await backend.docText(docId).catch((x) => String(x)) }, null, 1)}`;
      await shoot(browser, shots, 'failure', [ana, bo]).catch(() => {});
    }
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await backend.stop().catch(() => {});
    if (backend.cleanup) backend.cleanup();
  }
}
