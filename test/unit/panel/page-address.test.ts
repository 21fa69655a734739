import { describe, expect, it } from 'vitest';
import { panelPageUrl, readPageHash } from '@/lib/panel/page-address';
import { reportPageUrl } from '@/lib/report/report-page-url';

const PAGE = 'chrome-extension://abc/insights.html';

describe('the insights page address', () => {
  it('carries the host route’s query, then the server, space, project and theme for the panel frame', () => {
    const url = panelPageUrl(PAGE, { server: 'https://o.example/octopus', space: 'Spaces-1', project: 'web', dark: true, query: new URLSearchParams('doraLens=insights&range=lastYear') });
    expect(url).toBe(`${PAGE}#doraLens=insights&range=lastYear&server=https%3A%2F%2Fo.example%2Foctopus&space=Spaces-1&project=web&theme=dark`);
    expect(readPageHash(new URLSearchParams(new URL(url).hash.slice(1)))).toEqual({
      server: 'https://o.example/octopus',
      space: 'Spaces-1',
      project: 'web',
      theme: 'dark',
      ticket: undefined,
    });
  });

  it('reads a report tab’s address, written by the worker, as the report of a space', () => {
    const url = reportPageUrl(PAGE, 'https://o.example', 'Spaces-2', { ticket: 'ab12' });
    expect(readPageHash(new URLSearchParams(new URL(url).hash.slice(1)))).toEqual({ server: 'https://o.example', space: 'Spaces-2', project: null, theme: null, ticket: 'ab12' });
  });

  it('claims nothing it was not given, and no theme but light or dark', () => {
    expect(readPageHash(new URLSearchParams('theme=purple'))).toEqual({ server: '', space: '', project: null, theme: null, ticket: undefined });
  });
});
