/**
 * The one rule the worker applies before it makes a request, reads or writes a cache, or starts a sync
 * (DESIGN.md decision 9): only for a server the user has enabled (declared or granted, asked of the
 * browser at the time), only for a space id of Octopus's form, and only for a caller whose own context
 * vouches for that server — a framed page on a page of that server, a top-level page the extension
 * opened for it, the popup or options page. A URL hash or a message names a server; it never decides.
 */
import { canonicalServer, serverOfPage } from '@/lib/host/server-url';
import type { Caller } from './caller';

export const SPACE_ID = /^Spaces-\d{1,9}$/;

export interface Grants {
  /** Whether the browser reports a host permission (declared or granted) for the server's origin now. */
  isEnabled(server: string): Promise<boolean>;
  /** The server and space the extension opened this tab for, if it did. */
  openedPage(tabId: number): Promise<{ server: string; space: string } | undefined>;
}

export type RefusalReason = 'unknown-caller' | 'bad-server' | 'bad-space' | 'not-enabled' | 'wrong-site' | 'not-opened';

export type Verdict = { ok: true; server: string; space?: string } | { ok: false; reason: RefusalReason; detail: string };

const refuse = (reason: RefusalReason, detail: string): Verdict => ({ ok: false, reason, detail });

/**
 * @example
 * await authorize({ kind: 'framed', topUrl: 'https://evil.example/' }, { server: 'https://octopus.example.com', space: 'Spaces-1' }, grants)
 * //=> { ok: false, reason: 'wrong-site', … }
 */
export async function authorize(caller: Caller, claim: { server?: unknown; space?: unknown }, grants: Grants): Promise<Verdict> {
  if (caller.kind === 'unknown') return refuse('unknown-caller', caller.why);
  // A content script works for the page it runs in, whatever its message says.
  const server = caller.kind === 'content' ? serverOfPage(caller.pageUrl) : canonicalServer(claim.server);
  if (!server) return refuse('bad-server', `not a server base URL: ${describe(caller.kind === 'content' ? caller.pageUrl : claim.server)}`);
  let space: string | undefined;
  if (claim.space !== undefined) {
    if (typeof claim.space !== 'string' || !SPACE_ID.test(claim.space)) return refuse('bad-space', `not a space id: ${describe(claim.space)}`);
    space = claim.space;
  }
  if (!(await grants.isEnabled(server))) return refuse('not-enabled', `DORA Lens is not enabled for ${server}`);
  switch (caller.kind) {
    case 'popup':
    case 'options':
    case 'content':
      return { ok: true, server, space };
    case 'framed': {
      const top = serverOfPage(caller.topUrl);
      return top === server ? { ok: true, server, space } : refuse('wrong-site', `framed on ${describe(caller.topUrl)}, not on ${server}`);
    }
    case 'page': {
      const opened = await grants.openedPage(caller.tabId);
      if (opened?.server === server && (space === undefined || opened.space === space)) return { ok: true, server, space };
      return refuse('not-opened', `tab ${caller.tabId} was not opened by DORA Lens for ${server} ${space ?? ''}`.trim());
    }
  }
}

/** For the debugging log: enough to recognise a value, never a whole attacker-chosen string. */
function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}
