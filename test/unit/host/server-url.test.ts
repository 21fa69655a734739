import { describe, expect, it } from 'vitest';
import { canonicalServer, httpOrigin, parseServerUrl, serverOfPage } from '@/lib/host/server-url';

describe('parseServerUrl', () => {
  it.each([
    ['https://octopus.example.com', 'https://octopus.example.com'],
    ['  https://octopus.example.com/  ', 'https://octopus.example.com'],
    ['https://octopus.example.com/app#/Spaces-1/projects/acme-web/deployments', 'https://octopus.example.com'],
    ['HTTPS://Octopus.Example.COM:443/app', 'https://octopus.example.com'],
    ['http://10.0.0.5:8080/app?x=1', 'http://10.0.0.5:8080'],
    ['octopus.example.com', 'https://octopus.example.com'],
    ['octopus.internal:8443/app', 'https://octopus.internal:8443'],
    ['https://user:secret@octopus.example.com/', 'https://octopus.example.com'],
    ['http://[::1]:8066/app', 'http://[::1]:8066'],
  ])('%s → %s', (input, origin) => {
    expect(parseServerUrl(input)).toMatchObject({ ok: true, origin, server: origin, isCloud: false });
  });

  it('recognises Octopus Cloud, which needs no grant', () => {
    expect(parseServerUrl('https://acme.octopus.app/app#/Spaces-1')).toEqual({ ok: true, server: 'https://acme.octopus.app', origin: 'https://acme.octopus.app', isCloud: true });
    // Only over https, and only sub-domains of octopus.app itself.
    expect(parseServerUrl('http://acme.octopus.app')).toMatchObject({ ok: true, isCloud: false });
    expect(parseServerUrl('https://octopus.app.evil.example')).toMatchObject({ ok: true, isCloud: false });
  });

  it.each([
    ['', /Enter your Octopus server/],
    ['   ', /Enter your Octopus server/],
    ['ftp://octopus.example.com', /Only http/],
    ['file:///etc/passwd', /Only http/],
    ['chrome://extensions', /Only http/],
    ['https://*.example.com', /wildcards/],
    ['https://exa mple.com', /not a web address/],
    ['https://', /not a web address/],
  ])('refuses %j with a message saying why', (input, message) => {
    const result = parseServerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('httpOrigin', () => {
  it('gives the origin of web pages only', () => {
    expect(httpOrigin('https://octopus.example.com/app#/Spaces-1')).toBe('https://octopus.example.com');
    expect(httpOrigin('http://127.0.0.1:8066/app')).toBe('http://127.0.0.1:8066');
    expect(httpOrigin('chrome://newtab/')).toBeUndefined();
    expect(httpOrigin('chrome-extension://abc/options.html')).toBeUndefined();
    expect(httpOrigin('about:blank')).toBeUndefined();
    expect(httpOrigin(undefined)).toBeUndefined();
    expect(httpOrigin('not a url')).toBeUndefined();
  });
});

describe('serverOfPage (a server is its base URL, read from the web app’s own address)', () => {
  it.each([
    ['https://octopus.example.com/app#/Spaces-1/projects/web', 'https://octopus.example.com'],
    ['https://octopus.example.com/app/#/Spaces-1', 'https://octopus.example.com'],
    ['https://tools.example.com/octopus/app#/Spaces-1/projects/web', 'https://tools.example.com/octopus'],
    ['https://tools.example.com/a/b/app?x=1#/Spaces-1', 'https://tools.example.com/a/b'],
    ['http://127.0.0.1:8066/app', 'http://127.0.0.1:8066'],
  ])('%s → %s', (page, server) => {
    expect(serverOfPage(page)).toBe(server);
    // And the result is in the one form the worker accepts.
    expect(canonicalServer(server)).toBe(server);
  });

  it.each([['https://octopus.example.com/'], ['https://octopus.example.com/apps#/Spaces-1'], ['https://octopus.example.com/evil.html#/app'], ['javascript:alert(1)//app'], ['chrome-extension://x/app'], [undefined], ['https://u:p@octopus.example.com/app']])(
    'is undefined for %s',
    (page) => expect(serverOfPage(page)).toBeUndefined(),
  );
});

describe('parseServerUrl with a base path', () => {
  it('keeps the path Octopus is hosted under, from a typed address or a copied tab address', () => {
    expect(parseServerUrl('https://tools.example.com/octopus/')).toEqual({ ok: true, server: 'https://tools.example.com/octopus', origin: 'https://tools.example.com', isCloud: false });
    expect(parseServerUrl('tools.example.com/octopus/app#/Spaces-1/projects')).toMatchObject({ server: 'https://tools.example.com/octopus' });
  });
});
