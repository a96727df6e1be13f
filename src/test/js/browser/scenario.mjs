// The browser scenario shared by smoke.mjs (by hand) and e2e.test.mjs (in the build): in real
// headless Chromium, a link to a missing document offers to create it; two people in separate browser profiles type together (emoji, combining
// marks, astral characters), see each other's carets, selections, names and typing, undo and
// redo their own edits only; then the server goes away, one of them keeps typing, reloads (the
// service worker serves the page, IndexedDB the document and its unsent edits) and types more;
// the server comes back and everyone, server included, converges with no edit committed twice.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, connect, stopChromium } from './cdp.mjs';
import { freePort } from './backends.mjs';

let shotsDir = null;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

async function newPerson(browser, port, name, color) {
  const { browserContextId } = await browser.send('Target.createBrowserContext');
  const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank', browserContextId });
  const page = await connect(`ws://127.0.0.1:${port}/devtools/page/${targetId}`);
  await page.send('Page.enable');
  await page.send('Runtime.enable');
  page.goto = async (url) => {
    await page.send('Page.navigate', { url });
    await waitFor(`${name} loads ${url}`, () => page.eval('document.readyState === "complete" && !!document.querySelector("#me-name").textContent'));
  };
  page.identity = { name, color };
  return page;
}

async function setIdentity(page, origin) {
  await page.goto(`${origin}/`);
  await page.eval(`localStorage.setItem('tandem.identity', ${JSON.stringify(JSON.stringify(page.identity))}), true`);
}

const text = (page) => page.eval('document.querySelector("#editor").value');
const status = (page) => page.eval('document.querySelector("#status-label").textContent');
async function typeAtEnd(page, s) {
  await page.eval('(() => { const t = document.querySelector("#editor"); t.focus(); t.setSelectionRange(t.value.length, t.value.length); return true; })()');
  await page.send('Input.insertText', { text: s });
}
async function key(page, k, code, keyCode, modifiers) {
  await page.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: k, code, windowsVirtualKeyCode: keyCode, modifiers });
  await page.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k, code, windowsVirtualKeyCode: keyCode, modifiers });
}
async function shot(page, name) {
  const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(path.join(shotsDir, `${name}.png`), Buffer.from(data, 'base64'));
}

/**
 * Runs the scenario against `backend` (see backends.mjs); returns the final text. Screenshots go
 * to `shots`. Throws on any failure.
 */
