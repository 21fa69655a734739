/**
 * Contract: every endpoint the extension reads parses with lib/octopus's zod schemas — the emulator and
 * the client agree on Octopus's shapes — on every Octopus version the emulator plays (profiles.ts) and
 * under a base path. Every item of every list is parsed (tiny history, all pages), for both users, after
 * some activity and edits so unusual states are present too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ApiRootSchema,
  ChannelSchema,
  collection,
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
  TaskSchema,
  TenantSchema,
  UserSchema,
} from '../../lib/octopus/schemas';
import type { EmulatorOptions, RunningEmulator } from './server';
import type { Client } from './test-helpers';
import { startTestEmulator } from './test-helpers';

const ALL = 'take=2147483647';

function expectParses(schema: z.ZodType, body: unknown, where: string) {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new Error(`${where}: ${result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
}

const LAYOUTS: EmulatorOptions[] = [
  { octopusVersion: '2019.7' },
  { octopusVersion: '2020.5' },
  { octopusVersion: '2022.1' },
  { octopusVersion: '2023.1' },
  { octopusVersion: '2024.3' },
  { octopusVersion: '2019.7', basePath: '/octopus' },
];

describe.each(LAYOUTS)('Octopus $octopusVersion $basePath', (layout) => {
  let emu: RunningEmulator;
  let clients: Record<'admin' | 'restricted', Client>;

  beforeAll(async () => {
    const t = await startTestEmulator(layout);
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

  describe.each(['admin', 'restricted'] as const)('as %s', (who) => {
    const get = async (path: string) => {
      const r = await clients[who].get(path);
      expect(r.status, path).toBe(200);
      return r.json;
    };

    it('root, user, space', async () => {
      expectParses(ApiRootSchema, await get('/api'), '/api');
      expectParses(UserSchema, await get('/api/users/me'), '/api/users/me');
      expectParses(SpaceSchema, await get('/api/spaces/Spaces-1'), '/api/spaces/Spaces-1');
    });

    it('dimensions', async () => {
      expectParses(collection(ProjectSchema), await get(`/api/Spaces-1/projects?${ALL}`), 'projects');
      expectParses(collection(ChannelSchema), await get(`/api/Spaces-1/channels?${ALL}`), 'channels');
      expectParses(collection(ProjectGroupSchema), await get('/api/Spaces-1/projectgroups'), 'projectgroups');
      expectParses(collection(EnvironmentSchema), await get('/api/Spaces-1/environments'), 'environments');
      expectParses(collection(TenantSchema), await get(`/api/Spaces-1/tenants?${ALL}`), 'tenants');
      expectParses(collection(LifecycleSchema), await get('/api/Spaces-1/lifecycles'), 'lifecycles');
    });

    it('history', async () => {
      const releases = await get(`/api/Spaces-1/releases?${ALL}`);
      expectParses(collection(ReleaseSchema), releases, 'releases');
      expectParses(collection(ReleaseSchema), await get(`/api/Spaces-1/releases?ids=${releases.Items[0].Id}&take=1`), 'releases by id');
      expectParses(collection(DefectSchema), await get(`/api/Spaces-1/releases/${releases.Items[0].Id}/defects`), 'defects');
      const deployments = await get(`/api/Spaces-1/deployments?${ALL}`);
      expectParses(collection(DeploymentSchema), deployments, 'deployments');
      const ids = deployments.Items.slice(0, 300);
      expectParses(collection(DeploymentSchema), await get(`/api/Spaces-1/deployments?ids=${ids.map((d: { Id: string }) => d.Id).join(',')}&take=300`), 'by id');
      expectParses(collection(TaskSchema), await get(`/api/Spaces-1/tasks?ids=${ids.map((d: { TaskId: string }) => d.TaskId).join(',')}&take=300`), 'tasks by id');
      expectParses(collection(TaskSchema), await get(`/api/Spaces-1/tasks?name=Deploy&${ALL}`), 'deployment tasks');
      expectParses(collection(InterruptionSchema), await get(`/api/Spaces-1/interruptions?${ALL}`), 'interruptions');
      expectParses(collection(EventSchema), await get(`/api/Spaces-1/events?${ALL}`), 'events');
    });
  });

  it('admin sees the other spaces’ history too', async () => {
    for (const space of ['Spaces-2', 'Spaces-3']) {
      const r = await clients.admin.get(`/api/${space}/deployments?${ALL}`);
      expectParses(collection(DeploymentSchema), r.json, `${space} deployments`);
    }
  });
});
