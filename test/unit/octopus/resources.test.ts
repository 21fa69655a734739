import { describe, expect, it } from 'vitest';
import { createOctopusClient } from '@/lib/octopus/client';
import { deploymentPages, getDeploymentsByIds } from '@/lib/octopus/deployments';
import { SchemaMismatch } from '@/lib/octopus/errors';
import { eventPages } from '@/lib/octopus/events';
import { interruptionPages } from '@/lib/octopus/interruptions';
import { listChannels, listEnvironments, listLifecycles, listProjectGroups, listProjects, listTenants } from '@/lib/octopus/projects';
import { getReleasesByIds, listDefects, releasePages } from '@/lib/octopus/releases';
import { getCurrentUser, getRoot, getSpace } from '@/lib/octopus/root';
import { completedTaskPages, getTasksByIds } from '@/lib/octopus/tasks';
import { fakeFetch, fixture, json, ORIGIN, pagedResponse } from './fake-octopus';

/** Serves each path from a fixture; collections are re-paged by the request's skip/take. */
function fakeOctopus(routes: Record<string, string>) {
  const fake = fakeFetch((url) => {
    const name = routes[url.pathname];
    if (!name) return json({ ErrorMessage: `No route ${url.pathname}` }, 404);
    const body = fixture(name);
    return Array.isArray(body.Items) && 'TotalResults' in body
      ? pagedResponse(body.Items as unknown[], url, String(body.ItemType))
      : json(body);
  });
  const client = createOctopusClient({ origin: ORIGIN, fetch: fake.fetch });
  return { client, calls: fake.calls };
}

async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page.items);
  return all;
}

describe('root', () => {
  const { client, calls } = fakeOctopus({
    '/api': 'root',
    '/api/users/me': 'user-me',
    '/api/spaces/Spaces-1': 'space',
  });

  it('reads the server, the user and the space', async () => {
    expect((await getRoot(client)).InstallationId).toBe('79af4d4a-9d3e-4a3c-8b5e-2f0c1b7d6e11');
    expect((await getCurrentUser(client)).Id).toBe('Users-42');
    expect(await getSpace(client, 'Spaces-1')).toEqual({ Id: 'Spaces-1', Name: 'Default' });
    expect(calls.map((c) => c.url.pathname)).toEqual(['/api', '/api/users/me', '/api/spaces/Spaces-1']);
  });
});

describe('projects family', () => {
  it('reads each small collection whole from its space path', async () => {
    const { client, calls } = fakeOctopus({
      '/api/Spaces-1/projects': 'projects',
      '/api/Spaces-1/projectgroups': 'project-groups',
      '/api/Spaces-1/environments': 'environments',
      '/api/Spaces-1/channels': 'channels',
      '/api/Spaces-1/lifecycles': 'lifecycles',
      '/api/Spaces-1/tenants': 'tenants',
    });
    expect(await listProjects(client, 'Spaces-1')).toHaveLength(2);
    expect(await listProjectGroups(client, 'Spaces-1')).toHaveLength(2);
    expect((await listEnvironments(client, 'Spaces-1')).map((e) => e.Name)).toEqual(['Development', 'Staging', 'Production']);
    expect(await listChannels(client, 'Spaces-1')).toHaveLength(2);
    expect(await listLifecycles(client, 'Spaces-1')).toHaveLength(1);
    expect(await listTenants(client, 'Spaces-1')).toHaveLength(2);
    expect(calls.every((c) => c.url.searchParams.get('skip') === '0')).toBe(true);
  });

  it('encodes a space id that comes from a page URL', async () => {
    const { client, calls } = fakeOctopus({});
    await getSpace(client, '../users/me').catch(() => {});
    expect(calls[0].rawUrl).toBe(`${ORIGIN}/api/spaces/..%2Fusers%2Fme`);
  });
});

describe('releases', () => {
  const { client, calls } = fakeOctopus({
    '/api/Spaces-1/releases': 'releases',
    '/api/Spaces-1/releases/Releases-44/defects': 'defects',
    '/api/spaces/Spaces-1': 'releases',
  });

  it('pages space-wide', async () => {
    expect((await collect(releasePages(client, 'Spaces-1', { pageSize: 1 }))).map((r) => r.Version)).toEqual(['1.4.1', '1.4.0']);
    expect(calls.slice(0, 2).map((c) => c.url.search)).toEqual(['?skip=0&take=1', '?skip=1&take=1']);
  });

  it('reads defects of a release', async () => {
    const defects = await listDefects(client, 'Spaces-1', 'Releases-44');
    expect(defects.some((d) => d.Status === 'Unresolved')).toBe(true);
  });

  it('fails a single-resource read that got a collection back', async () => {
    await expect(getSpace(client, 'Spaces-1')).rejects.toBeInstanceOf(SchemaMismatch);
  });
});

describe('deployments', () => {
  it('reads every page, resuming from a skip', async () => {
    const { client, calls } = fakeOctopus({ '/api/Spaces-1/deployments': 'deployments' });
    const deployments = await collect(deploymentPages(client, 'Spaces-1', { pageSize: 1 }));
    expect(deployments.map((d) => d.Id)).toEqual(['Deployments-12', 'Deployments-11']);
    expect(calls[0].rawUrl).toBe(`${ORIGIN}/api/Spaces-1/deployments?skip=0&take=1`);
    expect((await collect(deploymentPages(client, 'Spaces-1', { skip: 1 }))).map((d) => d.Id)).toEqual(['Deployments-11']);
  });
});

