/**
 * Hash routing as the portal does it: `/app#/<path>?<query>`. Links are plain `<a href="#/…">` (the
 * browser fires hashchange); some transitions use history.pushState, which fires nothing, so the router
 * re-renders itself — exactly the case an extension watching only `hashchange` would miss.
 */

let renderer = () => {};
let renderedHash;

export function setRenderer(fn) {
  renderer = fn;
}

function run() {
  renderedHash = location.hash;
  renderer();
}

// A fragment navigation fires popstate and then hashchange; render once for both.
function onLocationEvent() {
  if (location.hash !== renderedHash) run();
}

export function startRouter() {
  window.addEventListener('popstate', onLocationEvent);
  window.addEventListener('hashchange', onLocationEvent);
  run();
}

/** The current route: `path` starts with '/', `query` is the part after '?' inside the hash. */
export function currentRoute() {
  const hash = location.hash.replace(/^#/, '');
  const at = hash.indexOf('?');
  const rawPath = at < 0 ? hash : hash.slice(0, at);
  const path = `/${rawPath.split('/').filter(Boolean).join('/')}`;
  return { path, query: new URLSearchParams(at < 0 ? '' : hash.slice(at + 1)), full: hash || '/' };
}

/**
 * Route paths are built as `/${space}/…`; before Spaces (Octopus 2018 and older) the space is '' and
 * the doubled slash goes, so `/${space}/projects` is `/projects` there.
 */
export const routePath = (path) => path.replace(/\/{2,}/g, '/');

/** A link target for a route path. */
export const href = (path) => `#${routePath(path)}`;

/** Navigate like a link click: a new history entry and a hashchange. */
export function navigate(path) {
  location.hash = routePath(path);
}

/** Navigate like React Router's history.push: new history entry, no hashchange, render ourselves. */
export function pushRoute(path) {
  history.pushState(null, '', href(path));
  run();
}

/** Swap the current entry (redirects), then render. */
export function replaceRoute(path) {
  history.replaceState(null, '', href(path));
  run();
}

/**
 * Matches `path` against patterns like ':space/projects/:project/deployments'. A trailing '*' matches
 * any rest. `constraints` maps a parameter name to a RegExp it must satisfy.
 */
export function matchRoute(routes, path, constraints = {}) {
  const raw = path.split('/').filter(Boolean);
  const segments = raw.map(decodeSegment);
  for (const route of routes) {
    const parts = route.path.split('/').filter(Boolean);
    const wildcard = parts.at(-1) === '*';
    if (wildcard) parts.pop();
    if (wildcard ? segments.length < parts.length : segments.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      if (parts[i].startsWith(':')) {
        const name = parts[i].slice(1);
        ok = constraints[name] ? constraints[name].test(segments[i]) : true;
        params[name] = segments[i];
      } else {
        ok = parts[i] === segments[i];
      }
    }
    if (ok) {
      // The rest stays encoded: it is matched again by a nested route table, which decodes it.
      if (wildcard) params.rest = raw.slice(parts.length).join('/');
      return { route, params };
    }
  }
  return undefined;
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Encodes one path segment for a link (release versions, slugs). */
export const seg = (value) => encodeURIComponent(value);
