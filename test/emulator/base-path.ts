/**
 * Octopus hosted under a path (a reverse proxy or an IIS virtual directory: `https://tools.example.com/octopus`).
 * Everything Octopus serves moves under the path — the web UI (`/octopus/app#/Spaces-1/…`), the API
 * (`/octopus/api/…`), the session cookies' `Path` — and every link in a response carries it: the server
 * expands its `~/api/…` routes against its own base, and Octopus's clients resolve a link that starts with
 * `/` against the host, not the base (OctopusClients `DefaultLinkResolver`, api-client.ts `Resolver`).
 */

const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * `/octopus`, `octopus/`, `/tools/octopus` → `/octopus`, `/tools/octopus`; `''` or `/` → `''` (the root).
 * Throws with what to type instead for anything else.
 */
export function normaliseBasePath(input: string): string {
  const segments = input.trim().split('/').filter(Boolean);
  for (const segment of segments) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..') {
      throw new Error(
        `base path "${input}" is not a plain URL path: use letters, digits and . _ ~ - between slashes, e.g. /octopus`,
      );
    }
  }
  return segments.length ? `/${segments.join('/')}` : '';
}

/** The path inside the base (`/octopus/api` → `/api`), or undefined for a path outside it. */
export function insideBasePath(pathname: string, base: string): string | undefined {
  if (!base) return pathname;
  if (pathname === base) return '/';
  return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : undefined;
}
