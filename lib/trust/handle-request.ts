/**
 * What the worker does with a message, after deciding whether it may (./authorize.ts). Everything it
 * touches is passed in, so every guard is unit-tested without a browser; entrypoints/background.ts wires
 * the real browser APIs.
 */
import type { ProjectAccess, ProjectChangeInfo, ServerSupport, SessionInfo, WorkerReplies, WorkerRequest } from '@/lib/messages/protocol';
import { canonicalServer } from '@/lib/host/server-url';
import { authorize, type Grants, SPACE_ID } from './authorize';
import type { Caller } from './caller';
import type { OpenedPages } from './opened-pages';
import { Refused } from './refused';

export interface WorkerDeps {
  grants: Grants;
  pages: OpenedPages;
  whoAmI(server: string): Promise<SessionInfo>;
  /** Who `whoAmI` last found signed in on the server (this worker's memory; undefined after a restart). */
  lastUser(server: string): string | undefined;
  /** Starts a sync and returns at once (progress goes through the status records). */
  startSync(server: string, space: string, session: SessionInfo, firstProject?: string): void;
  /** Opens an extension page in a new tab. */
  openTab(url: string): Promise<void>;
  /** The address of the space report page for a server, space and ticket. */
  reportUrl(server: string, space: string, ticket: string): string;
  /** The server's version and support (its public API root). */
  serverSupport(server: string): Promise<ServerSupport>;
  /** Whether the signed-in user may see a project of a space (one request). */
  projectAccess(server: string, space: string, project: string): Promise<ProjectAccess>;
  /** A project's latest configuration changes, read from the server's event feed (one request). */
  projectChanges(server: string, space: string, project: string, lifecycle?: string): Promise<ProjectChangeInfo[]>;
  /** Prepares a project's rows from the cache for its panel (no request); not awaited. */
  keepProject(server: string, space: string, project: string): void;
  /** The debugging log of refusals. */
  refused(reason: string, detail: string): void;
}

const REQUEST_TYPES = new Set<WorkerRequest['type']>(['session', 'authorize', 'sync', 'open-report', 'continue-here', 'server-info', 'project-access', 'project-changes', 'keep-project']);
/** A project's slug or id as Octopus writes them: anything else is not asked about. */
const PROJECT = /^\w[\w.-]{0,199}$/;
const PROJECT_ID = /^Projects-\d{1,12}$/;
const LIFECYCLE_ID = /^Lifecycles-\d{1,12}$/;

