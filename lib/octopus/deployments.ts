/** Deployments: who deployed which release where. State and times live on the task (./tasks.ts). */
import { type BatchOptions, getByIds } from './batch';
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath } from './paths';
import { type Deployment, DeploymentSchema, type OctopusTaskState } from './schemas';

/** Octopus's deployment filters; each list matches any of its ids. */
export interface DeploymentFilter {
  projects?: readonly string[];
  environments?: readonly string[];
  tenants?: readonly string[];
  channels?: readonly string[];
  /** The state of the deployment's task. */
  taskState?: OctopusTaskState;
}

/** Deployments in the space, newest first, a page at a time (resume with `skip`). */
export const deploymentPages = (
  client: OctopusClient,
  spaceId: string,
  filter: DeploymentFilter = {},
  options?: PagesOptions,
): AsyncGenerator<Page<Deployment>, void, undefined> =>
  client.pages(
    apiPath(spaceId, 'deployments'),
    {
      projects: filter.projects,
      environments: filter.environments,
      tenants: filter.tenants,
      channels: filter.channels,
      taskState: filter.taskState,
    },
    DeploymentSchema,
    options,
  );

export const getDeploymentsByIds = (
  client: OctopusClient,
  spaceId: string,
  ids: readonly string[],
  options?: BatchOptions,
): Promise<Deployment[]> => getByIds(client, apiPath(spaceId, 'deployments'), ids, DeploymentSchema, options);
