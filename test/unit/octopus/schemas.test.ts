import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SchemaMismatch } from '@/lib/octopus/errors';
import {
  ApiRootSchema,
  ChannelSchema,
  collection,
  DefectSchema,
  DeploymentSchema,
  EnvironmentSchema,
  EventSchema,
  eventAutoId,
  InterruptionSchema,
  isGuidedFailure,
  LifecycleSchema,
  ProjectGroupSchema,
  ProjectSchema,
  ReleaseSchema,
  resourceNameOf,
  SpaceSchema,
  TaskSchema,
  TenantSchema,
  UserSchema,
} from '@/lib/octopus/schemas';
import { validate } from '@/lib/octopus/validate';
import { fixture } from './fake-octopus';

const ms = (iso: string) => Date.parse(iso);

describe('schemas accept realistic Octopus JSON', () => {
  const collections: Array<[string, z.ZodType, number]> = [
    ['spaces', SpaceSchema, 2],
    ['projects', ProjectSchema, 2],
    ['project-groups', ProjectGroupSchema, 2],
    ['environments', EnvironmentSchema, 3],
    ['channels', ChannelSchema, 2],
    ['tenants', TenantSchema, 2],
    ['lifecycles', LifecycleSchema, 1],
    ['releases', ReleaseSchema, 2],
    ['deployments', DeploymentSchema, 2],
    ['tasks', TaskSchema, 4],
    ['interruptions', InterruptionSchema, 2],
    ['interruptions-legacy', InterruptionSchema, 2],
    ['defects', DefectSchema, 2],
    ['events', EventSchema, 2],
  ];

  it.each(collections)('%s.json parses as a collection', (name, itemSchema, count) => {
    const parsed = collection(itemSchema).parse(fixture(name));
    expect(parsed.Items).toHaveLength(count);
  });

  it.each([
    ['root', ApiRootSchema],
    ['user-me', UserSchema],
    ['project', ProjectSchema],
  ] as Array<[string, z.ZodType]>)('%s.json parses', (name, schema) => {
    expect(schema.safeParse(fixture(name)).success).toBe(true);
  });

  it('keeps only the fields we read, dropping unknown ones', () => {
    const project = ProjectSchema.parse({ ...fixture('project'), SomethingFrom2030: { nested: true } });
    expect(project).toEqual({
      Id: 'Projects-1',
      Name: 'Checkout API',
      Slug: 'checkout-api',
      ProjectGroupId: 'ProjectGroups-1',
      LifecycleId: 'Lifecycles-1',
      TenantedDeploymentMode: 'TenantedOrUntenanted',
    });
  });

  it('needs no envelope field but TotalResults, Items and Page.Next (Octopus 3.x pages had no page counts)', () => {
    const legacy = {
      ItemType: 'Task',
      IsStale: false,
      TotalResults: 139,
      ItemsPerPage: 30,
      Items: fixture<{ Items: object[] }>('tasks').Items,
      Links: { Self: '/api/tasks?skip=30', 'Page.Previous': '/api/tasks?skip=0', 'Page.Next': '/api/tasks?skip=60', 'Page.0': '/api/tasks?skip=0' },
    };
    const parsed = collection(TaskSchema).parse(legacy);
    expect(parsed.TotalResults).toBe(139);
    expect(parsed.Links['Page.Next']).toBe('/api/tasks?skip=60');
    const { ItemType: _type, ...noItemType } = legacy;
    expect(collection(TaskSchema).safeParse(noItemType).success).toBe(true);
    const { TotalResults: _total, ...noTotal } = legacy;
    expect(collection(TaskSchema).safeParse(noTotal).success).toBe(false);
  });

  it('reads resources of servers that predate today’s fields (the 2020.5 API: no Space.Slug, Task.PendingInterruptionTypes …)', () => {
    const task = fixture<{ Items: Record<string, unknown>[] }>('tasks').Items[0];
    for (const field of ['ProjectId', 'PendingInterruptionTypes', 'EstimatedRemainingQueueDurationSeconds', 'HasPendingPreconditions']) delete task[field];
    expect(TaskSchema.safeParse(task).success).toBe(true);
    expect(SpaceSchema.safeParse({ Id: 'Spaces-1', Name: 'Default', IsDefault: true }).success).toBe(true);
  });

  it('reads a 2024.3 deployment: dates to epoch ms, untenanted as null, scheduled QueueTime', () => {
    const [prod, staging] = collection(DeploymentSchema).parse(fixture('deployments')).Items;
    expect(prod).toMatchObject({
      Id: 'Deployments-12',
      ProjectId: 'Projects-1',
      ReleaseId: 'Releases-44',
      ChannelId: 'Channels-1',
      EnvironmentId: 'Environments-3',
      TenantId: 'Tenants-1',
      TaskId: 'ServerTasks-11603',
      Created: ms('2024-08-03T01:12:09.101Z'),
      QueueTime: null,
    });
    expect(prod).not.toHaveProperty('ExecutionPlanLogContext');
    expect(staging.TenantId).toBeNull();
    expect(staging.QueueTime).toBe(ms('2024-08-02T06:00:00Z'));
  });

  it('reads a release Assembled with a +10:00 offset as the right instant', () => {
    const [, release] = collection(ReleaseSchema).parse(fixture('releases')).Items;
    expect(release.Assembled).toBe(ms('2024-08-02T05:07:42.445Z'));
  });

  it('reads tasks in every state, with null times until they happen', () => {
    const tasks = collection(TaskSchema).parse(fixture('tasks')).Items;
    expect(tasks.map((t) => t.State)).toEqual(['Failed', 'Executing', 'Success', 'Queued']);
    const [failed, executing, success, queued] = tasks;
    expect(failed.CompletedTime).toBe(ms('2024-08-03T01:14:31.675Z'));
    expect(failed.Arguments?.DeploymentId).toBe('Deployments-12');
    expect(executing.CompletedTime).toBeNull();
    expect(success.CompletedTime).toBe(ms('2024-08-02T06:03:12.939Z')); // 7-digit fraction truncated
    expect(queued.StartTime).toBeNull();
    expect(queued.QueueTime).toBe(ms('2024-08-03T14:00:00Z'));
    expect(queued.Arguments).toEqual({ DeploymentId: 'Deployments-9' });
  });

  it('rejects a task state Octopus does not have', () => {
    const task = { ...fixture<{ Items: object[] }>('tasks').Items[0], State: 'Paused' };
    expect(TaskSchema.safeParse(task).success).toBe(false);
  });

  it('infers guided failure from the title on servers without Interruption.Type', () => {
    const [guided, manual] = collection(InterruptionSchema).parse(fixture('interruptions-legacy')).Items;
    expect(guided.Type).toBe('GuidedFailure');
    expect(isGuidedFailure(guided)).toBe(true);
    expect(manual.Type).toBe('ManualIntervention');
    expect(isGuidedFailure(manual)).toBe(false);
  });

  it('takes an interruption’s task from its related documents when TaskId is missing', () => {
    const [guided] = fixture<{ Items: Record<string, unknown>[] }>('interruptions-legacy').Items;
    const related = guided.RelatedDocumentIds as string[];
    const task = related.find((id) => id.startsWith('ServerTasks-'));
    expect(task).toBeDefined();
    delete guided.TaskId;
    expect(InterruptionSchema.parse(guided).TaskId).toBe(task);
    expect(InterruptionSchema.parse({ ...guided, RelatedDocumentIds: ['Deployments-1'] }).TaskId).toBeNull();
  });

  it('trusts Interruption.Type when present, even against the title', () => {
    const interruption = InterruptionSchema.parse({
      ...fixture<{ Items: object[] }>('interruptions').Items[1],
      Title: 'Step X requires failure guidance',
      Type: 'ManualIntervention',
    });
    expect(interruption.Type).toBe('ManualIntervention');
    expect(interruption.TaskId).toBe('ServerTasks-11599');
  });

  it('reads tenants, lifecycles and channels with the lists metrics filter on', () => {
    const [acme, globex] = collection(TenantSchema).parse(fixture('tenants')).Items;
    expect(acme.TenantTags).toEqual(['Tier/Gold', 'Region/EU']);
    expect(globex.Name).toBe('Globex <script>alert(1)</script>'); // kept as data; rendering escapes it
    expect(TenantSchema.parse({ Id: 'Tenants-9', Name: 'No tags yet', TenantTags: null }).TenantTags).toEqual([]);
    const [lifecycle] = collection(LifecycleSchema).parse(fixture('lifecycles')).Items;
    expect(lifecycle.Phases.map((p) => [...p.AutomaticDeploymentTargets, ...p.OptionalDeploymentTargets])).toEqual([
      ['Environments-1'],
      ['Environments-2'],
      ['Environments-3'],
    ]);
    const [defaultChannel, hotfix] = collection(ChannelSchema).parse(fixture('channels')).Items;
    expect(defaultChannel.LifecycleId).toBeNull();
    expect(hotfix.LifecycleId).toBe('Lifecycles-2');
  });

  it('reads events and their auto ids', () => {
    const [failed, queued] = collection(EventSchema).parse(fixture('events')).Items;
    expect(failed.Category).toBe('DeploymentFailed');
    expect(failed.RelatedDocumentIds).toContain('ServerTasks-11603');
    expect(queued.Category).toBe('DeploymentQueued');
    expect(eventAutoId(failed.Id)).toBe(872850);
    expect(eventAutoId('nonsense')).toBeUndefined();
  });

  it('reads defects with their status', () => {
    const defects = collection(DefectSchema).parse(fixture('defects')).Items;
    expect(defects.map((d) => d.Status)).toEqual(['Unresolved', 'Resolved']);
  });

  it('reads a defect without a status (optional in Octopus’s clients) or with one it does not know, instead of failing the page', () => {
    const [unresolved] = fixture<{ Items: Record<string, unknown>[] }>('defects').Items;
    expect(DefectSchema.parse({ ...unresolved, Status: null }).Status).toBeNull();
    const { Status: _, ...without } = unresolved;
    expect(DefectSchema.parse(without).Status).toBeNull();
    expect(DefectSchema.parse({ ...unresolved, Status: 'Dismissed' }).Status).toBe('Dismissed');
  });

  it('reads an interruption with a null Type or Title as Octopus’s client does', () => {
    const [guided] = fixture<{ Items: Record<string, unknown>[] }>('interruptions').Items;
    expect(InterruptionSchema.parse({ ...guided, Type: null, Title: 'Step X requires failure guidance' }).Type).toBe('GuidedFailure');
    expect(InterruptionSchema.parse({ ...guided, Type: null, Title: null }).Type).toBe('ManualIntervention');
  });

  it('reads a task whose arguments name no deployment by a string id as no deployment', () => {
    const [task] = fixture<{ Items: Record<string, unknown>[] }>('tasks').Items;
    expect(TaskSchema.parse({ ...task, Arguments: { DeploymentId: null } }).Arguments?.DeploymentId).toBeUndefined();
    expect(TaskSchema.parse({ ...task, Arguments: { DeploymentId: 12, MachineIds: ['Machines-1'] } }).Arguments?.DeploymentId).toBeUndefined();
    expect(TaskSchema.parse({ ...task, Arguments: { DeploymentId: 'Deployments-7' } }).Arguments?.DeploymentId).toBe('Deployments-7');
  });

  it('takes a user id only as Octopus writes one: it names the user’s cache, which a separator could point at another server’s', () => {
    const me = fixture('user-me');
    expect(UserSchema.parse(me).Id).toBe(me.Id);
    for (const Id of ['8443:Users-1', 'Users-1/../x', '', 'Users 1']) expect(UserSchema.safeParse({ ...me, Id }).success).toBe(false);
  });

  it('names every resource schema for error reports', () => {
    expect(resourceNameOf(DeploymentSchema)).toBe('Deployment');
    expect(resourceNameOf(InterruptionSchema)).toBe('Interruption');
    expect(resourceNameOf(EventSchema)).toBe('Event');
  });
});

