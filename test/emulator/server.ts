/**
 * The Octopus emulator: a local HTTP server speaking Octopus's REST API (shapes, paging, ids, dates,
 * cookie + CSRF auth, per-user permissions, error bodies), serving the web UI mimic, with seeded history,
 * fault injection and request counters. See README.md.
 *
 *   const emu = await startEmulator({ scale: 'tiny', seed: 1, port: 0 });
 *   … fetch(`${emu.url}/api`) …
 *   await emu.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ActivityResult } from './activity';
import { authCookieName, CSRF_HEADER, csrfCookieName, parseCookies, type SameSite } from './auth';
import { insideBasePath, normaliseBasePath } from './base-path';
import { EmulatorCore } from './core';
import type { CountersSnapshot } from './counters';
import { csrfRejected, errorBody, HttpError, methodNotAllowed, notFound, unauthorized } from './errors';
import type { FaultRule } from './faults';
import { generateStore } from './generator/index';
import { isScaleName } from './generator/scales';
import type { HistoryFile } from './history-file';
import { readHistoryFile } from './history-load';
import { writeHistoryFile } from './history-write';
import { ignoredParams, octopusProfile } from './profiles';
import { Query } from './query';
import { type Ctx, type Reply, type Route, Router } from './router';
import { registerCatalog } from './routes/catalog';
import { registerControl } from './routes/control';
import { registerDashboard } from './routes/dashboard';
import { registerDeployments } from './routes/deployments';
import { registerEvents } from './routes/events';
import { registerInterruptions } from './routes/interruptions';
import { registerReleases } from './routes/releases';
import { registerRoot } from './routes/root';
import { registerTasks } from './routes/tasks';
import { registerUsers } from './routes/users';
import { serveWeb } from './routes/web';
import { responseReplacer } from './shape';
import type { Store } from './store';
import { EMULATOR_USERS } from './users';

export type { HistoryFile } from './history-file';

export interface EmulatorOptions {
  scale?: 'tiny' | 'demo' | 'large' | 'huge';
  seed?: number;
  /** A history file to serve instead of generating one. */
  data?: string;
  /** 0 = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Fault spec, see faults.ts / README.md. */
  faults?: string;
  sameSite?: SameSite;
  sessionTimeoutMinutes?: number;
  /** The emulator's clock (epoch ms); history ends here. Default: now, rounded down to the minute. */
  now?: number;
  /**
   * Serve Octopus under a path, as behind a reverse proxy (`/octopus`: `/octopus/app`, `/octopus/api`,
   * cookies and links under it). Default: the root.
   */
  basePath?: string;
  /**
   * The Octopus release to behave as (profiles.ts): `2018.10` (no Spaces), `2019.7`, `2020.5`, `2022.1`,
   * `2023.1`, `2024.3` (default; also `current`, `cloud`).
   */
  octopusVersion?: string;
}

export interface SignedIn {
  /** A `Cookie` header value carrying both session cookies. */
  cookie: string;
  /** The anti-forgery token, as stored (URL-encoded): send it as `X-Octopus-Csrf-Token`. */
  csrfToken: string;
  /** Ready-made headers for non-GET requests. */
  headers: Record<string, string>;
}

export interface RunningEmulator {
  /** The server's base URL: its origin plus the base path (`http://127.0.0.1:8080/octopus`). */
  url: string;
  /** Scheme, host and port only. */
  origin: string;
  /** `''` at the root, else e.g. `/octopus`. */
  basePath: string;
  port: number;
  installationId: string;
  close(): Promise<void>;
  /** Ground truth, Octopus-shaped: the same object the history file holds. */
  history(): HistoryFile;
  setFaults(spec: string): FaultRule[];
  counters(): CountersSnapshot;
  resetCounters(): void;
  /** Moves the clock forward and adds deployments (as `POST /__emulator/activity`). */
  advance(opts: { minutes?: number; deployments?: number }): ActivityResult;
  /** The emulator's clock (epoch ms). */
  now(): number;
  expireSessions(): number;
  /** Signs in through the API, as the web UI does. */
  signIn(user?: keyof typeof EMULATOR_USERS | { username: string; password: string }): Promise<SignedIn>;
  writeHistory(path: string): Promise<void>;
  /** The internals, for tests that need them. */
  readonly store: Store;
}

const DEFAULT_SESSION_TIMEOUT_MINUTES = 20;
const SCOPED = new Set([
  'projects',
  'projectgroups',
  'environments',
  'channels',
  'tenants',
  'tagsets',
  'lifecycles',
  'releases',
  'deployments',
  'interruptions',
  'dashboard',
]);

/** Legacy and alternative routes: `/api/spaces/Spaces-1/x` and `/api/x` (default space) → `/api/Spaces-1/x`. */
function canonicalPath(path: string, defaultSpaceId: string): string {
  const inSpaces = /^\/api\/spaces\/(Spaces-\d+)\/(.+)$/i.exec(path);
  if (inSpaces) return `/api/${inSpaces[1]}/${inSpaces[2]}`;
  const legacy = /^\/api\/([A-Za-z]+)(\/.*)?$/.exec(path);
  if (legacy && SCOPED.has(legacy[1].toLowerCase())) return `/api/${defaultSpaceId}/${legacy[1]}${legacy[2] ?? ''}`;
  return path;
}

