/**
 * A real browser with the built extension, for the browser tests, the benchmarks and `npm start`:
 * Chromium (the default) or Firefox, chosen by `E2E_BROWSER=chromium|firefox` (the vitest projects
 * `e2e-chromium` and `e2e-firefox` set it). puppeteer-core drives the system browser (`CHROME_PATH` /
 * `FIREFOX_PATH` override): plain `puppeteer` would try to download its own, which cannot work on a machine
 * without internet access. Chromium is driven over CDP, Firefox over WebDriver BiDi.
 *
 * Every difference between the two browsers that a test would otherwise see lives in this file:
 * - where the extension's pages are (`extensionOrigin`: `chrome-extension://<id>` or `moz-extension://<uuid>`,
 *   the uuid pinned by a pref) and how to open one (Firefox never reports a `moz-extension:` page as loaded,
 *   and puppeteer does not learn such a tab's URL: `waitForTab` asks the extension's own `tabs.query`;
 *   nor does it learn of a tab an extension page opens: `OpenedTab.drive`);
 * - where to run extension code (`evaluateInExtension`: Chromium's service worker, Firefox's extension page:
 *   Firefox has a background script instead of a service worker, and no target for it);
 * - downloads (`downloadsTo`: CDP `Browser.setDownloadBehavior`, BiDi `browser.setDownloadBehavior` plus
 *   prefs so Firefox never asks; `waitForDownload` waits for Firefox's `.part` and Chromium's `.crdownload`);
 * - the toolbar popup (`openPopup`, see there);
 * - `prefers-color-scheme` (`emulateColorScheme`) and the accessibility check (`unnamedControls`), which
 *   puppeteer implements over CDP only.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page, type WebWorker } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSER_NAMES: readonly BrowserName[] = ['chromium', 'firefox'];

/** The browser the tests run in: `E2E_BROWSER` (not `BROWSER`, which names the desktop's web browser for xdg-open and friends). */
export function browserFromEnv(value = process.env.E2E_BROWSER): BrowserName {
  if (value === undefined || value === '') return 'chromium';
  if ((BROWSER_NAMES as readonly string[]).includes(value)) return value as BrowserName;
  throw new Error(`E2E_BROWSER is "${value}": use one of ${BROWSER_NAMES.join(', ')}.`);
}
export const BROWSER: BrowserName = browserFromEnv();

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The builds the browser tests load: production code plus the local emulator's host permission. */
export const E2E_EXTENSIONS: Record<BrowserName, string> = {
  chromium: path.join(ROOT, '.output/chrome-mv3-e2e'),
  firefox: path.join(ROOT, '.output/firefox-mv3-e2e'),
};
/** The Chromium build (`npm run build:e2e`). */
export const E2E_EXTENSION = E2E_EXTENSIONS.chromium;
const BUILD_COMMANDS: Record<BrowserName, string> = { chromium: 'npm run build:e2e', firefox: 'npm run build:e2e:firefox' };
/** Screenshots: `test/e2e/artifacts/` for Chromium, `test/e2e/artifacts/firefox/` for Firefox. */
export const ARTIFACTS_ROOT = path.join(ROOT, 'test/e2e/artifacts');
export const artifactsFor = (name: BrowserName): string => (name === 'chromium' ? ARTIFACTS_ROOT : path.join(ARTIFACTS_ROOT, name));
export const ARTIFACTS = artifactsFor(BROWSER);

/** The Firefox build's id (wxt.config.ts) and the internal UUID we pin for it, so its pages have a known origin. */
export const GECKO_ID = 'dora-lens@dora-lens.dev';
const FIREFOX_EXTENSION_UUID = '5e0d6a1c-7b2f-4c3e-9a8d-0f1e2d3c4b5a';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox'];

