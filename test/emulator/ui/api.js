/**
 * The portal's API client: same-origin fetches carrying the session cookie, Octopus's errors contract,
 * the anti-forgery header on state-changing requests, and paging by `Links["Page.Next"]`.
 */

export class ApiError extends Error {
  constructor(status, body, url) {
    super(body?.ErrorMessage || `The server responded with ${status} for ${url}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.url = url;
  }
}

/**
 * Where the server lives: everything before `/app` in the page's own address (`/octopus` for
 * `https://tools.example.com/octopus/app#/…`, '' at the root). Paths below start with `/api`; links the server
 * sends already carry the base (it expands them against itself).
 */
export const basePath = location.pathname.replace(/\/app(\/.*)?$/, '');

/**
 * A same-server path (`/api/…`, `/app/…`) as a URL under the base. Paths are built as `/api/${space}/…`;
 * before Spaces the space is '' and the doubled slash goes (`/api/projects`, Octopus 2018's path).
 */
export function serverUrl(path) {
  if (!path.startsWith('/api') && !path.startsWith('/app/')) return path;
  const at = path.indexOf('?');
  const pathname = (at < 0 ? path : path.slice(0, at)).replace(/\/{2,}/g, '/');
  return basePath + pathname + (at < 0 ? '' : path.slice(at));
}

let installationId;
let unauthorizedHandler = () => {};

export function setInstallationId(id) {
  installationId = id;
}

/** Called when a request other than the session probes gets 401: the session has expired. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/**
 * The anti-forgery cookie's value exactly as stored: the server compares it byte for byte with the
 * header, and the stored value is URL-encoded, so decoding it would fail the check.
 */
export function csrfToken() {
  if (!installationId) return undefined;
  const name = `Octopus-Csrf-Token_${installationId}`;
  for (const pair of document.cookie.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * options: method, body (sent as JSON), signal, expect401 (the caller handles 401 itself, e.g. the
 * sign-in probe, instead of being sent to the sign-in page).
 */
export async function request(url, { method = 'GET', body, signal, expect401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-Octopus-Csrf-Token'] = token;
  }
  const response = await fetch(serverUrl(url), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  const data = await readBody(response);
  if (!response.ok) {
    const error = new ApiError(response.status, data, url);
    if (response.status === 401 && !expect401) unauthorizedHandler(error);
    throw error;
  }
  return data;
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { ErrorMessage: text.slice(0, 500) };
  }
}

export const get = (url, options) => request(url, options);

/** `path` plus query parameters; undefined/empty values are left out. */
export function withQuery(path, params) {
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : v)}`)
    .join('&');
  return query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
}

/** Every item of a collection, following `Page.Next` (bounded, so a misbehaving server cannot loop us). */
export async function getAll(path, { signal, take = 500, maxPages = 40 } = {}) {
  const items = [];
  let url = withQuery(path, { skip: 0, take });
  for (let page = 0; url && page < maxPages; page++) {
    const collection = await get(url, { signal });
    items.push(...(collection?.Items ?? []));
    url = collection?.Links?.['Page.Next'];
  }
  return items;
}

/** Resources by id, in batches that keep URLs short; returns a Map id → resource. */
export async function getByIds(path, ids, { signal, batch = 100 } = {}) {
  const unique = [...new Set(ids.filter(Boolean))];
  const found = new Map();
  for (let i = 0; i < unique.length; i += batch) {
    const slice = unique.slice(i, i + batch);
    const collection = await get(withQuery(path, { ids: slice, take: slice.length }), { signal });
    for (const item of collection?.Items ?? []) found.set(item.Id, item);
  }
  return found;
}

export const isAbort = (error) => error?.name === 'AbortError';
