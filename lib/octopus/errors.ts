/**
 * Errors a user (or lib/sync) can act on. Each `message` is a sentence for the user that says what to do;
 * `kind` is for code. `toJSON()` keeps them useful after runtime messaging, which drops Error prototypes.
 */
import { signInUrl } from '@/lib/host/server-url';

/** Octopus's error body ("errors contract"). */
export interface OctopusErrorBody {
  ErrorMessage?: string;
  Errors?: string[];
}

export type OctopusErrorKind =
  | 'not-signed-in'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'network-error'
  | 'unexpected-response'
  | 'schema-mismatch'
  | 'unsupported-version'
  | 'aborted';

export abstract class OctopusError extends Error {
  abstract readonly kind: OctopusErrorKind;
  /** True when the same request may succeed later without the user doing anything. */
  abstract readonly transient: boolean;

  constructor(
    message: string,
    /** The request URL, when the error belongs to one. */
    readonly url?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    const { cause: _cause, stack: _stack, ...fields } = this as unknown as Record<string, unknown>;
    return { ...fields, name: this.name, kind: this.kind, message: this.message, transient: this.transient };
  }
}

export const isOctopusError = (error: unknown): error is OctopusError => error instanceof OctopusError;

/** Octopus's own words, when its body had any. */
function detail(body: OctopusErrorBody | undefined): string {
  if (!body?.ErrorMessage) return '';
  const extra = body.Errors?.filter((e) => e && e !== body.ErrorMessage) ?? [];
  return extra.length > 0 ? `${body.ErrorMessage} (${extra.join('; ')})` : body.ErrorMessage;
}

/** 401: the session cookie is missing or expired. */
export class NotSignedIn extends OctopusError {
  readonly kind = 'not-signed-in';
  readonly transient = false;
  /** Where the user signs in again. */
  readonly signInUrl: string;
  readonly serverMessage?: string;

  constructor(origin: string, url?: string, body?: OctopusErrorBody) {
    super(
      `Your Octopus session has expired or you are not signed in. Sign in to ${origin} and try again.`,
      url,
    );
    this.signInUrl = signInUrl(origin);
    this.serverMessage = detail(body) || undefined;
  }
}

/** 403: signed in, but the user lacks a permission Octopus checks for this request. */
export class Forbidden extends OctopusError {
  readonly kind = 'forbidden';
  readonly transient = false;
  /**
   * Octopus's own words (`ErrorMessage` and `Errors`), e.g. "You do not have permission … Missing permission:
   * ProjectView". Kept apart from `message` in every error: it is the server's text, shown quoted as such.
   */
  readonly serverMessage?: string;
  /** Parsed from the message when Octopus names it. */
  readonly missingPermission?: string;

  constructor(url: string, body?: OctopusErrorBody) {
    super('Octopus refused this request because your account lacks a permission. Ask your Octopus administrator for access if you need this data.', url);
    this.serverMessage = detail(body) || undefined;
    this.missingPermission = /Missing permission: (\w+)/.exec(body?.ErrorMessage ?? '')?.[1];
  }
}

/** 404: the resource (or the space) does not exist, or no longer does. */
export class NotFound extends OctopusError {
  readonly kind = 'not-found';
  readonly transient = false;
  readonly serverMessage?: string;

  constructor(url: string, body?: OctopusErrorBody) {
    super(`Octopus could not find ${new URL(url).pathname}. It may have been deleted or moved to another space; refresh and try again.`, url);
    this.serverMessage = detail(body) || undefined;
  }
}

/** 429 after every retry: Octopus (or a proxy in front of it) is throttling us. */
export class RateLimited extends OctopusError {
  readonly kind = 'rate-limited';
  readonly transient = true;

  constructor(
    url: string,
    /** How long the server asked us to wait, when it said. */
    readonly retryAfterMs?: number,
  ) {
    const wait = retryAfterMs === undefined ? 'a few minutes' : `${Math.ceil(retryAfterMs / 1000)} s`;
    super(`Octopus is limiting how fast DORA Lens may read. It will try again; you can also retry in ${wait}.`, url);
  }
}

/** 5xx after any retries. */
export class ServerError extends OctopusError {
  readonly kind = 'server-error';
  readonly transient = true;
  readonly serverMessage?: string;

  constructor(
    url: string,
    readonly status: number,
    body?: OctopusErrorBody,
  ) {
    super(
      `Octopus at ${new URL(url).origin} answered with an error (HTTP ${status}). Try again later; if it keeps happening, ask your Octopus administrator to check the server.`,
      url,
    );
    this.serverMessage = detail(body) || undefined;
  }
}

/** The request never got an HTTP answer (offline, DNS, TLS, VPN, timeout). */
export class NetworkError extends OctopusError {
  readonly kind = 'network-error';
  readonly transient = true;