function findBinary(variable: string, candidates: string[], missing: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${variable} is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${missing} Looked in: ${candidates.join(', ')}.`);
  return found;
}

export function findChromium(): string {
  return findBinary(
    'CHROME_PATH',
    CHROMIUM_CANDIDATES,
    'No Chromium found for the browser tests. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or point CHROME_PATH at a Chrome/Chromium binary.',
  );
}

export function findFirefox(): string {
  return findBinary(
    'FIREFOX_PATH',
    FIREFOX_CANDIDATES,
    'No Firefox found for the browser tests (E2E_BROWSER=firefox). Install it (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) or point FIREFOX_PATH at a Firefox binary (153 or newer: ESR 140 lacks the WebDriver BiDi command browser.setDownloadBehavior).',
  );
}

export interface ExtensionBrowser {
  /** Which browser this is. */
  name: BrowserName;
  browser: Browser;
  /** The host of the extension's pages: Chromium's extension id, or the UUID Firefox gives this install. */
  extensionId: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  extensionOrigin: string;
  /** The URL of one of the extension's pages: `extensionUrl('insights.html#origin=…')`. */
  extensionUrl: (pathAndHash: string) => string;
  /**
   * Chromium only: the extension's service worker (retries the first evaluate: it sometimes runs before
   * `chrome` exists). Firefox runs a background script with no target to attach to: use `evaluateInExtension`.
   */
  worker: () => Promise<WebWorker>;
  /**
   * Runs code with the extension's APIs (`chrome.*`; `browser.*` too in Firefox): in the worker, or in an
   * extension page in a background tab. A string keeps Node's types out of it (`chrome` is not declared here).
   */
  evaluateInExtension: <T = unknown>(code: string | (() => T | Promise<T>)) => Promise<T>;
  /** Saves every download from now on into `dir`, without asking. */
  downloadsTo: (dir: string) => Promise<void>;
  /**
   * The toolbar popup over `tab`, as a click on the toolbar button opens it. Chromium: `action.openPopup()`
   * from the worker, and the popup's own page. Firefox: see `openFirefoxPopup`.
   */
  openPopup: (tab: Page) => Promise<Page>;
  /** Waits for a tab (opened by the extension or a page) whose URL passes `test`. */
  waitForTab: (test: (url: string) => boolean, options?: { timeout?: number }) => Promise<OpenedTab>;
  close: () => Promise<void>;
}

export interface OpenedTab {
  url: string;
  close: () => Promise<void>;
  /**
   * A page to drive that shows this tab's URL: the tab itself in Chromium. Firefox does not announce to
   * WebDriver BiDi a tab that an extension page opens (no `contextCreated`), so puppeteer cannot attach to
   * it: the tab is closed and its URL opened in a tab puppeteer can drive.
   */
  drive: () => Promise<Page>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Defaults to `E2E_BROWSER` (Chromium when unset). */
  browser?: BrowserName;
  extensionPath?: string;
  /** Extra command-line arguments for the browser. */
  args?: string[];
}

/** Which browser launched a puppeteer `Browser`, for the helpers below that take a page. */
const launched = new WeakMap<Browser, BrowserName>();
const nameOf = (page: Page): BrowserName => launched.get(page.browser()) ?? BROWSER;

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const name = options.browser ?? BROWSER;
  const extensionPath = options.extensionPath ?? E2E_EXTENSIONS[name];
  if (!existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`${BUILD_COMMANDS[name]}\` first.`);
  }
  const extensionBrowser = name === 'firefox' ? await launchFirefox(extensionPath, options) : await launchChromium(extensionPath, options);
  launched.set(extensionBrowser.browser, name);
  return extensionBrowser;
}

// ------------------------------------------------------------------------------------------ Chromium

