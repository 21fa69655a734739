/** The dimensions deployments are grouped by: projects, groups, channels, environments, tenants, tags. */
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
    Description: z.string().nullish(),
    ProjectGroupId: z.string(),
    LifecycleId: z.string(),
    IsDisabled: z.boolean(),
    TenantedDeploymentMode: TenantedDeploymentModeSchema,
  }),
);
export type Project = z.infer<typeof ProjectSchema>;

/** `GET /api/{spaceId}/projectgroups`. */
export const ProjectGroupSchema = named(
  'ProjectGroup',
  z.object({
    Id: z.string(),
    Name: z.string(),
    Description: z.string().nullish(),
    EnvironmentIds: idList,
  }),
);
export type ProjectGroup = z.infer<typeof ProjectGroupSchema>;

/** `GET /api/{spaceId}/environments`. `SortOrder` orders environments as the dashboard does. */
export const EnvironmentSchema = named(
  'Environment',
  z.object({
    Id: z.string(),
    Name: z.string(),
    Description: z.string().nullish(),
    SortOrder: z.number(),
    UseGuidedFailure: z.boolean().optional(),
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
    TenantTags: idList,
  }),
);
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * `GET /api/{spaceId}/tenants`. `TenantTags` are canonical names (`"TagSet/Tag"`);
 * `ProjectEnvironments` maps a project id to the environment ids the tenant is connected to there.
 */
export const TenantSchema = named(
  'Tenant',
  z.object({
    Id: z.string(),
    Name: z.string(),
    Description: z.string().nullish(),
    TenantTags: idList,
    ProjectEnvironments: z
      .record(z.string(), z.array(z.string()))
      .nullish()
      .transform((map) => map ?? {}),
  }),
);
export type Tenant = z.infer<typeof TenantSchema>;

export const TagSchema = z.object({
  Id: z.string(),
  Name: z.string(),
  /** `"TagSet/Tag"`, the form tenants reference tags by. */
  CanonicalTagName: z.string(),
  Color: z.string().nullish(),
  SortOrder: z.number().optional(),
});
export type Tag = z.infer<typeof TagSchema>;

/** `GET /api/{spaceId}/tagsets`. */
export const TagSetSchema = named(
  'TagSet',
  z.object({
    Id: z.string(),
    Name: z.string(),
    SortOrder: z.number().optional(),
    Tags: z.array(TagSchema),
  }),
);
export type TagSet = z.infer<typeof TagSetSchema>;

export const LifecyclePhaseSchema = z.object({
  Id: z.string(),
  Name: z.string(),
  AutomaticDeploymentTargets: idList,
  OptionalDeploymentTargets: idList,
  IsOptionalPhase: z.boolean().optional(),
  MinimumEnvironmentsBeforePromotion: z.number().optional(),
});
export type LifecyclePhase = z.infer<typeof LifecyclePhaseSchema>;

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
