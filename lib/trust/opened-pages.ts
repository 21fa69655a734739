/**
 * Which top-level insights tabs the extension itself opened, and for which server and space. The page is
 * web-accessible, so any site can open it with a hash of its choosing; only a tab recorded here (or one the
 * user confirmed with a click inside the page) is served.
 *
 * Opening works by ticket: the worker issues a single-use random ticket for (server, space), puts it in the
 * new tab's hash, and the page presents it with its first request; the worker then binds the ticket to the
 * sender's tab id (which the browser reports, so it cannot be forged). A tab keeps its record across
 * reloads and worker restarts (session storage) until it closes or the browser restarts.
 */

export interface OpenedPage {
  server: string;
  space: string;
}

/** A key-value area: `browser.storage.session` in the worker, a Map in tests or where there is none. */
export interface SessionArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** Tickets are redeemed by the page the worker just opened: a few seconds; a minute is generous. */
export const TICKET_TTL_MS = 60_000;

const TICKET = /^[0-9a-f]{32}$/;
const ticketKey = (ticket: string) => `opened-ticket:${ticket}`;
const tabKey = (tabId: number) => `opened-tab:${tabId}`;

export interface OpenedPages {
  issueTicket(page: OpenedPage): Promise<string>;
  /** Binds a ticket to the tab that presents it; true when it was valid for that server and space. */
  redeem(ticket: unknown, tabId: number, page: OpenedPage): Promise<boolean>;
  /** Records a tab the user confirmed from inside the page. */
  adopt(tabId: number, page: OpenedPage): Promise<void>;
  openedPage(tabId: number): Promise<OpenedPage | undefined>;
  forgetTab(tabId: number): Promise<void>;
  /** Forgets every tab and ticket of a server DORA Lens is no longer enabled for (a grant was revoked). */
  forgetRevoked(isEnabled: (server: string) => Promise<boolean>): Promise<void>;
}

export function openedPages(area: SessionArea, now: () => number = Date.now, random: () => string = randomTicket): OpenedPages {
  return {
    async issueTicket(page) {
      const ticket = random();
      await area.set(ticketKey(ticket), { ...page, expires: now() + TICKET_TTL_MS });
      return ticket;
    },
    async redeem(ticket, tabId, page) {
      if (typeof ticket !== 'string' || !TICKET.test(ticket)) return false;
      const stored = (await area.get(ticketKey(ticket))) as (OpenedPage & { expires: number }) | undefined;
      await area.remove(ticketKey(ticket)); // single use, valid or not
      if (!stored || stored.expires < now() || stored.server !== page.server || stored.space !== page.space) return false;
      await area.set(tabKey(tabId), { server: page.server, space: page.space });
      return true;
    },
    adopt: (tabId, page) => area.set(tabKey(tabId), { server: page.server, space: page.space }),
    async openedPage(tabId) {
      const value = (await area.get(tabKey(tabId))) as OpenedPage | undefined;
      return value && typeof value.server === 'string' && typeof value.space === 'string' ? value : undefined;
    },
    forgetTab: (tabId) => area.remove(tabKey(tabId)),
    async forgetRevoked(isEnabled) {
      for (const key of await area.keys()) {
        if (!key.startsWith('opened-')) continue;
        const value = (await area.get(key)) as Partial<OpenedPage> | undefined;
        if (typeof value?.server !== 'string' || !(await isEnabled(value.server))) await area.remove(key);
      }
    },
  };
}

export function randomTicket(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function memoryArea(): SessionArea {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    remove: async (key) => void map.delete(key),
    keys: async () => [...map.keys()],
  };
}
