import { describe, expect, it } from 'vitest';
import { memoryArea, openedPages, randomTicket, TICKET_TTL_MS } from '@/lib/trust/opened-pages';

const PAGE = { server: 'https://octopus.example.com', space: 'Spaces-1' };

describe('opened pages (tabs the extension opened)', () => {
  it('binds a ticket to the tab that presents it, once, for its own server and space', async () => {
    const pages = openedPages(memoryArea());
    const ticket = await pages.issueTicket(PAGE);
    expect(await pages.redeem(ticket, 3, { ...PAGE, space: 'Spaces-2' })).toBe(false);
    // A failed try uses the ticket up: it cannot be guessed at.
    expect(await pages.redeem(ticket, 3, PAGE)).toBe(false);
    const second = await pages.issueTicket(PAGE);
    expect(await pages.redeem(second, 4, PAGE)).toBe(true);
    expect(await pages.openedPage(4)).toEqual(PAGE);
    expect(await pages.redeem(second, 5, PAGE)).toBe(false);
    expect(await pages.openedPage(5)).toBeUndefined();
  });

  it('lets tickets expire and refuses malformed ones', async () => {
    let now = 1_000;
    const pages = openedPages(memoryArea(), () => now);
    const ticket = await pages.issueTicket(PAGE);
    now += TICKET_TTL_MS + 1;
    expect(await pages.redeem(ticket, 1, PAGE)).toBe(false);
    for (const bad of ['', 'x', '../', 42, undefined, 'A'.repeat(32)]) expect(await pages.redeem(bad, 1, PAGE)).toBe(false);
  });

  it('forgets closed tabs and every tab of a revoked server', async () => {
    const pages = openedPages(memoryArea());
    await pages.adopt(1, PAGE);
    await pages.adopt(2, { server: 'https://other.example.com/octopus', space: 'Spaces-9' });
    await pages.forgetTab(1);
    expect(await pages.openedPage(1)).toBeUndefined();
    await pages.adopt(1, PAGE);
    await pages.forgetRevoked(async (server) => server !== PAGE.server);
    expect(await pages.openedPage(1)).toBeUndefined();
    expect(await pages.openedPage(2)).toEqual({ server: 'https://other.example.com/octopus', space: 'Spaces-9' });
  });

  it('makes unguessable tickets', () => {
    const tickets = new Set(Array.from({ length: 100 }, randomTicket));
    expect(tickets.size).toBe(100);
    for (const t of tickets) expect(t).toMatch(/^[0-9a-f]{32}$/);
  });
});
