/**
 * What the extension's pages and content script ask the worker, and what it answers. Pages never talk to
 * Octopus themselves: an extension iframe inside the Octopus page gets no cookies when third-party cookies
 * are blocked, while the worker, with host permission, always does (docs/toolchain.md). Every request names
 * the server it is for; the worker decides from the sender's own context whether it may act for it
 * (lib/trust/authorize.ts). Sync progress does not travel in replies: the worker writes it to
 * `storage.local` (lib/sync/status.ts), which pages watch once the worker has let them in.
 */

export type WorkerRequest =
  /**
   * Who is signed in on the server — and whether this page may show it at all: pages ask this first and
   * read no cache before the answer. `ticket` is the single-use pass in the hash of a tab the extension opened.
   */
  | { type: 'session'; server: string; space?: string; ticket?: string }
  /**
   * Whether this page may show the server and space — answered without asking Octopus — and who was signed
   * in there when the worker last asked: a page may read that user's cache meanwhile, but shows it only once
   * `session` confirms the same user. Also takes the opening `ticket`.
   */
  | { type: 'authorize'; server: string; space?: string; ticket?: string }
  /** `project` (slug or id): on a space not synced yet, read that project's history first (the panel's). */
  | { type: 'sync'; server: string; space: string; project?: string }
  /** Opens the space report in a new tab: from the content script (for the server it runs on) or the popup. */
  | { type: 'open-report'; server?: string; space: string }
  /** A top-level insights page the user asked, with a click inside it, to show for this server and space. */
  | { type: 'continue-here'; server: string; space: string }
  /** The server's version and whether DORA Lens supports it (one public request, remembered a while). */
  | { type: 'server-info'; server: string }
  /**
   * A project's latest configuration changes (deployment process, lifecycle, channels) from the event feed,
   * for the before/after picker: one request, when the user opens the picker. Ids only (`Projects-1`,
   * `Lifecycles-2`); the worker checks their shape.
   */
  | { type: 'project-changes'; server: string; space: string; project: string; lifecycle?: string }
  /**
   * Whether Octopus lets the signed-in user see a project (slug or id): asked by the content script before it
   * offers the floating button on a page without the project's menu, and by the panel for a project its cache
   * does not have. One request.
   */
  | { type: 'project-access'; server?: string; space: string; project: string }
  /**
   * From the content script only, on a project's pages: the user may open the project's Insights next, so the
   * worker prepares its rows from the cache meanwhile (lib/sync/keep-project-ahead.ts). No request to Octopus.
   */
  | { type: 'keep-project'; space: string; project: string };

/** What Octopus answered about a project: the user may see it, may not (403), or there is no such project (404). */
export type ProjectAccess = 'visible' | 'forbidden' | 'missing';

/** Who is signed in on a server, as the worker learnt it from Octopus. */
export interface SessionInfo {
  /** The Octopus server's base URL (lib/host/server-url.ts). */
  server: string;
  userId: string;
  username: string;
  displayName: string;
}

/** What went wrong, for a page to show: a request refused, a sync that failed or could not start. */
export interface SyncError {
  kind: string;
  /** For `not-allowed`: why the worker refused (lib/trust/authorize.ts), so a page can offer the way on. */
  reason?: string;
  /** DORA Lens's own sentence: what happened and what to do. */
  message: string;
  /** The server's own words, when it sent any: shown quoted as the server's, never as our instruction. */
  serverText?: string;
  /** Inside the server (built by DORA Lens from the server's base URL, never taken from a response). */
  signInUrl?: string;
  transient: boolean;
}

/** What pages learn of a server's version (lib/octopus/server-info.ts has the capabilities behind it). */
export interface ServerSupport {
  version: string;
  supported: boolean;
  /** Why not, as a sentence for the user. */
  reason?: string;
}

/** A project's configuration change, as the picker lists it. */
export interface ProjectChangeInfo {
  id: string;
  /** UTC ms. */
  occurred: number;
  kind: 'process' | 'lifecycle' | 'channel';
  /** Octopus's own sentence: server-supplied, shown as text. */
  message: string;
}

export interface WorkerReplies {
  session: SessionInfo;
  authorize: { lastUserId?: string };
  sync: { started: boolean; userId: string };
  'open-report': { opened: boolean };
  'continue-here': { ok: boolean };
  'server-info': ServerSupport;
  'project-access': { access: ProjectAccess };
  'project-changes': ProjectChangeInfo[];
  'keep-project': { queued: boolean };
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: SyncError };
