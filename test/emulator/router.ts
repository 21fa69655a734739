/**
 * Route table: URI templates (`/api/{spaceId}/deployments/{id}`) matched against paths. The template is
 * also the key requests are counted under.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session } from './auth';
import type { EmulatorCore } from './core';
import type { Access } from './permissions';
import type { Query } from './query';

export interface Reply {
  status?: number;
  /** JSON-serialised unless `raw` is given. */
  body?: unknown;
  raw?: { data: Buffer | string; contentType: string };
  headers?: Record<string, string | string[]>;
  /** Writes the body itself (large downloads); must end the response. */
  stream?: (res: ServerResponse) => Promise<void>;
  contentType?: string;
}

export interface Ctx {
  req: IncomingMessage;
  method: string;
  path: string;
  query: Query;
  params: Record<string, string>;
  body: unknown;
  core: EmulatorCore;
  /** Set for routes that need a session. */
  session: Session;
  access: Access;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  template: string;
  /** Whether the route needs a signed-in user. */
  auth: boolean;
  handler: Handler;
  pattern: RegExp;
  names: string[];
}

/** Parameter shapes: a space id never collides with `users`, `tasks` or `spaces`. */
const PARAM_PATTERNS: Record<string, string> = {
  spaceId: '(Spaces-\\d+)',
  rest: '(.+)',
};

export class Router {
  readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler, opts: { auth?: boolean } = {}): void {
    const names: string[] = [];
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return PARAM_PATTERNS[name] ?? '([^/]+)';
    });
    this.routes.push({
      method,
      template,
      auth: opts.auth ?? true,
      handler,
      pattern: new RegExp(`^${source}/?$`, 'i'),
      names,
    });
  }

  get(template: string, handler: Handler, opts?: { auth?: boolean }): void {
    this.add('GET', template, handler, opts);
  }

  post(template: string, handler: Handler, opts?: { auth?: boolean }): void {
    this.add('POST', template, handler, opts);
  }

  /** The route for a method and path; `allowed` lists other methods when only the method is wrong. */
  match(method: string, path: string): { route?: Route; params: Record<string, string>; allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]);
      });
      return { route, params, allowed };
    }
    return { params: {}, allowed };
  }
}