describe('validate reports what, where and how many', () => {
  const url = 'https://octopus.example.com/api/Spaces-1/deployments?skip=0&take=2';

  function mismatch(run: () => unknown): SchemaMismatch {
    try {
      run();
    } catch (error) {
      if (error instanceof SchemaMismatch) return error;
      throw error;
    }
    throw new Error('expected a SchemaMismatch');
  }

  it('names the resource, the item id and the field of a missing field in a page', () => {
    const page = fixture<{ Items: Record<string, unknown>[] }>('deployments');
    delete page.Items[1].EnvironmentId;
    const error = mismatch(() =>
      validate(collection(DeploymentSchema), page, url, { resource: 'Deployment', paged: true }),
    );
    expect(error.resource).toBe('Deployment');
    expect(error.itemIds).toEqual(['Deployments-11']);
    expect(error.fieldPaths).toEqual(['EnvironmentId']);
    expect(error.failedCount).toBe(1);
    expect(error.totalCount).toBe(2);
    expect(error.url).toBe(url);
    expect(error.message).toContain('Deployment');
    expect(error.message).toContain('Deployments-11');
    expect(error.message).toContain('EnvironmentId');
    expect(error.message).toContain('1 of 2 items');
  });

  it('counts every failing item and collects each field path once', () => {
    const page = fixture<{ Items: Record<string, unknown>[] }>('deployments');
    page.Items[0].Created = 'Friday, August 2, 2024 5:07 AM';
    page.Items[1].Created = 1722575262445;
    page.Items[1].TaskId = null;
    const error = mismatch(() =>
      validate(collection(DeploymentSchema), page, url, { resource: 'Deployment', paged: true }),
    );
    expect(error.failedCount).toBe(2);
    expect(error.itemIds).toEqual(['Deployments-12', 'Deployments-11']);
    expect(error.fieldPaths.sort()).toEqual(['Created', 'TaskId']);
    expect(error.issues[0]).toMatchObject({ itemId: 'Deployments-12', itemIndex: 0, field: 'Created' });
  });

  it('reports a broken envelope as one failed page', () => {
    const page = fixture<Record<string, unknown>>('deployments');
    delete page.TotalResults;
    const error = mismatch(() =>
      validate(collection(DeploymentSchema), page, url, { resource: 'Deployment', paged: true }),
    );
    expect(error.resource).toBe('Deployment page');
    expect(error.fieldPaths).toEqual(['TotalResults']);
    expect(error.failedCount).toBe(1);
  });

  it('names the id of a single resource', () => {
    const project = { ...fixture('project'), TenantedDeploymentMode: 'Sometimes' };
    const error = mismatch(() => validate(ProjectSchema, project, url, { resource: 'Project', paged: false }));
    expect(error.itemIds).toEqual(['Projects-1']);
    expect(error.fieldPaths).toEqual(['TenantedDeploymentMode']);
    expect(error.totalCount).toBe(1);
  });

  it('survives being sent through runtime messaging', () => {
    const error = mismatch(() => validate(ProjectSchema, {}, url, { resource: 'Project', paged: false }));
    const copy = JSON.parse(JSON.stringify(error));
    expect(copy).toMatchObject({ kind: 'schema-mismatch', resource: 'Project', name: 'SchemaMismatch', transient: false });
    expect(copy.message).toBe(error.message);
  });
});