async function launchChromium(extensionPath: string, options: LaunchOptions): Promise<ExtensionBrowser> {
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
  const extensionOrigin = `chrome-extension://${extensionId}`;
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
    name: 'chromium',
    browser,
    extensionId,
    extensionOrigin,
    extensionUrl: (pathAndHash) => `${extensionOrigin}/${pathAndHash.replace(/^\//, '')}`,
    worker,
    evaluateInExtension: async <T>(code: string | (() => T | Promise<T>)) => (await (await worker()).evaluate(code)) as T,
    downloadsTo: async (dir) => {
      const cdp = await browser.target().createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    },
    openPopup: async (tab) => {
      await tab.bringToFront();
      const opened = browser.waitForTarget((t) => t.url().endsWith('/popup.html'), { timeout: 15_000 });
      await (await worker()).evaluate('chrome.action.openPopup()');
      return (await (await opened).asPage())!;
    },
    waitForTab: async (test, { timeout = 15_000 } = {}) => {
      const target = await browser.waitForTarget((t) => t.type() === 'page' && test(t.url()), { timeout });
      return {
        url: target.url(),
        close: async () => void (await (await target.page())?.close()),
        drive: async () => (await target.page())!,
      };
    },
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------------------------------ Firefox

/** The part of puppeteer's WebDriver BiDi browser we use directly (not in its public types). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
const bidi = (browser: Browser): BidiConnection => (browser as unknown as { connection: BidiConnection }).connection;

async function launchFirefox(extensionPath: string, options: LaunchOptions): Promise<ExtensionBrowser> {
  // A download folder of ours from the start, so Firefox never shows a dialog; `downloadsTo` moves it.
  const defaultDownloads = mkdtempSync(path.join(tmpdir(), 'dora-lens-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: options.headless ?? true,
    defaultViewport: { width: 1400, height: 900 },
    // `moz-extension:` pages can be driven only with system access allowed.
    args: ['--remote-allow-system-access', ...(options.args ?? [])],
    extraPrefsFirefox: {
      // The extension's pages at a known origin.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      // MV3 host permissions are the user's to grant in Firefox; this grants the declared ones at install,
      // as a user answering the prompt would (an automated browser cannot answer it).
      'extensions.originControls.grantByDefault': true,
      // `action.openPopup()` without a click on the toolbar button (see `openFirefoxPopup`).
      'extensions.openPopupWithoutUserGesture.enabled': true,
      'browser.download.folderList': 2,
      'browser.download.dir': defaultDownloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'text/csv,application/json,application/octet-stream',
      'browser.download.manager.showWhenStarting': false,
      'browser.download.alwaysOpenPanel': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'layout.css.prefers-color-scheme.content-override': 1, // light, until a test asks for dark
      // Background tabs (the extension page we evaluate in, the popup before it is brought to the front)
      // keep foreground timer rates: Preact schedules effects with timers where a hidden tab draws no frames.
      'dom.min_background_timeout_value': 4,
      'dom.min_background_timeout_value_without_budget_throttling': 4,
      'dom.timeout.enable_budget_timer_throttling': false,
    },
  });
  try {
    const id = await browser.installExtension(extensionPath);
    if (id !== GECKO_ID) throw new Error(`Firefox installed the extension as ${id}, expected ${GECKO_ID} (browser_specific_settings.gecko.id in wxt.config.ts).`);
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
  const extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  const extensionUrl = (pathAndHash: string) => `${extensionOrigin}/${pathAndHash.replace(/^\//, '')}`;

  /**
   * An extension page to run code in, opened once in a background tab (so the tab the user is on stays the
   * active one) and kept: opening a tab in the background costs Firefox a second.
   */
  let helper: Promise<Page> | undefined;
  const extensionPage = async (): Promise<Page> => {
    const existing = await helper;
    if (existing && !existing.isClosed()) return existing;
    helper = (async () => {
      const page = await browser.newPage({ background: true });
      await gotoExtensionPage(page, extensionUrl('insights.html'));
      await page.waitForFunction(() => typeof (globalThis as { browser?: unknown }).browser === 'object', { polling: 50 });
      return page;
    })();
    return helper;
  };
  const evaluateInExtension = async <T>(code: string | (() => T | Promise<T>)) => (await (await extensionPage()).evaluate(code)) as T;

  const extensionBrowser: ExtensionBrowser = {
    name: 'firefox',
    browser,
    extensionId: FIREFOX_EXTENSION_UUID,
    extensionOrigin,
    extensionUrl,
    worker: () => Promise.reject(new Error('Firefox runs the extension’s background as a script, not a service worker: use evaluateInExtension().')),
    evaluateInExtension,
    downloadsTo: async (dir) => {
      await bidi(browser).send('browser.setDownloadBehavior', { downloadBehavior: { type: 'allowed', destinationFolder: dir } });
    },
    openPopup: async (tab) => openFirefoxPopup(extensionBrowser, tab, await extensionPage()),
    // puppeteer never learns the URL of a `moz-extension:` tab: ask the extension, which sees every tab.
    waitForTab: async (test, { timeout = 15_000 } = {}) => {
      const page = await extensionPage();
      const own = await page.evaluate(`browser.tabs.getCurrent().then((t) => t.id)`);
      const deadline = Date.now() + timeout;
      for (;;) {
        const tabs = (await page.evaluate(`browser.tabs.query({}).then((ts) => ts.map((t) => [t.id, t.url ?? '']))`)) as [number, string][];
        const found = tabs.find(([id, url]) => id !== own && test(url));
        if (found) {
          const [id, url] = found;
          const close = () => evaluateInExtension<void>(`browser.tabs.remove(${id})`);
          const drive = async () => {
            await close();
            const driven = await browser.newPage();
            if (url.startsWith(extensionOrigin)) await gotoExtensionPage(driven, url);
            else await driven.goto(url);
            return driven;
          };
          return { url, close, drive };
        }
        if (Date.now() > deadline) throw new Error(`No tab matched within ${timeout} ms; open tabs: ${tabs.map(([, url]) => url).join(', ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(defaultDownloads, { recursive: true, force: true });
    },
  };
  return extensionBrowser;
}

/**
 * What a popup document shows about the tab it was opened on (the section under its header), or null until
 * it has read the tab. Source text, run in the popup's document from another extension page or from BiDi.
 */
const POPUP_CONTEXT = `(doc) => {
  const popup = doc.querySelector('.popup');
  const section = popup && popup.children[1];
  if (!section || section.textContent === 'Loading…') return null;
  const summary = popup.querySelector('[data-testid="space-summary"] .space-origin');
  if (summary) return 'space summary ' + summary.textContent;
  const site = popup.querySelector('#current-site-heading');
  if (site) return 'site ' + site.textContent;
  // An Octopus page outside a space: which server, not the text (it changes once the version is read).
  const octopus = popup.querySelector('[data-server]');
  return octopus ? 'octopus ' + octopus.getAttribute('data-server') : 'other: ' + section.textContent;
}`;

/**
 * Firefox's toolbar popup lives in the browser's own UI, where WebDriver BiDi cannot reach it. So:
 * 1. the real popup is opened over `tab` with `action.openPopup()` (allowed without a click by a pref) and
 *    read through `extension.getViews({ type: 'popup' })`: what it found out about the tab is noted, and it
 *    is closed;
 * 2. the same `popup.html` is opened in a background tab of the same window, so `tabs.query({ active: true,
 *    currentWindow: true })` in the popup's own code still answers `tab`: the code path is the popup's,
 *    unchanged. Once it has read the tab and shows the same as the real popup did, its tab is brought to the
 *    front (for focus and keyboard) at a popup's size, and tests drive it like Chromium's popup page.
 */
async function openFirefoxPopup(ext: ExtensionBrowser, tab: Page, extensionPage: Page): Promise<Page> {
  await tab.bringToFront();
  const real = await extensionPage.evaluate(`(async () => {
      await browser.action.openPopup();
      for (let i = 0; i < 150; i++) {
        const [view] = browser.extension.getViews({ type: 'popup' });
        const context = view ? (${POPUP_CONTEXT})(view.document) : null;
        if (context) {
          view.close();
          return context;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('The toolbar popup did not open, or did not read its tab, within 15 s.');
    })()`);
  const popup = await ext.browser.newPage({ background: true });
  await gotoExtensionPage(popup, ext.extensionUrl('popup.html'));
  const handle = await popup.waitForFunction(`(${POPUP_CONTEXT})(document)`, { timeout: 15_000, polling: 50 });
  const copy = await handle.jsonValue();
  if (copy !== real) throw new Error(`popup.html in a tab read "${copy}", the toolbar popup read "${real}".`);
  await popup.bringToFront();
  // Headless Chromium gives popups a 410 × 510 window; a popup sizes itself to its body. (Set in the
  // foreground: Firefox takes a second to resize a background tab.)
  await popup.setViewport({ width: 410, height: 510 });
  return popup;
}

// ------------------------------------------------------------------------------------------ both

/**
 * Opens one of the extension's pages. Firefox never reports a `moz-extension:` page as loaded: wait for the
 * network to settle, then for the document.
 */
export async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  if (nameOf(page) === 'firefox') {
    await page.goto(url, { waitUntil: 'networkidle0' });
    // Polled, not per animation frame: a background tab draws no frames.
    await page.waitForFunction((expected) => location.href.split('#')[0] === expected && document.readyState === 'complete', { polling: 50 }, url.split('#')[0]);
  } else {
    await page.goto(url);
  }
}

/**
 * The DORA Lens panel's frame inside an Octopus page. Its container's shadow root is closed (the host page
 * must not read the extension URL), so it is found among the page's frames: the one showing the
 * extension's insights page (asked of each frame: Firefox does not tell puppeteer a `moz-extension:` frame's URL).
 */
export async function waitForPanelFrame(page: Page, { timeout = 20_000, project }: { timeout?: number; project?: string } = {}): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.detached) continue;
      // After a route change the previous project's panel may still be there for a frame.
      const isPanel = await frame
        .evaluate(
          (slug) => location.protocol.endsWith('-extension:') && location.pathname === '/insights.html' && (slug === null || new URLSearchParams(location.hash.slice(1)).get('project') === slug),
          project ?? null,
        )
        .catch(() => false);
      if (isPanel) return frame;
    }
    if (Date.now() > deadline) throw new Error(`No DORA Lens panel frame in ${page.url()} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reloads one of the extension's pages (see `gotoExtensionPage`). */
export async function reloadExtensionPage(page: Page): Promise<void> {
  if (nameOf(page) === 'firefox') {
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForFunction(() => document.readyState === 'complete', { polling: 50 });
  } else {
    await page.reload();
  }
}

/**
 * `prefers-color-scheme` for `page`. Chromium emulates it per page over CDP. Firefox has no WebDriver BiDi
 * command for it: the content override pref is set from the browser's own (system) scope, for every page.
 */
export async function emulateColorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  if (nameOf(page) === 'chromium') {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    return;
  }
  const connection = bidi(page.browser());
  const { contexts } = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: { context: string }[] };
  await connection.send('script.evaluate', {
    expression: `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1})`,
    target: { context: contexts[0].context },
    awaitPromise: false,
  });
  await page.waitForFunction((dark) => matchMedia('(prefers-color-scheme: dark)').matches === dark, {}, scheme === 'dark');
}

/** Runs privileged code in Firefox's own (chrome) scope over WebDriver BiDi and returns its value. */
async function firefoxChromeEval(browser: Browser, expression: string): Promise<unknown> {
  const connection = bidi(browser);
  const { contexts } = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: { context: string }[] };
  const { result } = (await connection.send('script.evaluate', { expression, target: { context: contexts[0].context }, awaitPromise: true })) as {
    result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } };
  };
  if (result.type !== 'success') throw new Error(`Firefox chrome-scope script failed: ${result.exceptionDetails?.text ?? JSON.stringify(result)}`);
  return result.result?.value;
}

const GECKO_EXTENSION = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent.GlobalManager.getExtension('${GECKO_ID}')`;

/**
 * Firefox's MV3 background is an event page that Firefox suspends (after `extensions.background.idle.timeout`,
 * 30 s by default, or from about:debugging's "Terminate background script"); both call the extension's
 * `terminateBackground()`, which this calls. The next event (a message from a page) starts it again.
 * Resolves with the background's state right after (`stopped`).
 */
export async function terminateFirefoxBackground(browser: Browser): Promise<string> {
  return String(await firefoxChromeEval(browser, `(async () => { const e = ${GECKO_EXTENSION}; await e.terminateBackground(); return e.backgroundState; })()`));
}

/** `running`, `starting`, `suspending`, `stopped`… as Firefox tracks the extension's background. */
export async function firefoxBackgroundState(browser: Browser): Promise<string> {
  return String(await firefoxChromeEval(browser, `${GECKO_EXTENSION}.backgroundState`));
}

/**
 * The roles among `roles` of the controls on `page` that have no accessible name, as the browser's own
 * accessibility tree computes it: Chromium's snapshot over CDP; in Firefox, WebDriver BiDi's accessibility
 * locator asked for each role with an empty name.
 */
export async function unnamedControls(page: Page, roles: string[]): Promise<string[]> {
  if (nameOf(page) === 'chromium') {
    const snapshot = await page.accessibility.snapshot({ interestingOnly: true });
    const unnamed: string[] = [];
    const walk = (node: NonNullable<typeof snapshot>) => {
      if (roles.includes(node.role) && !node.name?.trim()) unnamed.push(node.role);
      node.children?.forEach(walk);
    };
    walk(snapshot!);
    return unnamed;
  }
  const unnamed: string[] = [];
  for (const role of roles) {
    for (const _ of await page.$$(`::-p-aria([name=""][role="${role}"])`)) unnamed.push(role);
  }
  return unnamed;
}

/**
 * The name of the first complete file in `dir` that passes `test` (a CSV by default): Chromium writes
 * `.crdownload` and Firefox `.part` files while downloading.
 */
export async function waitForDownload(dir: string, test: (file: string) => boolean = (f) => f.endsWith('.csv'), timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const files = readdirSync(dir);
    const inProgress = files.some((f) => f.endsWith('.part') || f.endsWith('.crdownload'));
    const done = files.find((f) => test(f) && statSync(path.join(dir, f)).size > 0);
    if (done && !inProgress) return done;
    if (Date.now() > deadline) throw new Error(`No complete download in ${dir} within ${timeout} ms (files: ${files.join(', ') || 'none'}).`);
    await new Promise((r) => setTimeout(r, 100));
  }
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

/** Where `<name>.png` of `page`'s browser goes in the artifacts folder (created if need be). */
export function artifact(page: Page, name: string): string {
  const dir = artifactsFor(nameOf(page));
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** Saves a screenshot of `page` as `<name>.png` in the artifacts folder of the page's browser. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = artifactsFor(nameOf(page));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * The text on the system clipboard, as a paste would give it. Chromium: the page reads it with the Clipboard
 * API once granted (over CDP). Firefox asks the user before a page reads the clipboard, so the text is pasted
 * (Ctrl+V) into a text area put on `page` for the purpose.
 */
export async function readClipboard(page: Page): Promise<string> {
  if (nameOf(page) === 'chromium') {
    await page.browserContext().overridePermissions(new URL(page.url()).origin, ['clipboard-read', 'clipboard-sanitized-write']);
    await page.bringToFront();
    return page.evaluate(() => navigator.clipboard.readText());
  }
  await page.bringToFront();
  await page.evaluate(() => {
    const area = document.createElement('textarea');
    area.id = 'dora-lens-test-paste';
    document.body.append(area);
    area.focus();
  });
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyV');
  await page.keyboard.up('Control');
  return page.$eval('#dora-lens-test-paste', (el) => {
    const text = (el as HTMLTextAreaElement).value;
    el.remove();
    return text;
  });
}

/**
 * Code for an extension page or the worker: how many deployment rows of `project` (its id) DORA Lens keeps
 * apart for its panel (lib/store/slices.ts), read from the one cache in this profile. A string: tsx would
 * wrap a named inner function in a helper the page does not have.
 */
export function keptRowsCode(project: string): string {
  return `(async () => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const [info] = (await indexedDB.databases()).filter((d) => d.name.startsWith('dora-lens:'));
    const db = await request(indexedDB.open(info.name));
    const all = await request(db.transaction('slices').objectStore('slices').getAll());
    db.close();
    return all.filter((s) => s.project === ${JSON.stringify(project)} && s.kind === 'deployments').reduce((n, s) => n + (s.rows ? s.rows.count : 0), 0);
  })()`;
}