export async function typingTogether({ backend, shots, binary = process.env.CHROMIUM || 'chromium' }) {
  fs.mkdirSync(shots, { recursive: true });
  shotsDir = shots;
  const port = await backend.start();
  const origin = `http://127.0.0.1:${port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-chrome-'));
  const chrome = await launchChromium({ binary, port: await freePort(), userDataDir });
  const browser = await connect(chrome.webSocketDebuggerUrl);
  try {
    const ana = await newPerson(browser, chrome.port, 'Ana', '#d81b60');
    const bo = await newPerson(browser, chrome.port, 'Bo', '#3949ab');
    await setIdentity(ana, origin);
    await setIdentity(bo, origin);

    // A link to a document that does not exist yet offers to create it.
    await bo.goto(`${origin}/d/not-yet-${Date.now()}`);
    await waitFor('the offer to create the document', () => bo.eval('!document.querySelector("#notice").hidden && document.querySelector("#notice").textContent.includes("Create it")'));
    await bo.eval('[...document.querySelectorAll("#notice button")].find((b) => b.textContent === "Create it").click(), true');
    await waitFor('the created document to open', async () => (await status(bo)) === 'Connected' && bo.eval('!document.querySelector("#editor").readOnly'));

    // Ana starts a document from the home page.
    await ana.goto(`${origin}/`);
    await shot(ana, '1-home');
    await ana.eval('document.querySelector("#new-doc").click(), true');
    const docUrl = await waitFor('a new document', async () => {
      const href = await ana.eval('location.href');
      return href.includes('/d/') ? href : null;
    });
    const docId = decodeURIComponent(new URL(docUrl).pathname.slice(3));
    await waitFor('Ana connected', async () => (await status(ana)) === 'Connected');
    await bo.goto(docUrl);
    await waitFor('Bo connected', async () => (await status(bo)) === 'Connected');

    // Both type at once, with astral characters and combining marks.
    await typeAtEnd(ana, 'Hello from Ana \u{1F600}. ');
    await typeAtEnd(bo, 'Bo says cafe\u0301 \u{1D11E}! ');
    await waitFor('both texts to converge', async () => {
      const [a, b] = [await text(ana), await text(bo)];
      return a === b && a.includes('Ana') && a.includes('Bo says') ? a : null;
    });
    await waitFor('Bo typing shown to Ana', async () => (await ana.eval('document.querySelector("#typing").textContent')) === 'Bo is typing…');
    await waitFor("Bo's caret and name on Ana's screen", () => ana.eval('[...document.querySelectorAll("#mirror .rcaret-flag")].some((f) => f.textContent === "Bo")'));
    assert.ok(await ana.eval('document.querySelector("#people").textContent.includes("Bo")'), 'Bo is in the people list');
    // Bo selects his words; Ana sees them tinted in Bo's colour.
    await bo.eval('(() => { const t = document.querySelector("#editor"); const i = t.value.indexOf("Bo says"); t.setSelectionRange(i, i + 12); return true; })()');
    await waitFor("Bo's selection on Ana's screen", () => ana.eval('[...document.querySelectorAll("#mirror .rsel")].some((s) => s.textContent === "Bo says cafe")'));
    await sleep(300);
    await shot(ana, '2-typing-together');

    // Ana undoes her own edit only.
    await ana.eval('document.querySelector("#editor").focus(), true');
    await key(ana, 'z', 'KeyZ', 90, 2);
    await waitFor('undo to converge', async () => {
      const [a, b] = [await text(ana), await text(bo)];
      return a === b && !a.includes('Ana') && a.includes('Bo says') ? a : null;
    });
    await key(ana, 'z', 'KeyZ', 90, 2 | 8);
    await waitFor('redo to converge', async () => {
      const [a, b] = [await text(ana), await text(bo)];
      return a === b && a.includes('Ana') ? a : null;
    });

    // The server goes away; Ana keeps typing, reloads (the service worker serves the page,
    // IndexedDB the document) and types more.
    await waitFor('the service worker to control the page', () => ana.eval('!!navigator.serviceWorker.controller'));
    await backend.stop();
    await waitFor('Ana sees she is offline', async () => (await status(ana)).startsWith('Offline'));
    await typeAtEnd(ana, 'Written offline. ');
    await waitFor('an unsent edit counted', () => ana.eval('document.querySelector("#status-detail").textContent.includes("unsent edit")'));
    await sleep(300); // the save queue writes to IndexedDB
    await ana.eval('window.beforeReload = true');
    await ana.send('Page.reload');
    await waitFor('the page back from the cache', () => ana.eval('!window.beforeReload && document.readyState === "complete" && !document.querySelector("#editor").readOnly && document.querySelector("#editor").value.includes("Written offline.")'));
    await typeAtEnd(ana, 'And after a reload. ');
    await shot(ana, '3-offline-after-reload');

    // The server comes back on the same port; both converge with nothing lost.
    await backend.start(port);
    await ana.eval('document.querySelector("#retry") && document.querySelector("#retry").click(), true');
    await bo.eval('document.querySelector("#retry") && document.querySelector("#retry").click(), true');
    const final = await waitFor('everyone converges after the outage', async () => {
      const [a, b] = [await text(ana), await text(bo)];
      const serverText = await backend.docText(docId);
      return a === b && b === serverText && a.includes('Written offline.') && a.includes('And after a reload.') ? a : null;
    }, 40000).catch(async (e) => {
      console.error(JSON.stringify({ ana: await text(ana), anaStatus: await status(ana), anaDetail: await ana.eval('document.querySelector("#status-detail").textContent'),
        bo: await text(bo), boStatus: await status(bo), server: await backend.docText(docId) }, null, 1));
      throw e;
    });
    await waitFor('Ana connected again', async () => (await status(ana)) === 'Connected', 20000);
    await shot(bo, '4-converged');
    await bo.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 1, mobile: true });
    await typeAtEnd(bo, '\nA second paragraph typed on a phone, long enough to wrap over several lines of the narrow screen.');
    await waitFor('the phone edit reaches Ana', async () => (await text(ana)).includes('on a phone'));
    await sleep(500);
    await shot(bo, '5-narrow-screen');
    await shot(ana, '6-ana-sees-phone-edit');
    const seqs = await backend.committed(docId);
    assert.equal(new Set(seqs).size, seqs.length, 'no edit committed twice');
    return final;
  } finally {
    browser.close();
    await stopChromium(chrome);
    await backend.stop().catch(() => {});
    if (backend.cleanup) backend.cleanup();
    try {
      fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5 });
    } catch {
      // a browser helper still writing; the folder is in the temporary directory anyway
    }
  }
}