describe('ids in batches of at most 300', () => {
  function idServer() {
    return fakeFetch((url) => {
      const ids = url.searchParams.get('ids')?.split(',') ?? [];
      const [template] = fixture<{ Items: Record<string, unknown>[] }>('tasks').Items;
      return pagedResponse(ids.map((Id) => ({ ...template, Id })), url, 'Task');
    });
  }

  it('splits, dedupes and asks for each batch whole (take = batch size)', async () => {
    const fake = idServer();
    const client = createOctopusClient({ origin: ORIGIN, fetch: fake.fetch });
    const ids = Array.from({ length: 650 }, (_, i) => `ServerTasks-${i + 1}`);
    const tasks = await getTasksByIds(client, 'Spaces-1', [...ids, 'ServerTasks-1']);
    expect(tasks.map((t) => t.Id)).toEqual(ids);
    expect(fake.calls.map((c) => c.url.pathname)).toEqual(Array(3).fill('/api/Spaces-1/tasks'));
    expect(fake.calls.map((c) => c.url.searchParams.get('ids')?.split(',').length)).toEqual([300, 300, 50]);
    expect(fake.calls.map((c) => c.url.searchParams.get('take'))).toEqual(['300', '300', '50']);
  });

  it('makes no request for no ids (an empty filter would mean every task)', async () => {
    const fake = idServer();
    const client = createOctopusClient({ origin: ORIGIN, fetch: fake.fetch });
    expect(await getTasksByIds(client, 'Spaces-1', [])).toEqual([]);
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses batches over 300', async () => {
    const client = createOctopusClient({ origin: ORIGIN, fetch: idServer().fetch });
    await expect(getTasksByIds(client, 'Spaces-1', ['ServerTasks-1'], { batchSize: 301 })).rejects.toThrow(RangeError);
  });

  it('keeps batches within the concurrency bound and cancels the rest on failure', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const fake = fakeFetch(async (url) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      if (url.searchParams.get('ids')?.startsWith('Deployments-5,')) return json({ ErrorMessage: 'boom' }, 500);
      return pagedResponse([], url, 'Deployment');
    });
    const client = createOctopusClient({ origin: ORIGIN, fetch: fake.fetch, concurrency: 2 });
    const ids = Array.from({ length: 100 }, (_, i) => `Deployments-${i + 1}`);
    await expect(getDeploymentsByIds(client, 'Spaces-1', ids, { batchSize: 4 })).rejects.toMatchObject({ status: 500 });
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(fake.calls.length).toBeLessThan(25);
  });

  it('reads releases by id the same way', async () => {
    const fake = fakeFetch((url) => {
      const [template] = fixture<{ Items: Record<string, unknown>[] }>('releases').Items;
      return pagedResponse((url.searchParams.get('ids') ?? '').split(',').map((Id) => ({ ...template, Id })), url, 'Release');
    });
    const client = createOctopusClient({ origin: ORIGIN, fetch: fake.fetch });
    expect(await getReleasesByIds(client, 'Spaces-1', ['Releases-1', 'Releases-2'])).toHaveLength(2);
    expect(fake.calls[0].url.pathname).toBe('/api/Spaces-1/releases');
  });
});

describe('tasks by completion window', () => {
  it('asks for deployment tasks completed in the window', async () => {
    const { client, calls } = fakeOctopus({ '/api/Spaces-1/tasks': 'tasks' });
    const tasks = await collect(
      completedTaskPages(client, 'Spaces-1', { from: Date.parse('2024-08-01T00:00:00Z'), to: Date.parse('2024-08-04T00:00:00Z') }),
    );
    expect(tasks).toHaveLength(4);
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({
      name: 'Deploy',
      fromCompletedDate: '2024-08-01T00:00:00.000Z',
      toCompletedDate: '2024-08-04T00:00:00.000Z',
      skip: '0',
      take: '500',
    });
  });
});

describe('interruptions', () => {
  it('pages space-wide, inferring Type on old servers', async () => {
    const { client, calls } = fakeOctopus({ '/api/Spaces-1/interruptions': 'interruptions-legacy' });
    const all = await collect(interruptionPages(client, 'Spaces-1'));
    expect(all.map((i) => i.Type)).toEqual(['GuidedFailure', 'ManualIntervention']);
    expect(all.map((i) => i.TaskId)).toEqual(['ServerTasks-40', 'ServerTasks-39']);
    expect(calls[0].url.search).toBe('?skip=0&take=500');
  });
});

describe('events', () => {
  it('filters by categories (comma-separated) and auto id', async () => {
    const { client, calls } = fakeOctopus({ '/api/Spaces-1/events': 'events' });
    const events = await collect(eventPages(client, 'Spaces-1', { categories: ['DeploymentQueued', 'DeploymentFailed'], fromAutoId: 872801 }));
    expect(events.map((e) => e.Id)).toEqual(['Events-872850', 'Events-872801']);
    expect(calls[0].rawUrl).toBe(`${ORIGIN}/api/Spaces-1/events?eventCategories=DeploymentQueued,DeploymentFailed&fromAutoId=872801&skip=0&take=500`);
  });
});