export async function handleRequest(message: unknown, caller: Caller, deps: WorkerDeps): Promise<WorkerReplies[WorkerRequest['type']]> {
  const request = message as Partial<Record<string, unknown>> | null;
  const type = request?.type;
  if (typeof type !== 'string' || !REQUEST_TYPES.has(type as WorkerRequest['type'])) return refuse(deps, 'unknown-caller', `unknown request ${String(type)}`);
  const claim = { server: request?.server, space: request?.space };

  switch (type as WorkerRequest['type']) {
    case 'session':
    case 'authorize': {
      // A tab the worker just opened proves it with the ticket in its hash; the browser says which tab asks.
      const server = canonicalServer(claim.server);
      if (caller.kind === 'page' && server && typeof claim.space === 'string' && request?.ticket !== undefined) {
        await deps.pages.redeem(request.ticket, caller.tabId, { server, space: claim.space });
      }
      const verdict = await authorize(caller, claim, deps.grants);
      if (!verdict.ok) return refuse(deps, verdict.reason, verdict.detail);
      if (type === 'authorize') return { lastUserId: deps.lastUser(verdict.server) };
      return deps.whoAmI(verdict.server);
    }
    case 'sync': {
      if (claim.space === undefined) return refuse(deps, 'bad-space', 'sync without a space');
      const verdict = await authorize(caller, claim, deps.grants);
      if (!verdict.ok) return refuse(deps, verdict.reason, verdict.detail);
      const session = await deps.whoAmI(verdict.server);
      // A project slug or id only picks what to read first; anything else is ignored.
      const project = typeof request?.project === 'string' && PROJECT.test(request.project) ? request.project : undefined;
      deps.startSync(verdict.server, verdict.space!, session, project);
      return { started: true, userId: session.userId };
    }
    case 'project-changes': {
      // As a sync: only a page (or script) allowed this server and space; the ids must look like Octopus's.
      if (claim.space === undefined) return refuse(deps, 'bad-space', 'project-changes without a space');
      const verdict = await authorize(caller, claim, deps.grants);
      if (!verdict.ok) return refuse(deps, verdict.reason, verdict.detail);
      const project = typeof request?.project === 'string' && PROJECT_ID.test(request.project) ? request.project : undefined;
      if (!project) return refuse(deps, 'bad-space', 'project-changes without a project id');
      const lifecycle = typeof request?.lifecycle === 'string' && LIFECYCLE_ID.test(request.lifecycle) ? request.lifecycle : undefined;
      return deps.projectChanges(verdict.server, verdict.space!, project, lifecycle);
    }
    case 'open-report': {
      // From the Octopus page (content script: its own server) or the popup; a page inside a frame cannot open tabs.
      if (caller.kind !== 'content' && caller.kind !== 'popup') return refuse(deps, 'unknown-caller', `open-report from ${caller.kind}`);
      if (claim.space === undefined) return refuse(deps, 'bad-space', 'open-report without a space');
      const verdict = await authorize(caller, claim, deps.grants);
      if (!verdict.ok) return refuse(deps, verdict.reason, verdict.detail);
      const ticket = await deps.pages.issueTicket({ server: verdict.server, space: verdict.space! });
      await deps.openTab(deps.reportUrl(verdict.server, verdict.space!, ticket));
      return { opened: true };
    }
    case 'project-access': {
      const { server, space, project } = await authorizeProject(request, caller, deps);
      return { access: await deps.projectAccess(server, space, project) };
    }
    case 'keep-project': {
      // Only the content script, for the server of the page it runs in, after the same checks as any request.
      if (caller.kind !== 'content') return refuse(deps, 'unknown-caller', `keep-project from ${caller.kind}`);
      const { server, space, project } = await authorizeProject(request, caller, deps);
      deps.keepProject(server, space, project);
      return { queued: true };
    }
    case 'server-info': {
      const verdict = await authorize(caller, { server: claim.server }, deps.grants);
      if (!verdict.ok) return refuse(deps, verdict.reason, verdict.detail);
      return deps.serverSupport(verdict.server);
    }
    case 'continue-here': {
      // The user clicked "Continue" inside a top-level insights page (only our page's code sends this, and
      // only on that click): the tab is then served like one the extension opened.
      if (caller.kind !== 'page') return refuse(deps, 'unknown-caller', `continue-here from ${caller.kind}`);
      const server = canonicalServer(claim.server);
      if (!server) return refuse(deps, 'bad-server', 'continue-here without a server');
      if (typeof claim.space !== 'string' || !SPACE_ID.test(claim.space)) return refuse(deps, 'bad-space', 'continue-here without a space');
      if (!(await deps.grants.isEnabled(server))) return refuse(deps, 'not-enabled', `continue-here for ${server}`);
      await deps.pages.adopt(caller.tabId, { server, space: claim.space });
      return { ok: true };
    }
  }
}

/** A request about a project of a space: the space and the project (slug or id) must look like Octopus's, and the caller be allowed them. */
async function authorizeProject(request: Partial<Record<string, unknown>> | null, caller: Caller, deps: WorkerDeps): Promise<{ server: string; space: string; project: string }> {
  const type = String(request?.type);
  if (request?.space === undefined) return refuse(deps, 'bad-space', `${type} without a space`);
  const project = request.project;
  if (typeof project !== 'string' || !PROJECT.test(project)) return refuse(deps, 'unknown-caller', `${type} without a project`);
  const verdict = await authorize(caller, { server: request.server, space: request.space }, deps.grants);
  if (!verdict.ok) return refuse(deps, verdict.reason, verdict.detail);
  return { server: verdict.server, space: verdict.space!, project };
}

function refuse(deps: WorkerDeps, reason: ConstructorParameters<typeof Refused>[0], detail: string): never {
  deps.refused(reason, detail);
  throw new Refused(reason, detail);
}
