/** The audit event feed: what happened since the last sync, without re-reading history. */
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath } from './paths';
import { ChangeEventSchema, EventSchema, type OctopusEvent } from './schemas';

export interface EventQuery {
  /** `eventCategories`, any of. */
  categories?: readonly string[];
  /** Events whose auto id (the N of `Events-N`, see `eventAutoId`) is at least this. */
  fromAutoId?: number;
  /** Events related to any of these projects. */
  projects?: readonly string[];
}

/** Events in the space, newest first, a page at a time. */
export const eventPages = (
  client: OctopusClient,
  spaceId: string,
  query: EventQuery = {},
  options?: PagesOptions,
): AsyncGenerator<Page<OctopusEvent>, void, undefined> =>
  client.pages(apiPath(spaceId, 'events'), { eventCategories: query.categories, fromAutoId: query.fromAutoId, projects: query.projects }, EventSchema, options);

/** A project's configuration changes that may explain a change in its metrics (the before/after picker). */
export interface ProjectChange {
  id: string;
  /** UTC ms. */
  occurred: number;
  kind: 'process' | 'lifecycle' | 'channel';
  /** Octopus's own sentence: server-supplied, shown as text. */
  message: string;
}

/** The document types of a project's deployment process, its lifecycle and its channels in the event feed. */
const CHANGE_DOCUMENT_TYPES = ['DeploymentProcesses', 'Lifecycles', 'Channels'];

/**
 * The latest `take` (default 30) configuration changes of a project — its deployment process, its lifecycle, its
 * channels — newest first, in one request: the events regarding the project or its lifecycle, of those
 * document types. Read on demand (the user opens the picker), never by a sync.
 */
export async function projectChanges(
  client: OctopusClient,
  spaceId: string,
  target: { project: string; lifecycle?: string },
  options: { signal?: AbortSignal; take?: number } = {},
): Promise<ProjectChange[]> {
  const regardingAny = target.lifecycle ? [target.project, target.lifecycle] : [target.project];
  const params = { documentTypes: CHANGE_DOCUMENT_TYPES, regardingAny };
  const page = await client.getPage(apiPath(spaceId, 'events'), params, ChangeEventSchema, { take: options.take ?? 30, signal: options.signal });
  return page.items.flatMap((e): ProjectChange[] => {
    const occurred = Date.parse(e.Occurred);
    if (!Number.isFinite(occurred)) return [];
    const related = e.RelatedDocumentIds;
    const kind = related.some((id) => id.toLowerCase().startsWith('deploymentprocess-'))
      ? 'process'
      : related.some((id) => id.startsWith('Lifecycles-'))
        ? 'lifecycle'
        : related.some((id) => id.startsWith('Channels-'))
          ? 'channel'
          : undefined;
    return kind ? [{ id: e.Id, occurred, kind, message: e.Message }] : [];
  });
}
