/**
 * Cookie sessions as Octopus's web UI uses them (docs/octopus-api.md §3): `POST /api/users/login` sets
 * `OctopusIdentificationToken_<InstallationId>` (HttpOnly) and `Octopus-Csrf-Token_<InstallationId>`
 * (readable by scripts, URL-encoded); state-changing requests must echo the anti-forgery cookie's value,
 * exactly as stored, in `X-Octopus-Csrf-Token`. Sessions slide: each request extends them.
 */
import { randomBytes } from 'node:crypto';

export type SameSite = 'Lax' | 'Strict';

export interface Session {
  token: string;
  /** The anti-forgery token as stored in the cookie (URL-encoded). */
  csrf: string;
  user: number;
  lastSeen: number;
}

export const authCookieName = (installationId: string) => `OctopusIdentificationToken_${installationId}`;
export const csrfCookieName = (installationId: string) => `Octopus-Csrf-Token_${installationId}`;
export const CSRF_HEADER = 'x-octopus-csrf-token';

/**
 * An anti-forgery token shaped like Octopus's: base64 pieces joined by `|`, stored URL-encoded with
 * lower-case escapes (`%2f`, `%7c`, `%3d`). A client that decodes it before echoing it gets a 403.
 */
export function newCsrfToken(): string {
  const a = randomBytes(12).toString('base64');
  const b = randomBytes(9).toString('base64');
  const c = randomBytes(16).toString('base64');
  const raw = `${a}/${b}|${c}`;
  return raw.replace(/[/|=+]/g, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export class Sessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    /** Sliding timeout; a session unused for this long is gone. */
    public timeoutMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  create(user: number): Session {
    const session = {
      token: randomBytes(24).toString('base64url'),
      csrf: newCsrfToken(),
      user,
      lastSeen: this.clock(),
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token, extended by this use; undefined when unknown or timed out. */
  use(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.clock();
    if (now - session.lastSeen > this.timeoutMs) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastSeen = now;
    return session;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  expireAll(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** Cookie header → name/value pairs, values untouched (Octopus's tokens stay URL-encoded). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/** `path`: where the server lives (`/`, or its base path such as `/octopus`): the browser sends the cookies only there. */
export function sessionCookies(installationId: string, session: Session, sameSite: SameSite, secure: boolean, path = '/'): string[] {
  const tail = `; path=${path}; SameSite=${sameSite}${secure ? '; Secure' : ''}`;
  return [
    `${authCookieName(installationId)}=${session.token}${tail}; HttpOnly`,
    `${csrfCookieName(installationId)}=${session.csrf}${tail}`,
  ];
}

export function clearedCookies(installationId: string, sameSite: SameSite, secure: boolean, path = '/'): string[] {
  const tail = `; path=${path}; expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=${sameSite}${secure ? '; Secure' : ''}`;
  return [`${authCookieName(installationId)}=${tail}; HttpOnly`, `${csrfCookieName(installationId)}=${tail}`];
}
