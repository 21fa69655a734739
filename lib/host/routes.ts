/**
 * Octopus web-portal routes, read from `location.hash` (`/app#/Spaces-1/projects/<slug>/…`).
 *
 * Each detector is one line and takes a URL (default: the current location) so tests can pass examples.
 * `ROUTE_EXAMPLES` lists, per detector, URLs it must accept; the route test checks every detector against
 * every example, so each example also documents what the other detectors must reject.
 * Sources: docs/octopus-api.md §4 (Octopus's own extension's regexes, issue URLs, MCP url parser).
 */

export type UrlLike = Pick<URL, 'hash' | 'pathname'> | Location;

export interface OctopusRoute {
  spaceId: string;
  /** Path segments after the space id, e.g. `['projects', 'acme-web', 'deployments']`. */
  rest: string[];
  /** Query string inside the hash (`#/Spaces-1/…?a=b`), without the `?`. */
  query: URLSearchParams;
}

const SPACE_ID = /^Spaces-\d+$/;

/** Splits the hash route; `undefined` when the page is not inside an Octopus space. */
export function parseRoute(url: UrlLike = location): OctopusRoute | undefined {
  if (!/\/app\/?$/.test(url.pathname)) return undefined;
  const hash = url.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = hash.split('?', 2);
  const [spaceId = '', ...rest] = path.split('/').filter(Boolean).map(safeDecode);
  if (!SPACE_ID.test(spaceId)) return undefined;
  return { spaceId, rest, query: new URLSearchParams(query) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Octopus before Spaces (2018.x and older) has routes without a space (`/app#/projects/<slug>/…`). DORA Lens
 * does not support those servers, but recognises their pages to say so where the panel would be.
 */
export function parseLegacyRoute(url: UrlLike = location): Omit<OctopusRoute, 'spaceId'> | undefined {
  if (!/\/app\/?$/.test(url.pathname)) return undefined;
  const [path = '', query = ''] = url.hash.replace(/^#\/?/, '').split('?', 2);
  const rest = path.split('/').filter(Boolean).map(safeDecode);
  if (rest.length === 0 || SPACE_ID.test(rest[0]) || /^Spaces-/i.test(rest[0])) return undefined;
  return { rest, query: new URLSearchParams(query) };
}

/** A project page of a server without Spaces: its project slug. */
export const getLegacyProjectSlug = (url: UrlLike = location): string | undefined => {
  const route = parseLegacyRoute(url);
  return route?.rest[0] === 'projects' && route.rest[1] ? route.rest[1] : undefined;
};

/** The project slug (or id, for id-based `Web` links) of a project page. */
export const getProjectSlug = (url: UrlLike = location): string | undefined => {
  const route = parseRoute(url);
  return route?.rest[0] === 'projects' && route.rest[1] ? route.rest[1] : undefined;
};

export const isSpacePage = (url: UrlLike = location): boolean => parseRoute(url) !== undefined;
export const isProjectPage = (url: UrlLike = location): boolean => getProjectSlug(url) !== undefined;
export const isProjectsList = (url: UrlLike = location): boolean => parseRoute(url)?.rest.join('/') === 'projects';
export const isSpaceDashboard = (url: UrlLike = location): boolean => parseRoute(url)?.rest.length === 0;
export const isSignIn = (url: UrlLike = location): boolean => /^#\/users\/sign-in\b/.test(url.hash);
export const isLegacyProjectPage = (url: UrlLike = location): boolean => getLegacyProjectSlug(url) !== undefined;

export const ROUTE_EXAMPLES: Record<string, string[]> = {
  isProjectPage: [
    'https://octopus.example.com/app#/Spaces-1/projects/acme-web/deployments',
    'https://octopus.example.com/app#/Spaces-1/projects/acme-web/deployments?groupby=channel&release=Releases-51846',
    'https://octopus.example.com/app#/Spaces-1/projects/acme-web/deployments/releases/1.2.3/deployments/Deployments-123',
    'https://octopus.example.com/app#/Spaces-1/projects/acme-web/variables',
    'https://octopus.example.com/app#/Spaces-62/projects/azure-devops-extension/insights/lead-time?channelId=Channels-6743&environmentId=Environments-3641&tenantId=all&cadence=lastYearWeekly',
    'https://samples.octopus.app/app#/Spaces-1/projects/Projects-1',
  ],
  isProjectsList: ['https://octopus.example.com/app#/Spaces-1/projects'],
  isSpaceDashboard: ['https://octopus.example.com/app#/Spaces-1', 'http://127.0.0.1:8080/app#/Spaces-2/'],
  isSignIn: ['https://octopus.example.com/app#/users/sign-in?redirectTo=%2FSpaces-1'],
  isLegacyProjectPage: ['https://octopus.example.com/app#/projects/acme-web', 'https://octopus.example.com/app#/projects/acme-web/variables'],
  none: [
    'https://octopus.example.com/',
    'https://octopus.example.com/api/Spaces-1/projects',
    'https://octopus.example.com/app#/configuration/users',
    'https://octopus.example.com/other#/Spaces-1/projects/acme-web/deployments',
  ],
};
