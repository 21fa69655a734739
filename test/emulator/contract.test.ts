/**
 * Contract: every endpoint the extension reads parses with lib/octopus's zod schemas — the emulator and
 * the client agree on Octopus's shapes. Every item of every list is parsed (tiny history, all pages), for
 * both users, after some activity and edits so unusual states are present too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { z as zod } from 'zod';
import {
  ApiRootSchema,
  ChannelSchema,
  collection,
  DashboardSchema,
  DefectSchema,
  DeploymentSchema,
  EnvironmentSchema,
  EventSchema,
  InterruptionSchema,
  LifecycleSchema,
  ProjectGroupSchema,
  ProjectSchema,
  ReleaseSchema,
  SpaceSchema,
  TagSetSchema,
  TaskSchema,
  TenantSchema,
  UserPermissionSetSchema,
  UserSchema,
} from '../../lib/octopus/schemas';
import type { RunningEmulator } from './server';
import type { Client } from './test-helpers';
import { startTestEmulator } from './test-helpers';

let emu: RunningEmulator;
let clients: Record<'admin' | 'restricted', Client>;

beforeAll(async () => {
  const t = await startTestEmulator();
  emu = t.emu;
  clients = { admin: t.admin, restricted: t.restricted };
  // Unusual states: an edited task, a reported defect, fresh activity with tasks still running.
  const task = (await t.admin.get('/api/Spaces-1/tasks?states=Success&take=1')).json.Items[0];
  await t.admin.post(`/api/tasks/${task.Id}/state`, { state: 'Failed', reason: 'contract test' });
  const release = (await t.admin.get('/api/Spaces-1/releases?take=1')).json.Items[0];
  await t.admin.post(`/api/Spaces-1/releases/${release.Id}/defects`, { Description: 'contract test' });
  emu.advance({ minutes: 5, deployments: 20 });
});
afterAll(() => emu.close());

const ALL = 'take=2147483647';

function expectParses(schema: z.ZodType, body: unknown, where: string) {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new Error(`${where}: ${result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
}

describe.each(['admin', 'restricted'] as const)('as %s', (who) => {
  const get = async (path: string) => {
    const r = await clients[who].get(path);
    expect(r.status, path).toBe(200);
    return r.json;
  };

  it('root, user, permissions, spaces', async () => {
    expectParses(ApiRootSchema, await get('/api'), '/api');
    const me = await get('/api/users/me');
    expectParses(UserSchema, me, '/api/users/me');
    expectParses(UserPermissionSetSchema, await get(`/api/users/${me.Id}/permissions`), 'permissions');
    expectParses(collection(SpaceSchema), await get('/api/spaces'), '/api/spaces');
    expectParses(SpaceSchema, await get('/api/spaces/Spaces-1'), '/api/spaces/Spaces-1');
  });

  it('catalog', async () => {
    const projects = await get(`/api/Spaces-1/projects?${ALL}`);
    expectParses(collection(ProjectSchema), projects, 'projects');
    expectParses(zod.array(ProjectSchema), await get('/api/Spaces-1/projects/all'), 'projects/all');
    const project = projects.Items[0];
    expectParses(ProjectSchema, await get(`/api/Spaces-1/projects/${project.Slug}`), 'project by slug');
    expectParses(collection(ChannelSchema), await get(`/api/Spaces-1/projects/${project.Id}/channels`), 'project channels');
    expectParses(collection(ChannelSchema), await get(`/api/Spaces-1/channels?${ALL}`), 'channels');
    expectParses(collection(ProjectGroupSchema), await get('/api/Spaces-1/projectgroups'), 'projectgroups');
    expectParses(collection(EnvironmentSchema), await get('/api/Spaces-1/environments'), 'environments');
    expectParses(zod.array(EnvironmentSchema), await get('/api/Spaces-1/environments/all'), 'environments/all');
    expectParses(collection(TenantSchema), await get(`/api/Spaces-1/tenants?${ALL}`), 'tenants');
    expectParses(collection(TagSetSchema), await get('/api/Spaces-1/tagsets'), 'tagsets');
    expectParses(collection(LifecycleSchema), await get('/api/Spaces-1/lifecycles'), 'lifecycles');
  });

  it('history', async () => {
    const releases = await get(`/api/Spaces-1/releases?${ALL}`);
    expectParses(collection(ReleaseSchema), releases, 'releases');
    const release = releases.Items[0];
    expectParses(ReleaseSchema, await get(`/api/Spaces-1/releases/${release.Id}`), 'release');
    expectParses(collection(ReleaseSchema), await get(`/api/Spaces-1/projects/${release.ProjectId}/releases?${ALL}`), 'project releases');
    expectParses(collection(DeploymentSchema), await get(`/api/Spaces-1/releases/${release.Id}/deployments`), 'release deployments');
    expectParses(collection(DefectSchema), await get(`/api/Spaces-1/releases/${release.Id}/defects`), 'defects');
    const deployments = await get(`/api/Spaces-1/deployments?${ALL}`);
    expectParses(collection(DeploymentSchema), deployments, 'deployments');
    expectParses(DeploymentSchema, await get(`/api/Spaces-1/deployments/${deployments.Items[0].Id}`), 'deployment');
    expectParses(collection(TaskSchema), await get(`/api/Spaces-1/tasks?${ALL}`), 'space tasks');
    expectParses(collection(TaskSchema), await get(`/api/tasks?${ALL}`), 'tasks');
    expectParses(TaskSchema, await get(`/api/tasks/${deployments.Items[0].TaskId}`), 'task');
    expectParses(collection(InterruptionSchema), await get(`/api/Spaces-1/interruptions?${ALL}`), 'interruptions');
    expectParses(collection(EventSchema), await get(`/api/Spaces-1/events?${ALL}`), 'space events');
    expectParses(collection(EventSchema), await get(`/api/events?${ALL}`), 'events');
    expectParses(DashboardSchema, await get('/api/Spaces-1/dashboard'), 'dashboard');
  });
});

it('admin sees the other spaces’ history too', async () => {
  for (const space of ['Spaces-2', 'Spaces-3']) {
    const r = await clients.admin.get(`/api/${space}/deployments?${ALL}`);
    expectParses(collection(DeploymentSchema), r.json, `${space} deployments`);
    expectParses(DashboardSchema, (await clients.admin.get(`/api/${space}/dashboard`)).json, `${space} dashboard`);
  }
});
