/** Deployments: who deployed which release where. State and times live on the task (./tasks.ts). */
import { type BatchOptions, getByIds } from './batch';
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath } from './paths';
import { type Deployment, DeploymentSchema } from './schemas';

/** Every deployment in the space, newest first, a page at a time (resume with `skip`). */
export const deploymentPages = (
  client: OctopusClient,
  spaceId: string,
  options?: PagesOptions,
): AsyncGenerator<Page<Deployment>, void, undefined> =>
  client.pages(apiPath(spaceId, 'deployments'), undefined, DeploymentSchema, options);

export const getDeploymentsByIds = (
  client: OctopusClient,
  spaceId: string,
  ids: readonly string[],
  options?: BatchOptions,
): Promise<Deployment[]> => getByIds(client, apiPath(spaceId, 'deployments'), ids, DeploymentSchema, options);
