/**
 * What an Octopus server is to DORA Lens: its **base URL** — origin plus the path Octopus is hosted under
 * (`https://tools.example.com/octopus`), without a trailing slash (DESIGN.md decision 6). Requests, links,
 * caches and reports use it; two Octopus servers under different paths of one host are two servers. The
 * browser's host permission is per origin, so a grant covers every server on that origin.
 *
 * The base URL is read from the Octopus web app's own address: the app lives at `<base>/app`
 * (`https://tools.example.com/octopus/app#/Spaces-1/…`), never guessed from anything else.
 */

export type ServerUrlResult = { ok: true; server: string; origin: string; isCloud: boolean } | { ok: false; error: string };

const HAS_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;
/** The web app's path: `/app`, `/app/` or `/app/index.html`, after the base path. */
const WEB_APP = /^(.*?)\/app(?:\/(?:index\.html)?)?$/i;

/** Octopus Cloud is declared in the manifest (`https://*.octopus.app/*`): nothing to grant. */
export const isOctopusCloud = (url: URL): boolean => url.protocol === 'https:' && url.hostname.endsWith('.octopus.app');

const isHttp = (url: URL): boolean => url.protocol === 'http:' || url.protocol === 'https:';
const trimSlashes = (path: string): string => path.replace(/\/+$/, '');

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The server a page of the Octopus web app belongs to (`…/octopus/app#/…` → `…/octopus`); `undefined` for
 * any page that is not the web app (a different path, a non-web URL, nothing at all).
 */
export function serverOfPage(pageUrl: string | undefined): string | undefined {
  const url = pageUrl ? tryUrl(pageUrl) : undefined;
  if (!url || !isHttp(url) || url.username || url.password) return undefined;
  const match = WEB_APP.exec(url.pathname);
  return match ? url.origin + trimSlashes(match[1]) : undefined;
}

/**
 * A server base URL from an untrusted place (a URL hash, a message, storage), accepted only in the exact
 * form {@link serverOfPage} produces: http(s), no credentials, query or fragment, no trailing slash, no
 * dot segments or other spelling the URL parser would rewrite. Anything else is `undefined`.
 */
export function canonicalServer(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  const url = tryUrl(value);
  if (!url || !isHttp(url) || url.username || url.password || url.search || url.hash || value.includes('#') || value.includes('?')) return undefined;
  const canonical = url.origin + trimSlashes(url.pathname);
  return canonical === value ? canonical : undefined;
}

/** The origin of a server base URL (what a host permission is granted for). */
export const serverOrigin = (server: string): string => new URL(server).origin;

/** A server's web app, e.g. for a link back to it. */
export const webAppUrl = (server: string): string => `${server}/app`;

/** Where the user signs in to a server again (its web app's sign-in route). */
export const signInUrl = (server: string): string => `${webAppUrl(server)}#/users/sign-in`;

/**
 * Validates a server address typed by the user; a bare host name is taken as https. An address copied
 * from an Octopus tab (`…/octopus/app#/Spaces-1/…`) gives that tab's server; any other path is taken as
 * the base path.
 */
export function parseServerUrl(input: string): ServerUrlResult {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Enter your Octopus server’s address, for example https://octopus.example.com.' };
  const url = tryUrl(HAS_SCHEME.test(text) ? text : `https://${text}`);
  if (!url) return { ok: false, error: 'That is not a web address. Copy it from your Octopus tab, for example https://octopus.example.com.' };
  if (!isHttp(url)) return { ok: false, error: 'Only http:// and https:// addresses can be enabled.' };
  // WHATWG URLs accept `*` in host names; a wildcard here would grant far more than one server.
  if (!url.hostname || url.hostname.includes('*')) {
    return { ok: false, error: 'Enter the address of one server; wildcards are not allowed.' };
  }
  const base = serverOfPage(`${url.origin}${url.pathname}`) ?? url.origin + trimSlashes(url.pathname);
  return { ok: true, server: base, origin: url.origin, isCloud: isOctopusCloud(url) };
}

/** The origin of an http(s) page, `undefined` for anything else (browser pages, files, no URL at all). */
export function httpOrigin(url: string | undefined): string | undefined {
  const parsed = url ? tryUrl(url) : undefined;
  return parsed && isHttp(parsed) ? parsed.origin : undefined;
}

/** A server as people read it: host and path, without the scheme (`tools.example.com/octopus`). */
export const serverLabel = (server: string): string => server.replace(/^https?:\/\//, '');
