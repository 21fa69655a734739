/** The server, who is signed in, what they may see, and which spaces exist. */
import type { OctopusClient, PagesOptions, RequestOptions } from './client';
import { apiPath } from './paths';
import {
  type ApiRoot,
  ApiRootSchema,
  type Space,
  SpaceSchema,
  type User,
  type UserPermissionSet,
  UserPermissionSetSchema,
  UserSchema,
} from './schemas';

/** `GET /api`: also the cheapest "is this an Octopus server?" probe (it needs no session). */
export const getRoot = (client: OctopusClient, options?: RequestOptions): Promise<ApiRoot> =>
  client.get('/api', undefined, ApiRootSchema, options);

/** `GET /api/users/me`: throws `NotSignedIn` when the session has expired. */
export const getCurrentUser = (client: OctopusClient, options?: RequestOptions): Promise<User> =>
  client.get(apiPath('users', 'me'), undefined, UserSchema, options);

/** `GET /api/users/{id}/permissions`. Octopus answers this for the signed-in user only. */
export const getPermissions = (
  client: OctopusClient,
  userId: string,
  options?: RequestOptions,
): Promise<UserPermissionSet> => client.get(apiPath('users', userId, 'permissions'), undefined, UserPermissionSetSchema, options);

/** `GET /api/spaces`, every page: only the spaces the user can see. */
export const getSpaces = (client: OctopusClient, options?: PagesOptions): Promise<Space[]> =>
  client.getAll(apiPath('spaces'), undefined, SpaceSchema, options);

/** `GET /api/spaces/{id}`: one space (403 when the user has no permission in it). */
export const getSpace = (client: OctopusClient, spaceId: string, options?: RequestOptions): Promise<Space> =>
  client.get(apiPath('spaces', spaceId), undefined, SpaceSchema, options);

/**
 * Whether the user holds `permission` (e.g. `DeploymentView`) in `spaceId`, restricted or not. Octopus
 * still filters what it returns per project/environment/tenant; this is for explaining empty results.
 */
export function hasSpacePermission(set: UserPermissionSet, permission: string, spaceId: string): boolean {
  return (set.SpacePermissions[permission] ?? []).some((grant) => grant.SpaceId == null || grant.SpaceId === spaceId);
}
