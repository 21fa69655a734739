/** The space dashboard: the latest deployment per project and environment, in one request (popup). */
import type { OctopusClient, RequestOptions } from './client';
import { apiPath } from './paths';
import { type Dashboard, DashboardSchema } from './schemas';

export const getDashboard = (client: OctopusClient, spaceId: string, options?: RequestOptions): Promise<Dashboard> =>
  client.get(apiPath(spaceId, 'dashboard'), undefined, DashboardSchema, options);
