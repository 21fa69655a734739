/** Activity on demand, the clock, task state edits and defects — what incremental sync tests rely on. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './server';
import type { Client } from './test-helpers';
import { NOW, startTestEmulator } from './test-helpers';

let emu: RunningEmulator;
let admin: Client;
let anonymous: Client;

beforeEach(async () => {
  const t = await startTestEmulator();
  emu = t.emu;
  admin = t.admin;
  anonymous = t.anonymous;
});
afterEach(() => emu.close());

const n = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));
const maxId = (items: { Id: string }[]) => Math.max(...items.map((x) => n(x.Id)));

describe('POST /__emulator/activity', () => {
  it('advances the clock and adds releases and deployments with new, larger ids', async () => {
    const before = (await admin.get('/api/deployments?take=1')).json;
    const beforeEvents = await admin.all('/api/events', 2000);
    const r = await anonymous.post('/__emulator/activity', { advanceMinutes: 60, deployments: 40 });
    expect(r.status).toBe(200);
    expect(r.json.deployments).toHaveLength(40);
    expect(emu.now()).toBe(NOW + 60 * 60_000);
    expect(Date.parse(r.json.to)).toBe(emu.now());

    const history = emu.history();
    const created = history.Spaces.flatMap((s) => s.Deployments).filter((d) => r.json.deployments.includes(d.Id));
    expect(created).toHaveLength(40);
    for (const d of created) {
      expect(n(d.Id)).toBeGreaterThan(n(before.Items[0].Id));
      expect(Date.parse(d.Created)).toBeGreaterThan(NOW);
      expect(Date.parse(d.Created)).toBeLessThanOrEqual(emu.now());
    }
    // New events come after every event seen before: a fromAutoId sync misses nothing.
    const since = maxId(beforeEvents);
    const fresh = await admin.all(`/api/events?fromAutoId=${since + 1}`, 2000);
    const queued = fresh.filter((e) => e.Category === 'DeploymentQueued').map((e) => e.RelatedDocumentIds[0]);
    expect(queued.sort()).toEqual([...r.json.deployments].sort());
    const after = await admin.all('/api/events', 2000);
    expect(after.length).toBe(beforeEvents.length + fresh.length);
  });

  it('a release it creates has a ReleaseCreated event after every event seen before', async () => {
    const since = maxId((await admin.get('/api/events?take=1')).json.Items);
    const r = emu.advance({ minutes: 120, deployments: 60 });
    expect(r.releases.length).toBeGreaterThan(0);
    const fresh = await admin.all(`/api/events?eventCategories=ReleaseCreated&fromAutoId=${since + 1}`, 2000);
    expect(fresh.map((e) => e.RelatedDocumentIds[0]).sort()).toEqual([...r.releases].sort());
    const releases = new Map(emu.history().Spaces.flatMap((s) => s.Releases).map((x) => [x.Id, x]));
    for (const e of fresh) {
      const release = releases.get(e.RelatedDocumentIds[0])!;
      expect(e.Occurred).toBe(release.Assembled);
      expect(e.RelatedDocumentIds).toEqual([release.Id, release.ProjectId, release.ChannelId]);
      expect(e.Message.startsWith(`Release ${release.Version} created for `)).toBe(true);
    }
    // Each new deployment of a new release is queued after its release was created.
    const queued = await admin.all(`/api/events?eventCategories=DeploymentQueued&fromAutoId=${since + 1}`, 2000);
    const createdAt = new Map(fresh.map((e) => [e.RelatedDocumentIds[0], n(e.Id)]));
    for (const q of queued) {
      const at = createdAt.get(q.RelatedDocumentIds[2]);
      if (at !== undefined) expect(n(q.Id)).toBeGreaterThan(at);
    }
  });

  it('finishes tasks that were running when the clock passes their end', async () => {
    const running = await admin.all('/api/tasks?active=true');
    expect(running.length).toBeGreaterThan(0);
    const scheduled = running.filter((t) => Date.parse(t.QueueTime) > NOW + 3 * 3600_000);
    const r = emu.advance({ minutes: 180 });
    expect(r.finishedTasks.length).toBe(running.length - scheduled.length);
    for (const t of running) {
      const now = (await admin.get(`/api/tasks/${t.Id}`)).json;
      if (scheduled.some((s) => s.Id === t.Id)) expect(now.IsCompleted).toBe(false);
      else {
        expect(now.IsCompleted).toBe(true);
        expect(Date.parse(now.CompletedTime)).toBeLessThanOrEqual(emu.now());
      }
    }
    // The pending guided failure was answered when its task finished.
    expect((await admin.get('/api/Spaces-1/interruptions?pendingOnly=true')).json.TotalResults).toBe(0);
    const events = (await admin.get('/api/events?eventCategories=DeploymentSucceeded,DeploymentFailed&take=1')).json.Items;
    expect(Date.parse(events[0].Occurred)).toBeGreaterThan(NOW);
  });

  it('validates its input', async () => {
    expect((await anonymous.post('/__emulator/activity', { advanceMinutes: -5 })).status).toBe(400);
  });
});

describe('POST /api/tasks/{id}/state', () => {
  it('edits a finished task, records a Modified event, and says what Octopus says otherwise', async () => {
    const success = (await admin.get('/api/Spaces-1/tasks?states=Success&name=Deploy&take=1')).json.Items[0];
    const lastEvent = maxId((await admin.get('/api/events?take=1')).json.Items);
    const r = await admin.post(`/api/tasks/${success.Id}/state`, { state: 'Failed', reason: 'Broke checkout after release' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ Id: success.Id, State: 'Failed', CompletedTime: success.CompletedTime, IsCompleted: true });
    expect((await admin.get(`/api/tasks/${success.Id}`)).json.State).toBe('Failed');
    const deployment = success.Arguments.DeploymentId;
    expect((await admin.get(`/api/Spaces-1/deployments?taskState=Failed&ids=${deployment}`)).json.TotalResults).toBe(1);
    const events = (await admin.get(`/api/events?fromAutoId=${lastEvent + 1}`)).json.Items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ Category: 'Modified', UserId: 'Users-1' });
    expect(events[0].RelatedDocumentIds[0]).toBe(success.Id);
    expect(events[0].Message).toContain('from Success to Failed');
    expect(emu.history().Spaces[0].TaskStateEdits.at(-1)).toMatchObject({
      TaskId: success.Id,
      PreviousState: 'Success',
      State: 'Failed',
      Reason: 'Broke checkout after release',
    });

    const bad = await admin.post(`/api/tasks/${success.Id}/state`, { state: 'Executing' });
    expect(bad.status).toBe(400);
    expect(bad.json.Errors).toEqual(['The task can not be put into the state. Valid states are: Canceled, Failed, Success.']);
    const active = (await admin.get('/api/Spaces-1/tasks?states=Executing&take=1')).json.Items[0];
    const running = await admin.post(`/api/tasks/${active.Id}/state`, { state: 'Failed' });
    expect(running.status).toBe(400);
    expect(running.json.Errors).toEqual(['It can only be changed out of the states: Canceled, Failed, Success.']);
  });

  it('needs the anti-forgery token', async () => {
    const task = (await admin.get('/api/Spaces-1/tasks?states=Success&take=1')).json.Items[0];
    const r = await admin.post(`/api/tasks/${task.Id}/state`, { state: 'Failed' }, { 'X-Octopus-Csrf-Token': 'forged' });
    expect(r.status).toBe(403);
    expect((await admin.get(`/api/tasks/${task.Id}`)).json.State).toBe('Success');
  });
});

describe('defects', () => {
  it('report blocks once, resolve unblocks, both are events', async () => {
    const release = emu.history().Spaces[0].Releases.find((r) => !emu.history().Spaces[0].Defects.some((d) => d.ReleaseId === r.Id))!;
    const path = `/api/Spaces-1/releases/${release.Id}/defects`;
    const reported = await admin.post(path, { Description: 'Memory leak' });
    expect(reported.json).toMatchObject({ Description: 'Memory leak', Status: 'Unresolved' });
    expect(reported.json.Id).toMatch(/^Defects-\d+$/);
    const again = await admin.post(path, { Description: 'again' });
    expect(again.status).toBe(400);
    expect(again.json.Errors).toEqual(['An unresolved defect already exists for this release.']);
    const resolved = await admin.post(`${path}/resolve`);
    expect(resolved.json).toMatchObject({ Id: reported.json.Id, Status: 'Resolved' });
    const list = (await admin.get(path)).json;
    expect(list.ItemType).toBe('Defect');
    expect(list.Items.map((d: { Status: string }) => d.Status)).toEqual(['Resolved']);
    const events = (await admin.get(`/api/Spaces-1/events?regarding=${release.Id}&eventCategories=DefectReported,DefectResolved`)).json.Items;
    expect(events.map((e: { Category: string }) => e.Category)).toEqual(['DefectResolved', 'DefectReported']);
    expect((await admin.post(`${path}/resolve`)).status).toBe(400);
  });
});
