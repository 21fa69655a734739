/** The server, who is signed in, and the space being synced. */
import type { OctopusClient, RequestOptions } from './client';
import { apiPath } from './paths';
import { type ApiRoot, ApiRootSchema, type Space, SpaceSchema, type User, UserSchema } from './schemas';

/** `GET /api`: also the cheapest "is this an Octopus server?" probe (it needs no session, on any version). */
export const getRoot = (client: OctopusClient, options?: RequestOptions): Promise<ApiRoot> =>
  client.get('/api', undefined, ApiRootSchema, options);

/** `GET /api/users/me`: throws `NotSignedIn` when the session has expired. */
export const getCurrentUser = (client: OctopusClient, options?: RequestOptions): Promise<User> =>
  client.get(apiPath('users', 'me'), undefined, UserSchema, options);

/** `GET /api/spaces/{id}`: one space (403 when the user has no permission in it). */
export const getSpace = (client: OctopusClient, spaceId: string, options?: RequestOptions): Promise<Space> =>
  client.get(apiPath('spaces', spaceId), undefined, SpaceSchema, options);
