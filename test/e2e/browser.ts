/**
 * Real Chromium with the built extension, for the browser tests and `npm start`.
 * puppeteer-core drives the system Chromium (`CHROME_PATH` overrides): plain `puppeteer` would try to
 * download its own browser, which cannot work on a machine without internet access.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The build the browser tests load: production code plus the local emulator's host permission. */
export const E2E_EXTENSION = path.join(ROOT, '.output/chrome-mv3-e2e');
export const ARTIFACTS = path.join(ROOT, 'test/e2e/artifacts');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
        `or point CHROME_PATH at a Chrome/Chromium binary. Looked in: ${CANDIDATES.join(', ')}.`,
    );
  }
  return found;
}

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  /** The extension's service worker (retries the first evaluate: it sometimes runs before `chrome` exists). */
  worker: () => Promise<WebWorker>;
  close: () => Promise<void>;
}

export async function launchWithExtension(
  options: { headless?: boolean; extensionPath?: string; args?: string[] } = {},
): Promise<ExtensionBrowser> {
  const extensionPath = options.extensionPath ?? E2E_EXTENSION;
  if (!existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`npm run build -- --mode e2e\` first.`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'dora-lens-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: options.headless ?? true,
    pipe: true,
    enableExtensions: [extensionPath],
    userDataDir,
    defaultViewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 20_000 },
  );
  const extensionId = new URL(target.url()).host;
  const worker = async () => {
    const w = (await target.worker())!;
    for (let attempt = 0; ; attempt++) {
      try {
        await w.evaluate('typeof chrome.runtime.id');
        return w;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  return {
    browser,
    extensionId,
    worker,
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the emulator's sign-in page, as a user would. */
export async function signIn(page: Page, baseUrl: string, user: { username: string; password: string }, route = '#/Spaces-1'): Promise<void> {
  await page.goto(`${baseUrl}/app#/users/sign-in?redirectTo=${encodeURIComponent(route.replace(/^#/, ''))}`);
  const username = await page.waitForSelector('::-p-aria(Username)', { timeout: 15_000 });
  await username!.type(user.username);
  await (await page.waitForSelector('::-p-aria(Password)'))!.type(user.password);
  await Promise.all([
    page.waitForFunction((expected) => location.hash.startsWith(expected), { timeout: 15_000 }, route),
    (await page.waitForSelector('::-p-aria([name="Sign in"][role="button"])'))!.click(),
  ]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
