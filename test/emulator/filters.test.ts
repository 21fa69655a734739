/** Each filter's semantics, checked against the ground truth (`history()`). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeploymentResource,
  EventResource,
  HistoryFile,
  HistorySpace,
  InterruptionResource,
  TaskResource,
} from './history-file';
import type { Client } from './test-helpers';
import { startTestEmulator } from './test-helpers';

let admin: Client;
let history: HistoryFile;
let space: HistorySpace;
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await startTestEmulator({ scale: 'demo' });
  admin = t.admin;
  history = t.emu.history();
  space = history.Spaces[0];
  close = () => t.emu.close();
});
afterAll(() => close());

const n = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));
const newestFirst = <T extends { Id: string }>(items: T[]) => [...items].sort((a, b) => n(b.Id) - n(a.Id)).map((x) => x.Id);
const ids = (items: { Id: string }[]) => items.map((x) => x.Id);

describe('deployments', () => {
  const list = (query: string) => admin.all<DeploymentResource>(`/api/Spaces-1/deployments?${query}`);

  it('filters by projects, environments, tenants, channels (comma lists = any of)', async () => {
    const [p1, p2] = space.Projects;
    const [e1, , , e4] = space.Environments;
    const tenant = space.Tenants.find((t) => space.Deployments.some((d) => d.TenantId === t.Id))!;
    const hotfix = space.Channels.find((c) => !c.IsDefault && space.Deployments.some((d) => d.ChannelId === c.Id))!;
    expect(ids(await list(`projects=${p1.Id},${p2.Id}`))).toEqual(
      newestFirst(space.Deployments.filter((d) => d.ProjectId === p1.Id || d.ProjectId === p2.Id)),
    );
    expect(ids(await list(`environments=${e1.Id}`))).toEqual(newestFirst(space.Deployments.filter((d) => d.EnvironmentId === e1.Id)));
    expect(ids(await list(`tenants=${tenant.Id}`))).toEqual(newestFirst(space.Deployments.filter((d) => d.TenantId === tenant.Id)));
    expect(ids(await list(`channels=${hotfix.Id}`))).toEqual(newestFirst(space.Deployments.filter((d) => d.ChannelId === hotfix.Id)));
    expect(ids(await list(`projects=${p1.Id}&environments=${e4.Id}`))).toEqual(
      newestFirst(space.Deployments.filter((d) => d.ProjectId === p1.Id && d.EnvironmentId === e4.Id)),
    );
  });

  it('filters by taskState through the deployment task', async () => {
    const state = new Map(space.Tasks.map((t) => [t.Id, t.State]));
    for (const s of ['Failed', 'Canceled', 'TimedOut', 'Executing']) {
      const expected = newestFirst(space.Deployments.filter((d) => state.get(d.TaskId) === s));
      expect(expected.length, s).toBeGreaterThan(0);
      expect(ids(await list(`taskState=${s}`))).toEqual(expected);
    }
  });

  it('filters by ids, ignoring unknown ones', async () => {
    const some = space.Deployments.slice(3, 6).map((d) => d.Id);
    expect(ids(await list(`ids=${some.join(',')},Deployments-99999999`))).toEqual([...some].reverse());
  });

  it('a release’s deployments, newest first', async () => {
    const release = space.Releases.find((r) => space.Deployments.filter((d) => d.ReleaseId === r.Id).length > 2)!;
    const got = await admin.all<DeploymentResource>(`/api/Spaces-1/releases/${release.Id}/deployments`);
    expect(ids(got)).toEqual(newestFirst(space.Deployments.filter((d) => d.ReleaseId === release.Id)));
  });
});

describe('releases and projects', () => {
  it('per project, newest first, and by version', async () => {
    const p = space.Projects[1];
    const got = await admin.all(`/api/Spaces-1/projects/${p.Id}/releases`);
    expect(ids(got)).toEqual(newestFirst(space.Releases.filter((r) => r.ProjectId === p.Id)));
    const target = got[3];
    const byVersion = await admin.get(`/api/Spaces-1/projects/${p.Slug}/releases/${target.Version}`);
    expect(byVersion.json.Id).toBe(target.Id);
  });

  it('projects by id or slug, /all, partialName', async () => {
    const p = space.Projects[0];
    expect((await admin.get(`/api/Spaces-1/projects/${p.Slug}`)).json.Id).toBe(p.Id);
    expect((await admin.get(`/api/Spaces-1/projects/${p.Id}`)).json.Slug).toBe(p.Slug);
    const all = (await admin.get('/api/Spaces-1/projects/all')).json;
    expect(Array.isArray(all)).toBe(true);
    expect(all).toHaveLength(space.Projects.length);
    const partial = (await admin.get(`/api/Spaces-1/projects?partialName=${encodeURIComponent(p.Name.slice(1, 5).toLowerCase())}`)).json;
    expect(ids(partial.Items)).toContain(p.Id);
  });

  it('tenants by project and by tags (any within a set, all sets)', async () => {
    const p = space.Projects.find((x) => x.TenantedDeploymentMode !== 'Untenanted')!;
    const byProject = await admin.all(`/api/Spaces-1/tenants?projectId=${p.Id}`);
    expect(ids(byProject).sort()).toEqual(ids(space.Tenants.filter((t) => p.Id in t.ProjectEnvironments)).sort());
    const tagged = await admin.all('/api/Spaces-1/tenants?tags=Tier/Gold,Tier/Silver,Region/EU');
    const expected = space.Tenants.filter(
      (t) => (t.TenantTags.includes('Tier/Gold') || t.TenantTags.includes('Tier/Silver')) && t.TenantTags.includes('Region/EU'),
    );
    expect(ids(tagged).sort()).toEqual(ids(expected).sort());
  });

  it('environments in sort order, channels of a project', async () => {
    const envs = (await admin.get('/api/Spaces-1/environments/all')).json;
    expect(envs.map((e: { Name: string }) => e.Name)).toEqual(['Development', 'Test', 'Staging', 'Production']);
    const p = space.Projects[0];
    const channels = (await admin.get(`/api/Spaces-1/projects/${p.Id}/channels`)).json.Items;
    expect(channels.map((c: { Name: string; IsDefault: boolean }) => [c.Name, c.IsDefault])).toEqual([
      ['Default', true],
      ['Hotfix', false],
    ]);
  });
});

describe('tasks', () => {
  const list = (path: string) => admin.all<TaskResource>(path);
  const deploymentOf = (t: TaskResource) => space.Deployments.find((d) => d.Id === t.Arguments.DeploymentId);

  it('states, name, ids', async () => {
    expect(ids(await list('/api/Spaces-1/tasks?states=Failed,TimedOut'))).toEqual(
      newestFirst(space.Tasks.filter((t) => t.State === 'Failed' || t.State === 'TimedOut')),
    );
    const health = await list('/api/Spaces-1/tasks?name=Health');
    expect(health.length).toBeGreaterThan(100);
    expect(health.every((t) => t.Name === 'Health')).toBe(true);
    expect(ids(await list('/api/Spaces-1/tasks?name=Deploy'))).toEqual(newestFirst(space.Tasks.filter((t) => t.Name === 'Deploy')));
    const some = space.Tasks.slice(10, 13).map((t) => t.Id);
    expect(ids(await list(`/api/tasks?ids=${some.join(',')}`))).toEqual([...some].reverse());
  });

  it('project, environment, tenant', async () => {
    const p = space.Projects[2];
    const e = space.Environments[3];
    const got = await list(`/api/Spaces-1/tasks?project=${p.Id}&environment=${e.Id}`);
    expect(ids(got)).toEqual(
      newestFirst(space.Tasks.filter((t) => deploymentOf(t)?.ProjectId === p.Id && deploymentOf(t)?.EnvironmentId === e.Id)),
    );
    const tenant = space.Tenants[0];
    expect(ids(await list(`/api/Spaces-1/tasks?tenant=${tenant.Id}`))).toEqual(
      newestFirst(space.Tasks.filter((t) => deploymentOf(t)?.TenantId === tenant.Id)),
    );
  });

  it('completed / queued date windows are inclusive at both ends', async () => {
    const done = space.Tasks.filter((t) => t.CompletedTime);
    const pivot = done[Math.floor(done.length / 2)].CompletedTime!;
    const to = done[Math.floor(done.length / 2) + 40].CompletedTime!;
    const got = await list(`/api/Spaces-1/tasks?fromCompletedDate=${encodeURIComponent(pivot)}&toCompletedDate=${encodeURIComponent(to)}`);
    const lo = Date.parse(pivot);
    const hi = Date.parse(to);
    expect(ids(got)).toEqual(
      newestFirst(done.filter((t) => Date.parse(t.CompletedTime!) >= lo && Date.parse(t.CompletedTime!) <= hi)),
    );
    expect(ids(got)).toContain(done[Math.floor(done.length / 2)].Id);
    const queued = await list(`/api/Spaces-1/tasks?fromQueueDate=${encodeURIComponent(pivot)}`);
    expect(ids(queued)).toEqual(newestFirst(space.Tasks.filter((t) => Date.parse(t.QueueTime) >= lo)));
  });

  it('active means not finished; /api/tasks spans spaces', async () => {
    const active = await list('/api/Spaces-1/tasks?active=true');
    expect(ids(active)).toEqual(newestFirst(space.Tasks.filter((t) => !t.IsCompleted)));
    const both = await admin.get('/api/tasks?spaces=Spaces-1,Spaces-2&take=1');
    expect(both.json.TotalResults).toBe(space.Tasks.length + history.Spaces[1].Tasks.length);
    const everywhere = await admin.get('/api/tasks?take=1');
    expect(everywhere.json.TotalResults).toBe(history.Spaces.reduce((a, s) => a + s.Tasks.length, 0));
  });
});

describe('interruptions', () => {
  it('regarding, pendingOnly, ids', async () => {
    const all = await admin.all<InterruptionResource>('/api/Spaces-1/interruptions');
    expect(ids(all)).toEqual(newestFirst(space.Interruptions));
    const one = space.Interruptions[2];
    const deployment = one.RelatedDocumentIds.find((id) => id.startsWith('Deployments-'))!;
    expect(ids(await admin.all(`/api/Spaces-1/interruptions?regarding=${deployment}`))).toEqual([one.Id]);
    expect(ids(await admin.all(`/api/Spaces-1/interruptions?regarding=${one.TaskId}`))).toEqual([one.Id]);
    const pending = await admin.all<InterruptionResource>('/api/Spaces-1/interruptions?pendingOnly=true');
    expect(pending.length).toBeGreaterThan(0);
    expect(ids(pending)).toEqual(newestFirst(space.Interruptions.filter((i) => i.IsPending)));
    expect(ids(await admin.all(`/api/Spaces-1/interruptions?ids=${one.Id}`))).toEqual([one.Id]);
  });
});

describe('events', () => {
  let events: EventResource[];
  beforeAll(async () => {
    events = await admin.all<EventResource>('/api/Spaces-1/events', 1000);
  });
  const list = (query: string) => admin.all<EventResource>(`/api/Spaces-1/events?${query}`, 1000);

  it('one Queued event per deployment; Succeeded/Failed per finished task', async () => {
    const queued = events.filter((e) => e.Category === 'DeploymentQueued');
    expect(queued).toHaveLength(space.Deployments.length);
    const deploymentOf = new Map(space.Deployments.map((d) => [d.Id, d]));
    const taskOf = new Map(space.Tasks.map((t) => [t.Id, t]));
    const succeeded = events.filter((e) => e.Category === 'DeploymentSucceeded');
    for (const e of succeeded.slice(0, 50)) {
      const d = deploymentOf.get(e.RelatedDocumentIds[0])!;
      expect(taskOf.get(d.TaskId)!.CompletedTime).toBe(e.Occurred);
    }
    expect(events.some((e) => e.Category === 'GuidedFailureInterruptionRaised')).toBe(true);
    expect(events.some((e) => e.Category === 'DefectReported')).toBe(true);
    expect(events.some((e) => e.Category === 'Modified')).toBe(true);
  });

  it('eventCategories', async () => {
    const got = await list('eventCategories=DeploymentFailed,DefectReported');
    expect(ids(got)).toEqual(ids(events.filter((e) => e.Category === 'DeploymentFailed' || e.Category === 'DefectReported')));
  });

  it('from (inclusive) / to (exclusive) on Occurred', async () => {
    const from = events[200].Occurred;
    const to = events[100].Occurred;
    const got = await list(`from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    const lo = Date.parse(from);
    const hi = Date.parse(to);
    expect(ids(got)).toEqual(ids(events.filter((e) => Date.parse(e.Occurred) >= lo && Date.parse(e.Occurred) < hi)));
    expect(ids(got)).toContain(events[200].Id);
    expect(ids(got)).not.toContain(events[100].Id);
  });

  it('fromAutoId / toAutoId, inclusive', async () => {
    const lo = n(events[300].Id);
    const hi = n(events[250].Id);
    const got = await list(`fromAutoId=${lo}&toAutoId=${hi}`);
    expect(ids(got)).toEqual(ids(events.slice(250, 301)));
  });

  it('projects, environments, regarding (all), regardingAny (any), documentTypes', async () => {
    const p = space.Projects[0].Id;
    const e = space.Environments[3].Id;
    expect(ids(await list(`projects=${p}&environments=${e}`))).toEqual(
      ids(events.filter((x) => x.RelatedDocumentIds.includes(p) && x.RelatedDocumentIds.includes(e))),
    );
    const d = space.Deployments[5];
    expect(ids(await list(`regarding=${d.Id},${d.TaskId}`))).toEqual(
      ids(events.filter((x) => x.RelatedDocumentIds.includes(d.Id) && x.RelatedDocumentIds.includes(d.TaskId))),
    );
    const other = space.Deployments[9];
    expect(ids(await list(`regardingAny=${d.Id},${other.Id}`))).toEqual(
      ids(events.filter((x) => x.RelatedDocumentIds.includes(d.Id) || x.RelatedDocumentIds.includes(other.Id))),
    );
    const releases = await list('documentTypes=Releases');
    expect(releases.length).toBeGreaterThan(0);
    expect(releases.every((x) => x.Category.startsWith('Defect') || x.Category === 'ReleaseCreated')).toBe(true);
  });

  it('one ReleaseCreated per release, deployed or not, at its Assembled time, in AutoId order', async () => {
    const created = events.filter((e) => e.Category === 'ReleaseCreated');
    expect(created).toHaveLength(space.Releases.length);
    const byRelease = new Map(created.map((e) => [e.RelatedDocumentIds[0], e]));
    const deployed = new Set(space.Deployments.map((d) => d.ReleaseId));
    const projectOf = new Map(space.Projects.map((p) => [p.Id, p]));
    let neverDeployed = 0;
    for (const r of space.Releases) {
      const e = byRelease.get(r.Id)!;
      expect(e.RelatedDocumentIds).toEqual([r.Id, r.ProjectId, r.ChannelId]);
      expect(e.Occurred).toBe(r.Assembled);
      expect(e.Message).toBe(`Release ${r.Version} created for ${projectOf.get(r.ProjectId)!.Name}`);
      expect(e.SpaceId).toBe('Spaces-1');
      if (!deployed.has(r.Id)) neverDeployed++;
    }
    expect(neverDeployed).toBeGreaterThan(0);
    // Releases are created in id order; so are their events. A deployment's Queued event follows its release's.
    const autoId = (id: string) => n(byRelease.get(id)!.Id);
    const rs = [...space.Releases].sort((a, b) => n(a.Id) - n(b.Id));
    for (let i = 1; i < rs.length; i++) expect(autoId(rs[i].Id)).toBeGreaterThan(autoId(rs[i - 1].Id));
    const queued = events.filter((e) => e.Category === 'DeploymentQueued').slice(0, 200);
    for (const q of queued) expect(n(q.Id)).toBeGreaterThan(autoId(q.RelatedDocumentIds[2]));

    expect(ids(await list('eventCategories=ReleaseCreated'))).toEqual(ids(created));
    const from = n(created[40].Id);
    expect(ids(await list(`eventCategories=ReleaseCreated&fromAutoId=${from}`))).toEqual(ids(created.slice(0, 41)));
    const r = space.Releases[7];
    expect(ids(await list(`regarding=${r.Id}&eventCategories=ReleaseCreated`))).toEqual([byRelease.get(r.Id)!.Id]);
    expect(ids(await list(`projects=${r.ProjectId}&eventCategories=ReleaseCreated`))).toEqual(
      ids(created.filter((e) => e.RelatedDocumentIds[1] === r.ProjectId)),
    );
    const single = (await admin.get(`/api/events/${byRelease.get(r.Id)!.Id}`)).json;
    expect(single).toEqual(byRelease.get(r.Id));
    const categories = (await admin.get('/api/events/categories')).json.map((c: { Id: string }) => c.Id);
    expect(categories).toContain('ReleaseCreated');
  });

  it('MessageReferences point into Message', () => {
    for (const e of events.slice(0, 200)) {
      for (const ref of e.MessageReferences) {
        expect(e.RelatedDocumentIds).toContain(ref.ReferencedDocumentId);
        expect(ref.StartIndex + ref.Length).toBeLessThanOrEqual(e.Message.length);
      }
    }
  });
});

describe('dashboard', () => {
  it('the latest deployment per project, environment and tenant', async () => {
    const dash = (await admin.get('/api/Spaces-1/dashboard')).json;
    const latest = new Map<string, DeploymentResource>();
    for (const d of space.Deployments) latest.set(`${d.ProjectId}/${d.EnvironmentId}/${d.TenantId}`, d);
    expect(dash.Items.map((i: { DeploymentId: string }) => i.DeploymentId).sort()).toEqual([...latest.values()].map((d) => d.Id).sort());
    expect(dash.Environments.map((e: { Name: string }) => e.Name)).toEqual(['Development', 'Test', 'Staging', 'Production']);
    expect(dash.Projects).toHaveLength(space.Projects.length);
  });
});
