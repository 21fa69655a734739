/** The server, the signed-in user, what they may see, and the spaces. */
import { z } from 'zod';
import { idList, named } from './common';

/** `GET /api`. `InstallationId` names the session cookie (`OctopusIdentificationToken_<InstallationId>`). */
export const ApiRootSchema = named(
  'ApiRoot',
  z.object({
    Application: z.string(),
    Version: z.string(),
    ApiVersion: z.string(),
    InstallationId: z.string(),
    Links: z.record(z.string(), z.string()),
  }),
);
export type ApiRoot = z.infer<typeof ApiRootSchema>;

/** `GET /api/users/me`. */
export const UserSchema = named(
  'User',
  z.object({
    Id: z.string(),
    Username: z.string(),
    DisplayName: z.string(),
    EmailAddress: z.string().nullish(),
    IsActive: z.boolean().optional(),
    IsService: z.boolean().optional(),
  }),
);
export type User = z.infer<typeof UserSchema>;

/**
 * One grant of a permission. An empty restriction list means "not restricted"; Octopus may also send
 * sentinels such as `projects-all` / `environments-all`.
 */
export const PermissionRestrictionSchema = z.object({
  SpaceId: z.string().nullish(),
  RestrictedToProjectIds: idList,
  RestrictedToEnvironmentIds: idList,
  RestrictedToTenantIds: idList,
  RestrictedToProjectGroupIds: idList,
});
export type PermissionRestriction = z.infer<typeof PermissionRestrictionSchema>;

/** `GET /api/users/{id}/permissions` (the current user only). Keys are names such as `DeploymentView`. */
export const UserPermissionSetSchema = named(
  'UserPermissionSet',
  z.object({
    Id: z.string().optional(),
    SpacePermissions: z.record(z.string(), z.array(PermissionRestrictionSchema)),
    SystemPermissions: idList,
    IsPermissionsComplete: z.boolean().optional(),
  }),
);
export type UserPermissionSet = z.infer<typeof UserPermissionSetSchema>;

/** `GET /api/spaces`. `Slug` arrived in later versions than spaces did, hence optional. */
export const SpaceSchema = named(
  'Space',
  z.object({
    Id: z.string(),
    Name: z.string(),
    Slug: z.string().optional(),
    Description: z.string().nullish(),
    IsDefault: z.boolean(),
  }),
);
export type Space = z.infer<typeof SpaceSchema>;
