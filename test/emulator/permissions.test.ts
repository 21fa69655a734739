/** The restricted user: silent filtering of lists, 403 for direct requests, a realistic permission set. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentResource, HistoryFile, HistorySpace, UserPermissionSetResource } from './history-file';
import type { Client } from './test-helpers';
import { startTestEmulator } from './test-helpers';
import { EMULATOR_USERS } from './users';

let admin: Client;
let restricted: Client;
let history: HistoryFile;
let space: HistorySpace;
let scope: { projects: Set<string>; environments: Set<string>; tenants: Set<string> };
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await startTestEmulator({ scale: 'demo' });
  admin = t.admin;
  restricted = t.restricted;
  history = t.emu.history();
  space = history.Spaces[0];
  const perms = history.Users.find((u) => u.User.Username === 'restricted')!.Permissions;
  const view = perms.SpacePermissions.DeploymentView[0];
  scope = {
    projects: new Set(view.RestrictedToProjectIds),
    environments: new Set(view.RestrictedToEnvironmentIds),
    tenants: new Set(view.RestrictedToTenantIds),
  };
  close = () => t.emu.close();
});
afterAll(() => close());

const visible = (d: DeploymentResource) =>
  scope.projects.has(d.ProjectId) && scope.environments.has(d.EnvironmentId) && (d.TenantId === null || scope.tenants.has(d.TenantId));
const ids = (items: { Id: string }[]) => items.map((x) => x.Id);
const FORBIDDEN = /^You do not have permission to perform this action\. Please contact your Octopus administrator\. Missing permission: /;

describe('the restricted user', () => {
  it('is really restricted: some projects, environments and tenants of Spaces-1 only', () => {
    expect(scope.projects.size).toBeGreaterThan(0);
    expect(scope.projects.size).toBeLessThan(space.Projects.length);
    expect(scope.environments.size).toBe(space.Environments.length - 1);
    expect([...scope.environments].map((id) => space.Environments.find((e) => e.Id === id)!.Name)).not.toContain('Staging');
    expect(scope.tenants.size).toBeLessThan(space.Tenants.length);
  });

  it('GET /api/users/{id}/permissions reflects the restrictions, for the current user only', async () => {
    const me = (await restricted.get('/api/users/me')).json;
    expect(me.Username).toBe(EMULATOR_USERS.restricted.username);
    const perms = (await restricted.get(`/api/users/${me.Id}/permissions`)).json as UserPermissionSetResource;
    expect(Object.keys(perms.SpacePermissions)).toEqual(expect.arrayContaining(['ProjectView', 'DeploymentView', 'TaskView', 'EventView']));
    expect(perms.SpacePermissions.DefectReport).toBeUndefined();
    for (const grants of Object.values(perms.SpacePermissions)) for (const g of grants) expect(g.SpaceId).toBe('Spaces-1');
    expect(perms.SpacePermissions.ProjectView[0].RestrictedToProjectIds.sort()).toEqual([...scope.projects].sort());
    const other = await restricted.get('/api/users/Users-1/permissions');
    expect(other.status).toBe(403);
    const adminPerms = (await admin.get('/api/users/Users-1/permissions')).json as UserPermissionSetResource;
    expect(adminPerms.SystemPermissions).toContain('AdministerSystem');
    expect(adminPerms.SpacePermissions.DeploymentView.map((g) => g.SpaceId)).toEqual(history.Spaces.map((s) => s.Space.Id));
    expect(adminPerms.SpacePermissions.DeploymentView[0].RestrictedToProjectIds).toEqual([]);
  });

  it('sees only Spaces-1; the other spaces are 403', async () => {
    const spaces = (await restricted.get('/api/spaces')).json;
    expect(ids(spaces.Items)).toEqual(['Spaces-1']);
    for (const path of ['/api/Spaces-2', '/api/Spaces-2/projects', '/api/Spaces-2/deployments', '/api/spaces/Spaces-2', '/api/tasks?spaces=Spaces-2']) {
      const r = await restricted.get(path);
      expect(r.status, path).toBe(403);
      expect(r.json.ErrorMessage).toMatch(FORBIDDEN);
    }
    expect((await restricted.get('/api/Spaces-2/projects')).json.ErrorMessage).toMatch(/Missing permission: ProjectView$/);
  });

  it('lists are filtered silently', async () => {
    const projects = await restricted.all('/api/Spaces-1/projects');
    expect(ids(projects).sort()).toEqual([...scope.projects].sort());
    const envs = (await restricted.get('/api/Spaces-1/environments/all')).json;
    expect(ids(envs).sort()).toEqual([...scope.environments].sort());
    const tenants = await restricted.all('/api/Spaces-1/tenants');
    expect(ids(tenants).sort()).toEqual([...scope.tenants].sort());

    const deployments = await restricted.all<DeploymentResource>('/api/Spaces-1/deployments');
    const expected = space.Deployments.filter(visible);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(space.Deployments.length);
    expect(expected.some((d) => d.TenantId !== null)).toBe(true);
    expect(ids(deployments).sort()).toEqual(ids(expected).sort());

    const visibleTasks = new Set(expected.map((d) => d.TaskId));
    const tasks = await restricted.all('/api/Spaces-1/tasks');
    expect(ids(tasks).sort()).toEqual([...visibleTasks].sort());

    const releases = await restricted.all<{ Id: string; ProjectId: string }>('/api/Spaces-1/releases');
    expect(ids(releases).sort()).toEqual(ids(space.Releases.filter((r) => scope.projects.has(r.ProjectId))).sort());

    const deploymentIds = new Set(ids(expected));
    const interruptions = await restricted.all<{ RelatedDocumentIds: string[] }>('/api/Spaces-1/interruptions');
    expect(interruptions.every((i) => i.RelatedDocumentIds.some((id) => deploymentIds.has(id)))).toBe(true);
    expect(interruptions.length).toBeLessThan(space.Interruptions.length);

    const events = await restricted.all<{ RelatedDocumentIds: string[]; Category: string }>('/api/Spaces-1/events', 1000);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      if (e.Category.startsWith('Defect') || e.Category === 'ReleaseCreated') expect(scope.projects.has(e.RelatedDocumentIds[1])).toBe(true);
      else expect(e.RelatedDocumentIds.some((id) => deploymentIds.has(id))).toBe(true);
    }
    // Release creations: exactly those of the permitted projects (environments and tenants do not apply).
    const created = events.filter((e) => e.Category === 'ReleaseCreated').map((e) => e.RelatedDocumentIds[0]);
    expect(created.sort()).toEqual(ids(releases).sort());
    const hidden = (await admin.all<{ Id: string; RelatedDocumentIds: string[] }>('/api/Spaces-1/events?eventCategories=ReleaseCreated', 1000)).find(
      (e) => !scope.projects.has(e.RelatedDocumentIds[1]),
    )!;
    expect((await restricted.get(`/api/events/${hidden.Id}`)).status).toBe(403);

    const dashboard = (await restricted.get('/api/Spaces-1/dashboard')).json;
    expect(dashboard.Items.every((i: { DeploymentId: string }) => deploymentIds.has(i.DeploymentId))).toBe(true);
    expect(ids(dashboard.Projects).sort()).toEqual([...scope.projects].sort());
    expect(dashboard.IsFiltered).toBe(true);
  });

  it('a direct request for a forbidden resource is a 403 naming the permission', async () => {
    const project = space.Projects.find((p) => !scope.projects.has(p.Id))!;
    const byId = await restricted.get(`/api/Spaces-1/projects/${project.Id}`);
    expect(byId.status).toBe(403);
    expect(byId.json.ErrorMessage).toBe(
      'You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: ProjectView',
    );
    expect((await restricted.get(`/api/Spaces-1/projects/${project.Slug}`)).status).toBe(403);
    const hidden = space.Deployments.find((d) => !visible(d))!;
    const dep = await restricted.get(`/api/Spaces-1/deployments/${hidden.Id}`);
    expect(dep.status).toBe(403);
    expect(dep.json.ErrorMessage).toMatch(/Missing permission: DeploymentView$/);
    expect((await restricted.get(`/api/tasks/${hidden.TaskId}`)).json.ErrorMessage).toMatch(/Missing permission: TaskView$/);
    const release = space.Releases.find((r) => !scope.projects.has(r.ProjectId))!;
    expect((await restricted.get(`/api/Spaces-1/releases/${release.Id}`)).status).toBe(403);
    const staging = space.Environments.find((e) => e.Name === 'Staging')!;
    expect((await restricted.get(`/api/Spaces-1/environments/${staging.Id}`)).json.ErrorMessage).toMatch(
      /Missing permission: EnvironmentView$/,
    );
  });

  it('cannot report defects or edit task states (view permissions only)', async () => {
    const release = space.Releases.find((r) => scope.projects.has(r.ProjectId))!;
    const r = await restricted.post(`/api/Spaces-1/releases/${release.Id}/defects`, { Description: 'x' });
    expect(r.status).toBe(403);
    expect(r.json.ErrorMessage).toMatch(/Missing permission: DefectReport$/);
    const task = space.Deployments.find(visible)!.TaskId;
    const edit = await restricted.post(`/api/tasks/${task}/state`, { state: 'Failed', reason: 'x' });
    expect(edit.status).toBe(403);
  });
});