export function createStore(opts: EmulatorOptions = {}): Store {
  const seed = opts.seed ?? 1;
  if (opts.data) {
    const store = readHistoryFile(opts.data, { seed });
    if (opts.now !== undefined && opts.now > store.now) store.advanceTo(opts.now);
    return store;
  }
  const scale = opts.scale ?? 'demo';
  if (!isScaleName(scale)) throw new Error(`unknown scale "${scale}" (tiny, demo, large or huge)`);
  const now = opts.now ?? Math.floor(Date.now() / 60_000) * 60_000;
  return generateStore({ scale, seed, now });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 4 << 20) {
        reject(new HttpError(413, errorBody('The request body is too large.')));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const INJECTED: Record<number, string> = {
  429: 'Too many requests. Please slow down and try again later.',
  500: 'An unexpected error occurred while processing the request.',
  502: 'Bad gateway.',
  503: 'Octopus Server is currently unavailable. Please try again later.',
  504: 'The request timed out.',
};

export function createHandler(core: EmulatorCore) {
  const profile = core.options.profile;
  const replacer = responseReplacer(profile, core.options.basePath);
  const api = new Router();
  registerRoot(api);
  registerUsers(api);
  registerCatalog(api);
  registerReleases(api);
  registerDeployments(api);
  registerTasks(api);
  registerInterruptions(api);
  registerEvents(api);
  registerDashboard(api);
  const control = new Router();
  registerControl(control);

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    reply: Reply,
    opts: { count?: string; corrupt?: FaultRule } = {},
  ): void => {
    const status = reply.status ?? 200;
    const headers: Record<string, string | string[]> = { ...reply.headers };
    let data: Buffer | string;
    let contentType: string;
    if (reply.raw) {
      data = reply.raw.data;
      contentType = reply.raw.contentType;
    } else {
      let text = reply.body === undefined ? '' : JSON.stringify(reply.body, replacer);
      if (opts.corrupt?.kind === 'truncate') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      // A stray trailing comma: syntactically invalid, otherwise intact.
      if (opts.corrupt?.kind === 'malformed') text = `${text.slice(0, -1)},${text.slice(-1)}`;
      data = text;
      contentType = 'application/json; charset=utf-8';
    }
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    res.writeHead(status, {
      'Content-Type': contentType,
      'Content-Length': String(bytes),
      'X-Octopus-Version': profile.version,
      ...(reply.raw ? {} : { 'Cache-Control': 'no-cache, no-store' }),
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : data);
    if (opts.count) core.counters.record(opts.count, status, req.method === 'HEAD' ? 0 : bytes);
  };

  const run = async (route: Route, params: Record<string, string>, req: IncomingMessage, path: string, query: Query) => {
    const ctx = { req, method: req.method ?? 'GET', path, query, params, core, body: undefined } as unknown as Ctx;
    if (route.auth) {
      const cookies = parseCookies(req.headers.cookie);
      const session = core.sessions.use(cookies.get(authCookieName(core.store.installationId)));
      if (!session) throw unauthorized();
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
        const header = req.headers[CSRF_HEADER];
        if (typeof header !== 'string' || header !== session.csrf) throw csrfRejected();
      }
      ctx.session = session;
      ctx.access = core.access(session.user);
    }
    if (ctx.method === 'POST' || ctx.method === 'PUT') {
      const text = await readBody(req);
      if (text.trim()) {
        const type = req.headers['content-type'] ?? '';
        if (type.includes('json') || /^\s*[{[]/.test(text)) {
          try {
            ctx.body = JSON.parse(text);
          } catch {
            throw new HttpError(400, errorBody('There was a problem with your request.', ['The request body is not valid JSON.']));
          }
        } else ctx.body = text;
      }
    }
    return route.handler(ctx);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator');
    } catch {
      send(req, res, { status: 400, raw: { data: 'Bad request', contentType: 'text/plain' } });
      return;
    }
    const query = new Query(url.searchParams);
    const base = core.options.basePath;
    // The control endpoints answer at the root too: tests drive the emulator, not the proxied server.
    const controlPath = url.pathname.startsWith('/__emulator') ? url.pathname : insideBasePath(url.pathname, base);

    if (controlPath?.startsWith('/__emulator')) {
      const { route, params } = control.match(method, controlPath);
      try {
        if (!route) throw notFound(controlPath);
        const reply = await run(route, params, req, controlPath, query);
        if (reply.stream) {
          res.writeHead(200, { 'Content-Type': reply.contentType ?? 'application/octet-stream' });
          await reply.stream(res);
        } else send(req, res, reply);
      } catch (e) {
        send(req, res, errorReply(e));
      }
      return;
    }

    const pathname = insideBasePath(url.pathname, base);
    if (pathname === undefined) {
      // What a reverse proxy answers for a path it does not forward to Octopus.
      send(req, res, { status: 404, raw: { data: 'Not found', contentType: 'text/plain; charset=utf-8' } }, { count: `${method} (outside ${base})` });
      return;
    }

    if (!pathname.startsWith('/api')) {
      const web = serveWeb(pathname, core.options.uiDir, base);
      const count = pathname.startsWith('/app/assets/')
        ? `${method} /app/assets/{file}`
        : ['/', '/app', '/app/'].includes(pathname)
          ? `${method} ${pathname}`
          : `${method} (other)`;
      send(req, res, web ?? { status: 404, raw: { data: 'Not found', contentType: 'text/plain; charset=utf-8' } }, { count });
      return;
    }

    const path = canonicalPath(pathname, core.store.spaces[core.defaultSpace].Id);
    // Before Spaces (2019.1) the API had no space segment at all: only the legacy paths exist.
    const beforeSpaces = !profile.spaces && /^\/api\/(spaces|Spaces-\d+)(\/|$)/i.test(pathname);
    const { route, params, allowed } = beforeSpaces ? { route: undefined, params: {}, allowed: [] } : api.match(method, path);
    const count = route ? `${route.method} ${route.template}` : `${method} (no route)`;

    const decision = core.faults.decide(method, pathname);
    if (decision.latencyMs > 0) {
      core.counters.fault('latency');
      await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    }
    if (decision.expireSessions) {
      core.counters.fault('expire-session');
      core.sessions.expireAll();
    }
    const fault = decision.response;
    if (fault) core.counters.fault(fault.kind === 'status' ? String(fault.status) : fault.kind);
    if (fault?.kind === 'drop') {
      core.counters.record(count, 0, 0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'redirect') {
      // Another port of the same host: an address the browser's host permission for the server also covers.
      const hostname = new URL(`http://${req.headers.host ?? '127.0.0.1'}`).hostname;
      const location = `http://${hostname}:${fault.redirectPort}${req.url ?? '/'}`;
      send(req, res, { status: 302, headers: { Location: location }, raw: { data: '', contentType: 'text/plain' } }, { count });
      return;
    }
    if (fault?.kind === 'status') {
      const status = fault.status!;
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
      send(
        req,
        res,
        {
          status,
          body: errorBody(INJECTED[status] ?? `Injected fault (${status}).`, [], {
            FullException: status >= 500 ? 'Octopus.Server.Emulator.InjectedFaultException: injected by the fault spec' : null,
          }),
          headers,
        },
        { count },
      );
      return;
    }

    let reply: Reply;
    try {
      if (!route) throw allowed.length ? methodNotAllowed() : notFound();
      // Octopus binds only the parameters a route declares: an older version ignores newer filters.
      const ignored = ignoredParams(profile, route.template);
      const known = ignored.size ? new Query(new URLSearchParams([...url.searchParams].filter(([name]) => !ignored.has(name.toLowerCase())))) : query;
      reply = await run(route, params, req, path, known);
    } catch (e) {
      reply = errorReply(e);
    }
    send(req, res, reply, { count, corrupt: fault });
  };
}

function errorReply(e: unknown): Reply {
  if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
  const error = e as Error;
  return {
    status: 500,
    body: errorBody('An unexpected error occurred while processing the request.', [error?.message ?? String(e)], {
      FullException: error?.stack ?? null,
    }),
  };
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const basePath = normaliseBasePath(opts.basePath ?? '');
  const profile = octopusProfile(opts.octopusVersion);
  const store = createStore(opts);
  const core = new EmulatorCore(store, {
    sameSite: opts.sameSite ?? 'Lax',
    sessionTimeoutMinutes: opts.sessionTimeoutMinutes ?? DEFAULT_SESSION_TIMEOUT_MINUTES,
    faults: opts.faults ?? '',
    seed: opts.seed ?? 1,
    uiDir: fileURLToPath(new URL('./ui/', import.meta.url)),
    basePath,
    profile,
  });
  const handler = createHandler(core);
  const server = createServer((req, res) => {
    handler(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    });
  });
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = origin + basePath;

  return {
    url,
    origin,
    basePath,
    port,
    installationId: store.installationId,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    history: () => core.history(),
    setFaults: (spec) => core.faults.set(spec),
    counters: () => core.counters.snapshot(),
    resetCounters: () => core.counters.reset(),
    advance: (a) => core.advance(a),
    now: () => store.now,
    expireSessions: () => core.sessions.expireAll(),
    writeHistory: (path) => writeHistoryFile(store, path),
    async signIn(user = 'admin') {
      const credentials =
        typeof user === 'string'
          ? { username: EMULATOR_USERS[user].username, password: EMULATOR_USERS[user].password }
          : user;
      const response = await fetch(`${url}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          Username: credentials.username,
          Password: credentials.password,
          State: { UsingSecureConnection: false },
        }),
      });
      if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
      const csrfName = csrfCookieName(store.installationId);
      const csrfToken = cookies.find((c) => c.startsWith(`${csrfName}=`))?.slice(csrfName.length + 1) ?? '';
      const cookie = cookies.join('; ');
      return { cookie, csrfToken, headers: { Cookie: cookie, 'X-Octopus-Csrf-Token': csrfToken } };
    },
  };
}
