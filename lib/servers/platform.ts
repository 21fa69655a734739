/**
 * Where the browsers we build for behave differently, in one place. Each build is for one browser (WXT sets
 * `import.meta.env.FIREFOX` when it builds), so these are constants of the build, not checks at run time.
 * Differences the manifest or the build absorbs (Firefox's background script instead of a service worker,
 * `browser_specific_settings`) are in wxt.config.ts.
 */

/**
 * Whether a match pattern can name a port. Chromium honours `http://host:8080/*` as that port only.
 * Firefox has no ports in match patterns: `http://host:8080/*` matches nothing at all, while `http://host/*`
 * matches the host on every port, and `permissions.contains` for the port's pattern is false even when
 * `http://host/*` is granted (measured in Firefox ESR 153). So in Firefox a server on a port is granted,
 * checked and given its content script by its host's pattern.
 */
export const MATCH_PATTERNS_HAVE_PORTS: boolean = !import.meta.env.FIREFOX;
