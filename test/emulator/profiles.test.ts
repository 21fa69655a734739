/**
 * `--octopus-version`: each profile's API root and the differences in what DORA Lens calls — filters an
 * older version ignores, the paged envelope, resource fields, and no Spaces before 2019.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeServer } from '../../lib/octopus/server-info';
import { octopusProfile, PROFILES } from './profiles';
import type { RunningEmulator } from './server';
import { type Client, NOW, startTestEmulator } from './test-helpers';

const DAY = 86_400_000;

interface Expected {
  version: string;
  dateFilters: boolean;
  pageCounts: boolean;
  interruptionType: boolean;
  longTermSupport: boolean | undefined;
}

const SPACED: Record<string, Expected> = {
  '2019.7': { version: '2019.7.12', dateFilters: false, pageCounts: false, interruptionType: false, longTermSupport: undefined },
  '2020.5': { version: '2020.5.0', dateFilters: false, pageCounts: true, interruptionType: false, longTermSupport: false },
  '2022.1': { version: '2022.1.2386', dateFilters: true, pageCounts: true, interruptionType: true, longTermSupport: true },
  '2023.1': { version: '2023.1.9626', dateFilters: true, pageCounts: true, interruptionType: true, longTermSupport: true },
  '2024.3': { version: '2024.3.12899', dateFilters: true, pageCounts: true, interruptionType: true, longTermSupport: true },
};

describe.each(Object.entries(SPACED))('Octopus %s', (name, expected) => {
  let emu: RunningEmulator;
  let admin: Client;
  beforeAll(async () => {
    ({ emu, admin } = await startTestEmulator({ octopusVersion: name }));
  });
  afterAll(() => emu.close());

  it('has that release’s API root', async () => {
    const root = await admin.get('/api');
    expect(root.json.Version).toBe(expected.version);
    expect(root.json.HasLongTermSupport).toBe(expected.longTermSupport);
    expect(root.headers.get('x-octopus-version')).toBe(expected.version);
    const info = describeServer(root.json);
    expect(info).toMatchObject({ supported: true, capabilities: { spaces: true, eventAutoIdFilter: true, taskCompletedDateFilter: expected.dateFilters } });
    expect(root.json.Links.Tasks.includes('fromCompletedDate')).toBe(expected.dateFilters);
  });

  it(expected.dateFilters ? 'filters tasks by completion date' : 'ignores the task date filters it does not know: the answer is every deployment task', async () => {
    const all = (await admin.get('/api/Spaces-1/tasks?name=Deploy&take=1')).json;
    const from = new Date(NOW - 3 * DAY).toISOString();
    const to = new Date(NOW - 2 * DAY).toISOString();
    const window = (await admin.get(`/api/Spaces-1/tasks?name=Deploy&fromCompletedDate=${from}&toCompletedDate=${to}&take=1`)).json;
    if (expected.dateFilters) {
      expect(window.TotalResults).toBeGreaterThan(0);
      expect(window.TotalResults).toBeLessThan(all.TotalResults);
    } else {
      expect(window.TotalResults).toBe(all.TotalResults);
      // The page's own links do not echo what the server did not bind.
      expect(window.Links.Self).not.toContain('fromCompletedDate');
      expect(window.Links.Template).not.toContain('fromCompletedDate');
    }
  });

  it('binds the filters DORA Lens uses on every version: ids, take, name, event categories and auto id', async () => {
    const tasks = (await admin.get('/api/Spaces-1/tasks?name=Deploy&take=3')).json.Items;
    const byIds = (await admin.get(`/api/Spaces-1/tasks?ids=${tasks.map((t: { Id: string }) => t.Id).join(',')}&take=3`)).json;
    const ids = (items: { Id: string }[]) => items.map((t) => t.Id).sort();
    expect(ids(byIds.Items)).toEqual(ids(tasks));
    const [newest] = (await admin.get('/api/Spaces-1/events?take=1')).json.Items;
    const since = (await admin.get(`/api/Spaces-1/events?fromAutoId=${Number(newest.Id.slice(7))}&eventCategories=DeploymentQueued,DeploymentStarted,DeploymentSucceeded,DeploymentFailed,Modified`)).json;
    expect(since.TotalResults).toBeLessThanOrEqual(1);
  });

  it(expected.pageCounts ? 'pages with NumberOfPages and LastPageNumber' : 'pages without page counts (GUESS: Octopus 3.x’s envelope)', async () => {
    const page = (await admin.get('/api/Spaces-1/deployments?take=2')).json;
    expect('NumberOfPages' in page).toBe(expected.pageCounts);
    expect('LastPageNumber' in page).toBe(expected.pageCounts);
    expect('Page.All' in page.Links).toBe(expected.pageCounts);
    expect('IsStale' in page).toBe(!expected.pageCounts);
    expect(page.TotalResults).toBeGreaterThan(2);
    expect(page.Links['Page.Next']).toBe('/api/Spaces-1/deployments?skip=2&take=2');
  });

  it(expected.interruptionType ? 'sends Interruption.Type' : 'has no Interruption.Type nor Task.PendingInterruptionTypes (the 2020.5 API)', async () => {
    const interruption = (await admin.get('/api/Spaces-1/interruptions?take=1')).json.Items[0];
    expect('Type' in interruption).toBe(expected.interruptionType);
    expect(interruption.Title).toBeTruthy();
    const task = (await admin.get('/api/Spaces-1/tasks?take=1')).json.Items[0];
    expect('PendingInterruptionTypes' in task).toBe(expected.interruptionType);
    // The history is the same on every version: the ground truth does not depend on the profile.
    expect(emu.history().Spaces[0].Interruptions[0]).toHaveProperty('Type');
  });
});

describe('Octopus 2018.10 (before Spaces)', () => {
  let emu: RunningEmulator;
  let admin: Client;
  beforeAll(async () => {
    ({ emu, admin } = await startTestEmulator({ octopusVersion: '2018.10' }));
  });
  afterAll(() => emu.close());

  it('has a root without Spaces, which DORA Lens reads as unsupported', async () => {
    const root = (await admin.get('/api')).json;
    expect(root.Version).toBe('2018.10.12');
    expect(root.Links.Spaces).toBeUndefined();
    expect(root.Links.SpaceHome).toBeUndefined();
    expect(root.Links.Deployments).toMatch(/^\/api\/deployments\{/);
    expect(root.Links.Tasks).not.toContain('spaces');
    const info = describeServer(root);
    expect(info.supported).toBe(false);
    expect(info.reason).toMatch(/^Octopus 2018\.x and older is not supported: DORA Lens needs Spaces, introduced in 2019\.1\./);
  });

  it('has no space routes, only the legacy paths', async () => {
    for (const path of ['/api/spaces', '/api/spaces/Spaces-1', '/api/Spaces-1', '/api/Spaces-1/projects', '/api/spaces/Spaces-1/deployments']) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
    const projects = await admin.get('/api/projects?take=1');
    expect(projects.status).toBe(200);
    const project = projects.json.Items[0];
    expect(project).not.toHaveProperty('SpaceId');
    expect(project.Links.Self).toBe(`/api/projects/${project.Id}`);
    expect(project.Links.Web).toBe(`/app#/projects/${project.Id}`);
    expect((await admin.get('/api/users/me')).status).toBe(200);
    const tasks = (await admin.get('/api/tasks?take=1')).json;
    expect(tasks.Items[0]).not.toHaveProperty('SpaceId');
    expect(tasks.Items[0].Links.Web).toMatch(/^\/app#\/tasks\/ServerTasks-\d+$/);
  });
});

describe('a profile under a base path', () => {
  it('writes the version’s link templates under the base', async () => {
    const { emu, admin } = await startTestEmulator({ octopusVersion: '2019.7', basePath: '/octopus' });
    try {
      const root = (await admin.get('/api')).json;
      expect(root.Links.Tasks).toBe(
        '/octopus/api/tasks{/id}{?skip,active,environment,tenant,project,name,node,running,states,hasPendingInterruptions,hasWarningsOrErrors,take,ids,partialName,spaces,includeSystem}',
      );
    } finally {
      await emu.close();
    }
  });
});

describe('octopusProfile', () => {
  it('takes a profile name, a full version or an alias, and explains an unknown one', () => {
    expect(octopusProfile('2019.7.12').name).toBe('2019.7');
    expect(octopusProfile('current')).toBe(PROFILES['2024.3']);
    expect(octopusProfile('cloud')).toBe(PROFILES['2024.3']);
    expect(() => octopusProfile('2017.1')).toThrow('unknown Octopus version "2017.1": use one of 2018.10, 2019.7, 2020.5, 2022.1, 2023.1, 2024.3, current, cloud');
  });
});
