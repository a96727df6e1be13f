// Headless Chromium for the browser tests, driven by playwright-core (npm, see package.json).
// Playwright's own browser downloads are never used: the browser is Debian's `chromium`
// (scripts/test installs it when missing) or the one named by $CHROMIUM.
import fs from 'node:fs';
import path from 'node:path';

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Chromium binary: $CHROMIUM, else `chromium` (or `chromium-browser`) on the PATH; null if none. */
export function findChromium() {
  if (process.env.CHROMIUM) return fs.existsSync(process.env.CHROMIUM) ? process.env.CHROMIUM : null;
  for (const dir of ['/usr/bin', ...(process.env.PATH || '').split(path.delimiter)]) {
    for (const name of ['chromium', 'chromium-browser']) {
      if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    }
  }
  return null;
}

/** playwright-core's `chromium` launcher, or null when `npm ci` has not installed it. */
export async function loadPlaywright() {
  try {
    return (await import('playwright-core')).chromium;
  } catch (e) {
    if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') return null;
    throw e;
  }
}

/**
 * What stops the browser tests from running here, as a sentence saying how to fix it, or null.
 * (Checked up front so that a missing browser fails the test with advice, not a stack trace.)
 */
export async function missingForBrowserTests() {
  const missing = [];
  if (!findChromium()) {
    missing.push(process.env.CHROMIUM ? `Chromium ($CHROMIUM=${process.env.CHROMIUM} does not exist)` : 'Chromium (no `chromium` on the PATH)');
  }
  if (!await loadPlaywright()) missing.push('playwright-core (no node_modules/playwright-core)');
  if (missing.length === 0) return null;
  return `missing ${missing.join(' and ')}: run scripts/test, which installs what is missing (apt-get install `
    + 'chromium; npm ci in src/web), or set TANDEM_BROWSER_TESTS=off to skip the browser tests';
}

/** Launches headless Chromium (Playwright gives it a fresh, temporary profile). */
export async function launchChromium({ executablePath = findChromium(), timeoutMs = 30000 } = {}) {
  const chromium = await loadPlaywright();
  if (!chromium || !executablePath) throw new Error(await missingForBrowserTests());
  return chromium.launch({ executablePath, args: ARGS, timeout: timeoutMs });
}
