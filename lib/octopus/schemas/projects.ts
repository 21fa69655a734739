/** The dimensions deployments are grouped by: projects, groups, channels, environments, tenants, lifecycles. */
import { z } from 'zod';
import { idList, named } from './common';

export const TenantedDeploymentModeSchema = z.enum(['Untenanted', 'TenantedOrUntenanted', 'Tenanted']);
export type TenantedDeploymentMode = z.infer<typeof TenantedDeploymentModeSchema>;

/** `GET /api/{spaceId}/projects`. `Slug` is what the web UI's routes carry. */
export const ProjectSchema = named(
  'Project',
  z.object({
    Id: z.string(),
    Name: z.string(),
    Slug: z.string(),
    ProjectGroupId: z.string(),
    LifecycleId: z.string(),
    TenantedDeploymentMode: TenantedDeploymentModeSchema,
  }),
);
export type Project = z.infer<typeof ProjectSchema>;

/** `GET /api/{spaceId}/projectgroups`. */
export const ProjectGroupSchema = named('ProjectGroup', z.object({ Id: z.string(), Name: z.string() }));
export type ProjectGroup = z.infer<typeof ProjectGroupSchema>;

/** `GET /api/{spaceId}/environments`. `SortOrder` orders environments as the dashboard does. */
export const EnvironmentSchema = named(
  'Environment',
  z.object({
    Id: z.string(),
    Name: z.string(),
    SortOrder: z.number(),
  }),
);
export type Environment = z.infer<typeof EnvironmentSchema>;

/** `GET /api/{spaceId}/channels`. `LifecycleId` is null when the channel uses its project's lifecycle. */
export const ChannelSchema = named(
  'Channel',
  z.object({
    Id: z.string(),
    Name: z.string(),
    ProjectId: z.string(),
    LifecycleId: z.string().nullable(),
    IsDefault: z.boolean(),
  }),
);
export type Channel = z.infer<typeof ChannelSchema>;

/** `GET /api/{spaceId}/tenants`. `TenantTags` are canonical names (`"TagSet/Tag"`). */
export const TenantSchema = named(
  'Tenant',
  z.object({
    Id: z.string(),
    Name: z.string(),
    TenantTags: idList,
  }),
);
export type Tenant = z.infer<typeof TenantSchema>;

export const LifecyclePhaseSchema = z.object({
  Name: z.string(),
  AutomaticDeploymentTargets: idList,
  OptionalDeploymentTargets: idList,
});

/**
 * `GET /api/{spaceId}/lifecycles`. Phases are in promotion order; the last environment of the last
 * phase is what Octopus's project insights select by default.
 */
export const LifecycleSchema = named(
  'Lifecycle',
  z.object({
    Id: z.string(),
    Name: z.string(),
    Phases: z.array(LifecyclePhaseSchema),
  }),
);
export type Lifecycle = z.infer<typeof LifecycleSchema>;
