/** What changed and what is current: the audit event feed (incremental sync) and the dashboard (popup). */
import { z } from 'zod';
import { dateMs, idList, named, TaskStateSchema } from './common';

/**
 * `GET /api/{spaceId}/events`. `RelatedDocumentIds` ties an event to its deployment, release, project,
 * environment, task, channel and tenant. Named `OctopusEvent` because `Event` is the DOM's.
 */
export const EventSchema = named(
  'Event',
  z.object({
    Id: z.string(),
    Category: z.string(),
    Occurred: dateMs,
    RelatedDocumentIds: idList,
    Message: z.string().nullish(),
    UserId: z.string().nullish(),
    Username: z.string().nullish(),
  }),
);
export type OctopusEvent = z.infer<typeof EventSchema>;

/** `Events-872850` → 872850, the number the `fromAutoId`/`toAutoId` filters compare. */
export function eventAutoId(eventId: string): number | undefined {
  const m = /^Events-(\d+)$/.exec(eventId);
  return m ? Number(m[1]) : undefined;
}

const NamedRefSchema = z.object({ Id: z.string(), Name: z.string() });

export const DashboardItemSchema = z.object({
  ProjectId: z.string(),
  EnvironmentId: z.string(),
  ReleaseId: z.string(),
  DeploymentId: z.string(),
  TaskId: z.string(),
  TenantId: z.string().nullish().transform((id) => id ?? null),
  ChannelId: z.string().nullish().transform((id) => id ?? null),
  ReleaseVersion: z.string(),
  State: TaskStateSchema,
  Created: dateMs,
  QueueTime: dateMs.nullish().transform((ms) => ms ?? null),
  StartTime: dateMs.nullish().transform((ms) => ms ?? null),
  CompletedTime: dateMs.nullish().transform((ms) => ms ?? null),
  IsCompleted: z.boolean().optional(),
  HasPendingInterruptions: z.boolean().optional(),
  HasWarningsOrErrors: z.boolean().optional(),
});
export type DashboardItem = z.infer<typeof DashboardItemSchema>;

/** `GET /api/{spaceId}/dashboard`: the latest deployment per project × environment (× tenant). */
export const DashboardSchema = named(
  'Dashboard',
  z.object({
    Projects: z.array(
      NamedRefSchema.extend({
        Slug: z.string().optional(),
        ProjectGroupId: z.string().optional(),
        EnvironmentIds: idList,
      }),
    ),
    ProjectGroups: z.array(NamedRefSchema.extend({ EnvironmentIds: idList })).optional(),
    Environments: z.array(NamedRefSchema),
    Tenants: z.array(NamedRefSchema).nullish().transform((tenants) => tenants ?? []),
    Items: z.array(DashboardItemSchema),
    PreviousItems: z
      .array(DashboardItemSchema)
      .nullish()
      .transform((items) => items ?? []),
    IsFiltered: z.boolean().optional(),
  }),
);
export type Dashboard = z.infer<typeof DashboardSchema>;
