/**
 * A `fetch` for Node that behaves like a signed-in browser tab towards one Octopus server: it signs in
 * through `POST /api/users/login` and sends the session cookies back on every request, as the browser
 * does for the extension's worker. Used by the sync tests and `npm run bench:sync`; the browser tests use
 * real Chromium cookies instead.
 */
export interface SessionFetch {
  fetch: typeof fetch;
  signIn(username: string, password: string): Promise<void>;
  /** Forgets the cookies, like signing out in another tab or the browser dropping the session. */
  clearCookies(): void;
  cookies(): Map<string, string>;
  /** Requests sent, by path without the query (retries count). */
  requests: string[];
}

/** `baseUrl`: the server's base URL, its path included when Octopus is hosted under one (`http://host/octopus`). */
export function sessionFetch(baseUrl: string): SessionFetch {
  // Captured now: a test may install this session's fetch as the global one.
  const fetch = globalThis.fetch;
  const jar = new Map<string, string>();
  const requests: string[] = [];
  const store = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };
  const withCookies = (init: RequestInit = {}): RequestInit => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    return { ...init, headers };
  };
  const doFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url, baseUrl);
    requests.push(url.pathname);
    const response = await fetch(url, withCookies(init));
    store(response);
    return response;
  };
  return {
    fetch: doFetch,
    requests,
    cookies: () => new Map(jar),
    clearCookies: () => jar.clear(),
    async signIn(username, password) {
      const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Username: username, Password: password, State: { UsingSecureConnection: false } }),
      });
      if (!response.ok) throw new Error(`Sign-in as ${username} failed: HTTP ${response.status} ${await response.text()}`);
      store(response);
    },
  };
}
