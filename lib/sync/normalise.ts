/**
 * Octopus resources (already validated by lib/octopus) → the store's records. The one place where a
 * deployment meets its task: Octopus keeps state and times on the task, not the deployment.
 */
import { TaskState, type TaskStateCode } from '@/lib/metrics/facts';
import type { Channel, Deployment, Environment, Lifecycle, Project, ProjectGroup, Release, Space, Task, Tenant } from '@/lib/octopus/schemas';
import { type DeploymentRecord, type DimensionRecords, idNumber, type ReleaseRecord } from '@/lib/store/records';

export function taskStateCode(state: Task['State']): TaskStateCode {
  return TaskState[state];
}

export function dimensionRecords(input: {
  space?: Space;
  projects: Project[];
  projectGroups: ProjectGroup[];
  environments: Environment[];
  channels: Channel[];
  tenants: Tenant[];
  lifecycles: Lifecycle[];
}): DimensionRecords {
  return {
    space: input.space ? { id: input.space.Id, name: input.space.Name } : undefined,
    projects: input.projects.map((p) => ({
      id: p.Id,
      name: p.Name,
      slug: p.Slug,
      groupId: p.ProjectGroupId,
      lifecycleId: p.LifecycleId,
      tenantedMode: p.TenantedDeploymentMode,
    })),
    projectGroups: input.projectGroups.map((g) => ({ id: g.Id, name: g.Name })),
    environments: input.environments.map((e) => ({ id: e.Id, name: e.Name, sortOrder: e.SortOrder })),
    channels: input.channels.map((c) => ({ id: c.Id, name: c.Name, projectId: c.ProjectId, lifecycleId: c.LifecycleId, isDefault: c.IsDefault })),
    tenants: input.tenants.map((t) => ({ id: t.Id, name: t.Name, tags: [...t.TenantTags] })),
    lifecycles: input.lifecycles.map((l) => ({
      id: l.Id,
      name: l.Name,
      phases: l.Phases.map((p) => ({ name: p.Name, environmentIds: [...p.AutomaticDeploymentTargets, ...p.OptionalDeploymentTargets] })),
    })),
  };
}

export function releaseRecord(release: Release, blocked: boolean): ReleaseRecord {
  return {
    id: idNumber(release.Id),
    project: release.ProjectId,
    channel: release.ChannelId,
    version: release.Version,
    assembled: release.Assembled,
    blocked,
  };
}

/**
 * Joins a deployment with its task. `QueueTime` is the task's (a scheduled deployment's future start when
 * one was set), falling back to the deployment's; missing times are NaN.
 */
export function deploymentRecord(deployment: Deployment, task: Task, guidedFailure: boolean): DeploymentRecord {
  return {
    id: idNumber(deployment.Id),
    project: deployment.ProjectId,
    environment: deployment.EnvironmentId,
    channel: deployment.ChannelId,
    tenant: deployment.TenantId,
    release: idNumber(deployment.ReleaseId),
    task: idNumber(deployment.TaskId),
    state: taskStateCode(task.State),
    guidedFailure,
    created: deployment.Created,
    queued: task.QueueTime ?? deployment.QueueTime ?? deployment.Created,
    started: task.StartTime ?? Number.NaN,
    completed: task.CompletedTime ?? Number.NaN,
  };
}