  constructor(url: string, cause?: unknown) {
    super(
      `Could not reach Octopus at ${new URL(url).origin}. Check your network or VPN connection and that the server is up, then try again.`,
      url,
      { cause },
    );
  }
}

/**
 * An answer that is not Octopus's JSON (an HTML page from a proxy or the wrong address) or a status we do
 * not expect (400, 409, …).
 */
export class UnexpectedResponse extends OctopusError {
  readonly kind = 'unexpected-response';
  readonly transient = false;
  readonly serverMessage?: string;

  constructor(
    url: string,
    readonly status: number,
    reason: string,
    body?: OctopusErrorBody,
  ) {
    super(
      `The server at ${new URL(url).origin} did not answer like Octopus Deploy (HTTP ${status}, ${reason}). Check that this is your Octopus server's address.`,
      url,
    );
    this.serverMessage = detail(body) || undefined;
  }
}

/**
 * A 3xx answer. Requests follow no redirect: the session's cookies and the ids in later paths would go to
 * wherever the server points, and only the user's own server is allowed to see them. The browser hides where
 * a redirect leads (an opaque answer), so the message cannot name it.
 */
export class Redirected extends OctopusError {
  readonly kind = 'unexpected-response';
  readonly transient = false;

  constructor(url: string) {
    super(
      `The server at ${new URL(url).origin} answered with a redirect to another address, which DORA Lens does not follow: your Octopus session goes to this server only. If Octopus has moved (to https, another host or path), enable it under its new address in the DORA Lens options.`,
      url,
    );
  }
}

/** One field that failed validation. */
export interface SchemaIssue {
  /** The failing item's `Id`, when it had one. */
  itemId?: string;
  /** Index of the item in the page's `Items`, for paged responses. */
  itemIndex?: number;
  /** Dotted path inside the item (or the response), e.g. `Created` or `Phases.0.Id`. */
  field: string;
  message: string;
}

export interface SchemaMismatchDetails {
  /** What we were reading, e.g. `Deployment`. */
  resource: string;
  /** How many items (1 for a single resource) failed. */
  failedCount: number;
  /** How many items the response held (1 for a single resource). */
  totalCount: number;
  /** Ids of the failed items that had one (at most a few dozen). */
  itemIds: string[];
  /** Distinct field paths that failed, across all items. */
  fieldPaths: string[];
  /** The first few failures, for the message and bug reports. */
  issues: SchemaIssue[];
}

/**
 * Octopus answered, but not in the shape we read. Nothing of that response is returned: a page with one
 * bad item fails as a whole, so the caller never stores half of it.
 */
export class SchemaMismatch extends OctopusError implements SchemaMismatchDetails {
  readonly kind = 'schema-mismatch';
  readonly transient = false;
  readonly resource: string;
  readonly failedCount: number;
  readonly totalCount: number;
  readonly itemIds: string[];
  readonly fieldPaths: string[];
  readonly issues: SchemaIssue[];

  constructor(url: string, details: SchemaMismatchDetails) {
    const { resource, failedCount, totalCount, fieldPaths, issues } = details;
    const first = issues[0];
    const firstWhere = first?.itemId ?? (first?.itemIndex === undefined ? resource : `item ${first.itemIndex}`);
    const where = first ? ` First: ${firstWhere}, ${first.field || '(whole item)'}: ${first.message}.` : '';
    const fields = fieldPaths.length > 0 ? ` Fields: ${fieldPaths.join(', ')}.` : '';
    super(
      `Octopus sent ${resource} data that DORA Lens cannot read: ${failedCount} of ${totalCount} ${totalCount === 1 ? 'item' : 'items'} failed.${where}${fields} Nothing from this response was kept. Your Octopus version may not be supported yet; please report this with these details.`,
      url,
    );
    this.resource = resource;
    this.failedCount = failedCount;
    this.totalCount = totalCount;
    this.itemIds = details.itemIds;
    this.fieldPaths = fieldPaths;
    this.issues = issues;
  }
}

/**
 * The server is an Octopus version DORA Lens does not support (./server-info.ts decides, from the API root
 * alone, before any request that such a server would fail). Not transient: only an upgrade changes it.
 */
export class UnsupportedServer extends OctopusError {
  readonly kind = 'unsupported-version';
  readonly transient = false;

  constructor(
    /** The server's `Version`, e.g. `2018.10.12`. */
    readonly version: string,
    /** The sentence for the user, e.g. "Octopus 2018.x and older is not supported: …". */
    reason: string,
    url?: string,
  ) {
    super(reason, url);
  }
}

/** The caller's AbortSignal fired: the user closed the page, or sync was stopped. */
export class Aborted extends OctopusError {
  readonly kind = 'aborted';
  readonly transient = false;

  constructor(url?: string, cause?: unknown) {
    super('The request to Octopus was cancelled.', url, { cause });
  }
}
