/** The deployment history itself: releases, deployments, their tasks, interruptions and defects. */
import { z } from 'zod';
import { dateMs, idList, named, TaskStateSchema } from './common';

/** `GET /api/{spaceId}/releases`. `Assembled` is the release's creation time, where lead time starts. */
export const ReleaseSchema = named(
  'Release',
  z.object({
    Id: z.string(),
    ProjectId: z.string(),
    ChannelId: z.string(),
    Version: z.string(),
    Assembled: dateMs,
  }),
);
export type Release = z.infer<typeof ReleaseSchema>;

/**
 * `GET /api/{spaceId}/releases/{id}/defects`. An unresolved defect blocks the release's progression. Octopus's
 * own clients type `Status` as optional (`DefectStatus?`): a defect without one, or with a status added in a
 * later version, blocks nothing rather than failing the page (one failed page stops the space's syncs).
 */
export const DefectSchema = named(
  'Defect',
  z.object({
    Status: z
      .string()
      .nullish()
      .transform((status) => status ?? null),
  }),
);
export type Defect = z.infer<typeof DefectSchema>;

/**
 * `GET /api/{spaceId}/deployments`. A deployment has no state or completion time of its own: join it
 * with its task (`TaskId`). `TenantId` is null for untenanted deployments.
 */
export const DeploymentSchema = named(
  'Deployment',
  z.object({
    Id: z.string(),
    ProjectId: z.string(),
    ReleaseId: z.string(),
    ChannelId: z.string(),
    EnvironmentId: z.string(),
    TenantId: z.string().nullish().transform((id) => id ?? null),
    TaskId: z.string(),
    Created: dateMs,
    /** The scheduled start when the deployment was scheduled for later; null otherwise. */
    QueueTime: dateMs.nullish().transform((ms) => ms ?? null),
  }),
);
export type Deployment = z.infer<typeof DeploymentSchema>;

/**
 * `GET /api/{spaceId}/tasks`. `Completed` and `Duration` are human text and deliberately not read; the
 * times are `QueueTime`, `StartTime` (null until started) and `CompletedTime` (null until finished).
 */
export const TaskSchema = named(
  'Task',
  z.object({
    Id: z.string(),
    State: TaskStateSchema,
    /**
     * Only deployment tasks carry a `DeploymentId`. `Arguments` is a free dictionary on other tasks (the event
     * feed names tasks of every kind): anything there but a string id is no deployment.
     */
    Arguments: z
      .object({ DeploymentId: z.unknown().transform((id) => (typeof id === 'string' ? id : undefined)) })
      .nullish(),
    QueueTime: dateMs.nullable(),
    StartTime: dateMs.nullish().transform((ms) => ms ?? null),
    CompletedTime: dateMs.nullish().transform((ms) => ms ?? null),
  }),
);
export type Task = z.infer<typeof TaskSchema>;

export const GUIDED_FAILURE_TITLE_SUFFIX = ' requires failure guidance';

/**
 * `GET /api/{spaceId}/interruptions`. `Type` is always set on the parsed value: servers that predate the
 * field (the 2020.5 API has none) get it inferred from the title, as Octopus's own C# client does
 * (`GuidedFailure` when the title ends with " requires failure guidance", else `ManualIntervention`, the
 * only two kinds those servers had). It stays an open string so a new kind in a future Octopus does not
 * fail the whole page. `TaskId` falls back to the task among the related documents.
 */
export const InterruptionSchema = named(
  'Interruption',
  z
    .object({
      // Octopus's C# client reads a null Type as none (and infers it from the title, null read as empty).
      Title: z.string().nullish(),
      Type: z.string().nullish(),
      TaskId: z.string().nullish(),
      RelatedDocumentIds: idList,
    })
    .transform(({ Title, Type, TaskId, RelatedDocumentIds }) => ({
      TaskId: TaskId ?? RelatedDocumentIds.find((id) => id.startsWith('ServerTasks-')) ?? null,
      Type: Type ?? ((Title ?? '').endsWith(GUIDED_FAILURE_TITLE_SUFFIX) ? 'GuidedFailure' : 'ManualIntervention'),
    })),
);
export type Interruption = z.infer<typeof InterruptionSchema>;

export const isGuidedFailure = (interruption: Pick<Interruption, 'Type'>): boolean =>
  interruption.Type === 'GuidedFailure';
