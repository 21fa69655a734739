/**
 * Who sent a message to the worker, from what the browser itself reports about the sender (never from
 * the message). Only the extension's own code can reach `runtime.onMessage` (other extensions arrive on
 * `onMessageExternal`, which we do not listen to; web pages cannot send at all), but our code runs in
 * places an attacker chooses: `insights.html` is web-accessible, so any site can frame it or open it as a
 * tab with a hash of its choosing. Those cases are told apart here.
 */

/** The parts of `runtime.MessageSender` this reads (the same in Chromium and Firefox). */
export interface SenderFacts {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export type Caller =
  /** The toolbar popup: not web-accessible, so no site can open or frame it. */
  | { kind: 'popup' }
  /** The options page: not web-accessible. */
  | { kind: 'options' }
  /** The insights page as a top-level tab: fine only when the extension opened it (see opened-pages.ts). */
  | { kind: 'page'; tabId: number }
  /** The insights page inside a frame: fine only on a page of the same server (`topUrl`, the tab's address). */
  | { kind: 'framed'; topUrl?: string }
  /** Our content script, running in `pageUrl` (a server DORA Lens is enabled on). */
  | { kind: 'content'; pageUrl?: string; tabId?: number }
  | { kind: 'unknown'; why: string };

const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:']);

export function callerOf(sender: SenderFacts, ownId: string): Caller {
  if (sender.id !== ownId) return { kind: 'unknown', why: `message from another extension (${String(sender.id)})` };
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    return { kind: 'unknown', why: 'sender without a URL' };
  }
  // Chromium serves web-accessible pages under a per-session dynamic host too: the scheme says "ours",
  // the id check above says which extension.
  if (!EXTENSION_SCHEMES.has(url.protocol)) return { kind: 'content', pageUrl: sender.tab?.url ?? sender.url, tabId: sender.tab?.id };
  switch (url.pathname) {
    // Not web-accessible: only the browser (toolbar button) or the user can open these, in a popup or a tab.
    case '/popup.html':
      return { kind: 'popup' };
    case '/options.html':
      return { kind: 'options' };
    case '/insights.html': {
      if (!sender.tab) return { kind: 'unknown', why: 'insights page outside a tab' };
      const topLevel = (sender.frameId ?? 0) === 0 && isExtensionUrl(sender.tab.url);
      if (topLevel && sender.tab.id !== undefined) return { kind: 'page', tabId: sender.tab.id };
      return { kind: 'framed', topUrl: sender.tab.url };
    }
    default:
      return { kind: 'unknown', why: `unexpected page ${url.pathname}` };
  }
}

function isExtensionUrl(value: string | undefined): boolean {
  try {
    return EXTENSION_SCHEMES.has(new URL(value ?? '').protocol);
  } catch {
    return false;
  }
}
