/**
 * Which Octopus servers DORA Lens works on (DESIGN.md decision 6). Octopus Cloud is declared in the
 * manifest; a self-hosted server is an optional host permission the user grants from the popup or the
 * options page, after which the content script is registered for that origin.
 */
import browser from 'webextension-polyfill';
import { MATCH_PATTERNS_HAVE_PORTS } from './platform';

const SCRIPT_ID_PREFIX = 'octopus-server-';

/**
 * The host permission and content-script pattern for one server: its origin, with the port where the
 * browser's match patterns can name one (Chromium), else its host on any port (Firefox: ./platform.ts).
 */
export function originPattern(origin: string, withPort = MATCH_PATTERNS_HAVE_PORTS): string {
  const url = new URL(origin);
  return `${url.protocol}//${withPort ? url.host : url.hostname}/*`;
}

/** `https://octopus.example.com/*` → `https://octopus.example.com`; wildcard patterns → undefined. */
export function patternOrigin(pattern: string): string | undefined {
  const match = /^(https?:\/\/[^/*]+)\/\*$/.exec(pattern);
  return match ? match[1] : undefined;
}

/** Must run in a user gesture (a click in the popup or options page): the browser shows its prompt. */
export async function enableServer(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(origin)] });
}

export async function disableServer(origin: string): Promise<void> {
  await browser.permissions.remove({ origins: [originPattern(origin)] });
  await syncContentScripts();
}

/** Self-hosted servers the user has granted (declared Cloud hosts and e2e test hosts are not listed). */
export async function enabledServers(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  const declared = new Set(browser.runtime.getManifest().host_permissions ?? []);
  return origins.filter((p) => !declared.has(p)).flatMap((p) => patternOrigin(p) ?? []);
}

export async function isServerEnabled(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(origin)] });
}

/**
 * Registers the content script for every granted server and unregisters it for revoked ones. Called by the
 * worker at start-up and whenever permissions change, so the registrations always match the grants.
 */
export async function syncContentScripts(): Promise<void> {
  const servers = await enabledServers();
  const wanted = new Map(servers.map((origin) => [SCRIPT_ID_PREFIX + encodeURIComponent(origin), origin]));
  const registered = await browser.scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => s.id.startsWith(SCRIPT_ID_PREFIX));
  const stale = ours.filter((s) => !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(ours.map((s) => s.id));
  const missing = [...wanted].filter(([id]) => !have.has(id));
  if (missing.length) {
    await browser.scripting.registerContentScripts(
      missing.map(([id, origin]) => ({ id, matches: [originPattern(origin)], js: ['content-scripts/octopus.js'], runAt: 'document_idle' as const, persistAcrossSessions: true })),
    );
  }
}
