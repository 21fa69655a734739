import { describe, expect, it } from 'vitest';
import { authorize, type Grants } from '@/lib/trust/authorize';

const SERVER = 'https://octopus.example.com';
const PROXIED = 'https://tools.example.com/octopus';

function grants(enabled: string[], opened: Record<number, { server: string; space: string }> = {}): Grants {
  return {
    isEnabled: async (server) => enabled.includes(new URL(server).origin),
    openedPage: async (tabId) => opened[tabId],
  };
}

describe('authorize (the worker’s one rule)', () => {
  const all = grants([SERVER, 'https://tools.example.com']);

  it('serves a framed page only on a page of the same server, whatever its hash says', async () => {
    const claim = { server: SERVER, space: 'Spaces-1' };
    expect(await authorize({ kind: 'framed', topUrl: `${SERVER}/app#/Spaces-1/projects/web` }, claim, all)).toEqual({ ok: true, server: SERVER, space: 'Spaces-1' });
    expect(await authorize({ kind: 'framed', topUrl: 'https://evil.example/app#/Spaces-1' }, claim, all)).toMatchObject({ ok: false, reason: 'wrong-site' });
    expect(await authorize({ kind: 'framed', topUrl: undefined }, claim, all)).toMatchObject({ ok: false, reason: 'wrong-site' });
    // Same host, another server (path) or a page outside the web app: not the same server.
    expect(await authorize({ kind: 'framed', topUrl: `${SERVER}/evil/app#/Spaces-1` }, claim, all)).toMatchObject({ ok: false, reason: 'wrong-site' });
    expect(await authorize({ kind: 'framed', topUrl: `${SERVER}/upload/evil.html` }, claim, all)).toMatchObject({ ok: false, reason: 'wrong-site' });
    expect(await authorize({ kind: 'framed', topUrl: `${PROXIED}/app#/Spaces-2` }, { server: PROXIED, space: 'Spaces-2' }, all)).toMatchObject({ ok: true, server: PROXIED });
  });

  it('refuses servers that are not enabled, before anything else is considered', async () => {
    const verdict = await authorize({ kind: 'popup' }, { server: 'http://attacker.example/track-abc123', space: 'Spaces-1' }, all);
    expect(verdict).toMatchObject({ ok: false, reason: 'not-enabled' });
  });

  it.each([
    ['javascript:alert(1)'],
    ['http://octopus.example.com/a/../b'],
    ['https://user:pw@octopus.example.com'],
    ['https://octopus.example.com/?x=1'],
    ['https://octopus.example.com/'],
    ['HTTPS://OCTOPUS.EXAMPLE.COM'],
    [''],
    [42],
    [undefined],
  ])('refuses %j as a server', async (server) => {
    expect(await authorize({ kind: 'popup' }, { server, space: 'Spaces-1' }, all)).toMatchObject({ ok: false, reason: 'bad-server' });
  });

  it.each([['..'], ['Spaces-1/../../api'], ['spaces-1'], ['Spaces-'], ['Spaces-1 '], [7], ['Projects-1']])('refuses %j as a space', async (space) => {
    expect(await authorize({ kind: 'popup' }, { server: SERVER, space }, all)).toMatchObject({ ok: false, reason: 'bad-space' });
  });

  it('serves a top-level page only when the extension opened that tab for that server and space', async () => {
    const g = grants([SERVER], { 5: { server: SERVER, space: 'Spaces-1' } });
    expect(await authorize({ kind: 'page', tabId: 5 }, { server: SERVER, space: 'Spaces-1' }, g)).toMatchObject({ ok: true });
    expect(await authorize({ kind: 'page', tabId: 5 }, { server: SERVER, space: 'Spaces-2' }, g)).toMatchObject({ ok: false, reason: 'not-opened' });
    expect(await authorize({ kind: 'page', tabId: 6 }, { server: SERVER, space: 'Spaces-1' }, g)).toMatchObject({ ok: false, reason: 'not-opened' });
  });

  it('takes a content script’s server from its page, never from its message', async () => {
    const content = { kind: 'content' as const, pageUrl: `${PROXIED}/app#/Spaces-3`, tabId: 1 };
    expect(await authorize(content, { server: SERVER, space: 'Spaces-3' }, all)).toEqual({ ok: true, server: PROXIED, space: 'Spaces-3' });
    expect(await authorize({ kind: 'content', pageUrl: 'https://evil.example/app#/Spaces-1' }, { space: 'Spaces-1' }, all)).toMatchObject({ ok: false, reason: 'not-enabled' });
  });

  it('refuses unknown callers', async () => {
    expect(await authorize({ kind: 'unknown', why: 'test' }, { server: SERVER }, all)).toMatchObject({ ok: false, reason: 'unknown-caller' });
  });
});
