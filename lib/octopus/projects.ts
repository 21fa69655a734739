/** The space's dimensions: small collections, each read whole. */
import type { OctopusClient, PagesOptions } from './client';
import { apiPath } from './paths';
import {
  type Channel,
  ChannelSchema,
  type Environment,
  EnvironmentSchema,
  type Lifecycle,
  LifecycleSchema,
  type Project,
  type ProjectGroup,
  ProjectGroupSchema,
  ProjectSchema,
  type Tenant,
  TenantSchema,
} from './schemas';

/** One project by id or slug: Octopus answers 403 when the user may not see it, 404 when there is none. */
export const getProject = (client: OctopusClient, spaceId: string, idOrSlug: string): Promise<Project> =>
  client.get(apiPath(spaceId, 'projects', idOrSlug), undefined, ProjectSchema);

export const listProjects = (client: OctopusClient, spaceId: string, options?: PagesOptions): Promise<Project[]> =>
  client.getAll(apiPath(spaceId, 'projects'), undefined, ProjectSchema, options);

export const listProjectGroups = (
  client: OctopusClient,
  spaceId: string,
  options?: PagesOptions,
): Promise<ProjectGroup[]> => client.getAll(apiPath(spaceId, 'projectgroups'), undefined, ProjectGroupSchema, options);

export const listEnvironments = (
  client: OctopusClient,
  spaceId: string,
  options?: PagesOptions,
): Promise<Environment[]> => client.getAll(apiPath(spaceId, 'environments'), undefined, EnvironmentSchema, options);

/** Every channel of every project in the space. */
export const listChannels = (client: OctopusClient, spaceId: string, options?: PagesOptions): Promise<Channel[]> =>
  client.getAll(apiPath(spaceId, 'channels'), undefined, ChannelSchema, options);

export const listLifecycles = (client: OctopusClient, spaceId: string, options?: PagesOptions): Promise<Lifecycle[]> =>
  client.getAll(apiPath(spaceId, 'lifecycles'), undefined, LifecycleSchema, options);

export const listTenants = (client: OctopusClient, spaceId: string, options?: PagesOptions): Promise<Tenant[]> =>
  client.getAll(apiPath(spaceId, 'tenants'), undefined, TenantSchema, options);
