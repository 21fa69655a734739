/**
 * Turning what a user types or what a tab shows into the origin a host permission is granted for.
 * Permissions are per origin, so any path, query or hash (`…/app#/Spaces-1/…`) is dropped.
 */

export type ServerUrlResult = { ok: true; origin: string; isCloud: boolean } | { ok: false; error: string };

const HAS_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

/** Octopus Cloud is declared in the manifest (`https://*.octopus.app/*`): nothing to grant. */
export const isOctopusCloud = (url: URL): boolean => url.protocol === 'https:' && url.hostname.endsWith('.octopus.app');

/** Validates a server address typed by the user; a bare host name is taken as https. */
export function parseServerUrl(input: string): ServerUrlResult {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Enter your Octopus server’s address, for example https://octopus.example.com.' };
  let url: URL;
  try {
    url = new URL(HAS_SCHEME.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, error: 'That is not a web address. Copy it from your Octopus tab, for example https://octopus.example.com.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: 'Only http:// and https:// addresses can be enabled.' };
  }
  // WHATWG URLs accept `*` in host names; a wildcard here would grant far more than one server.
  if (!url.hostname || url.hostname.includes('*')) {
    return { ok: false, error: 'Enter the address of one server; wildcards are not allowed.' };
  }
  return { ok: true, origin: url.origin, isCloud: isOctopusCloud(url) };
}

/** The origin of an http(s) page, `undefined` for anything else (browser pages, files, no URL at all). */
export function httpOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
