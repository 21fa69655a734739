/**
 * The insights page's address. Its hash says which server, space and project the page is for, its theme and
 * the view (the panel's parameters, lib/panel/panel-params.ts) — a claim only: the page is web-accessible, so
 * anyone can write one, and the worker decides whether the page may serve it (lib/trust/authorize.ts). The
 * content script writes it for the panel's frame; the worker writes it for a report tab
 * (lib/report/report-page-url.ts); the page reads it here.
 */

export interface PageClaim {
  /** The Octopus server's base URL, as the hash names it. */
  server: string;
  space: string;
  /** A project's slug: the panel; none: the space report. */
  project: string | null;
  /** The host page's colour scheme, when the content script saw one. */
  theme: 'light' | 'dark' | null;
  /** The single-use pass of a tab the worker opened (lib/trust/opened-pages.ts). */
  ticket?: string;
}

/**
 * The panel frame's address: the host route's own query (the view parameters and anything else in it), plus
 * the server, space, project and theme.
 *
 * @example
 * panelPageUrl('chrome-extension://abc/insights.html', { server: 'https://o.example', space: 'Spaces-1', project: 'web', dark: false, query: new URLSearchParams('doraLens=insights') })
 * //=> 'chrome-extension://abc/insights.html#doraLens=insights&server=https%3A%2F%2Fo.example&space=Spaces-1&project=web&theme=light'
 */
export function panelPageUrl(pageUrl: string, claim: { server: string; space: string; project: string; dark: boolean; query: URLSearchParams }): string {
  const params = new URLSearchParams(claim.query);
  params.set('server', claim.server);
  params.set('space', claim.space);
  params.set('project', claim.project);
  params.set('theme', claim.dark ? 'dark' : 'light');
  return `${pageUrl}#${params}`;
}

/**
 * What the page's hash claims; absent values are empty (the page then says it cannot serve them).
 *
 * @example
 * readPageHash(new URLSearchParams('server=https%3A%2F%2Fo.example&space=Spaces-1&view=report'))
 * //=> { server: 'https://o.example', space: 'Spaces-1', project: null, theme: null, ticket: undefined }
 */
export function readPageHash(hash: URLSearchParams): PageClaim {
  const theme = hash.get('theme');
  return {
    server: hash.get('server') ?? '',
    space: hash.get('space') ?? '',
    project: hash.get('project'),
    theme: theme === 'dark' || theme === 'light' ? theme : null,
    ticket: hash.get('ticket') ?? undefined,
  };
}
