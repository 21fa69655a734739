/** The audit event feed: what happened since the last sync, without re-reading history. */
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath, isoDate } from './paths';
import { EventSchema, type OctopusEvent } from './schemas';

/** Event categories that change a deployment's or release's facts. */
export const DEPLOYMENT_EVENT_CATEGORIES = [
  'DeploymentQueued',
  'DeploymentStarted',
  'DeploymentResumed',
  'DeploymentSucceeded',
  'DeploymentFailed',
  'ManualInterventionInterruptionRaised',
  'GuidedFailureInterruptionRaised',
  'DefectReported',
  'DefectResolved',
] as const;

export interface EventQuery {
  /** `eventCategories`, any of. */
  categories?: readonly string[];
  /** Events whose auto id (the N of `Events-N`, see `eventAutoId`) is at least this. */
  fromAutoId?: number;
  toAutoId?: number;
  /** Occurred at or after, epoch ms (inclusive per Octopus's docs). */
  from?: number;
  /** Occurred before, epoch ms (exclusive per Octopus's docs). */
  to?: number;
  projects?: readonly string[];
  environments?: readonly string[];
  /** Any of these document ids (`regardingAny`). */
  regardingAny?: readonly string[];
}

/** Events in the space, newest first, a page at a time. */
export const eventPages = (
  client: OctopusClient,
  spaceId: string,
  query: EventQuery = {},
  options?: PagesOptions,
): AsyncGenerator<Page<OctopusEvent>, void, undefined> =>
  client.pages(
    apiPath(spaceId, 'events'),
    {
      eventCategories: query.categories,
      fromAutoId: query.fromAutoId,
      toAutoId: query.toAutoId,
      from: isoDate(query.from),
      to: isoDate(query.to),
      projects: query.projects,
      environments: query.environments,
      regardingAny: query.regardingAny,
    },
    EventSchema,
    options,
  );
