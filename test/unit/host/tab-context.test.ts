import { describe, expect, it } from 'vitest';
import { tabContext } from '@/lib/host/tab-context';

describe('tabContext (what the popup shows for the active tab)', () => {
  it('is a space summary on an enabled server inside a space', () => {
    expect(tabContext(7, 'https://octopus.example.com/app#/Spaces-12/projects/acme-web/deployments', true)).toEqual({
      kind: 'space',
      tabId: 7,
      server: 'https://octopus.example.com',
      spaceId: 'Spaces-12',
    });
    expect(tabContext(7, 'http://127.0.0.1:8066/app#/Spaces-1', true)).toMatchObject({ kind: 'space', spaceId: 'Spaces-1' });
    // A server under a path is that path, not the host.
    expect(tabContext(7, 'https://tools.example.com/octopus/app#/Spaces-3', true)).toMatchObject({ kind: 'space', server: 'https://tools.example.com/octopus' });
  });

  it('offers enabling on an Octopus page of a server that is not enabled yet', () => {
    expect(tabContext(3, 'https://octopus.example.com/app#/Spaces-1/projects', false)).toEqual({
      kind: 'site',
      tabId: 3,
      origin: 'https://octopus.example.com',
      enabled: false,
      server: 'https://octopus.example.com',
    });
  });

  it('is an enabled site outside any space (sign-in, configuration, other paths)', () => {
    for (const url of ['https://octopus.example.com/app#/users/sign-in', 'https://octopus.example.com/app#/configuration/users', 'https://octopus.example.com/']) {
      expect(tabContext(1, url, true), url).toMatchObject({ kind: 'site', enabled: true });
    }
    // A page of the web app names its server (a pre-Spaces project page, say), so the popup can ask its version.
    expect(tabContext(1, 'https://tools.example.com/octopus/app#/projects/web', true)).toMatchObject({ kind: 'site', server: 'https://tools.example.com/octopus' });
    expect(tabContext(1, 'https://octopus.example.com/', true)).not.toHaveProperty('server');
  });

  it('is "other" for browser pages and hidden URLs', () => {
    expect(tabContext(1, 'chrome://newtab/', false)).toEqual({ kind: 'other' });
    expect(tabContext(1, undefined, false)).toEqual({ kind: 'other' });
    expect(tabContext(undefined, 'file:///tmp/a.html', false)).toEqual({ kind: 'other' });
  });
});
