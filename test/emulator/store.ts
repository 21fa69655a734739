/**
 * The emulator's state: catalog resources as Octopus JSON (a few thousand at most), and the history —
 * releases, deployments, tasks, interruptions, events — as typed-array columns, one row per resource,
 * rows in id order (Octopus assigns ids in creation order, so row order is also creation order).
 *
 * Time: `now` is the emulator's clock. Tasks carry their *planned* start/finish, so what a request sees
 * (Queued, Executing, Success…) is computed against `now`; advancing the clock finishes tasks without
 * rewriting anything. Nothing is ever created after `now`.
 *
 * Events are derived from the history (see {@link Store.deriveEvents}): their order and ids are a pure
 * function of the data, so a history written to a file and loaded again yields the same events, and
 * events revealed later by the clock always get larger ids than any event already visible.
 */
import { IntList, lowerBound, orderByTime, refColumn, StringTable, Table, timeColumn } from './columns';
import type {
  ChannelResource,
  EnvironmentResource,
  HistoryUser,
  LifecycleResource,
  ProjectGroupResource,
  ProjectResource,
  SpaceResource,
  TagSetResource,
  TaskState,
  TenantResource,
} from './history-file';
import { TASK_STATES } from './history-file';
import { hashInts } from './random';

export const State = {
  Queued: 0,
  Executing: 1,
  Failed: 2,
  Canceled: 3,
  TimedOut: 4,
  Success: 5,
  Cancelling: 6,
} as const satisfies Record<TaskState, number>;

export const stateName = (code: number): TaskState => TASK_STATES[code];
/** Case-insensitive, as Octopus binds enums; -1 when unknown. */
export const stateCode = (name: string): number => TASK_STATES.findIndex((s) => s.toLowerCase() === name.toLowerCase());
export const isFinalState = (code: number): boolean =>
  code === State.Success || code === State.Failed || code === State.Canceled || code === State.TimedOut;

export const TaskKind = { Deploy: 0, Other: 1 } as const;

export const InterruptionKind = { GuidedFailure: 0, ManualIntervention: 1 } as const;
export const INTERRUPTION_TYPES = ['GuidedFailure', 'ManualIntervention'] as const;

/** Interruption outcomes; index 0 = not answered yet. */
export const GUIDANCE = [null, 'Fail', 'Retry', 'Ignore', 'Exclude', 'Proceed', 'Abort'] as const;
export const guidanceCode = (value: string | null | undefined): number =>
  value ? Math.max(0, GUIDANCE.indexOf(value as (typeof GUIDANCE)[number])) : 0;

export const EventKind = {
  DeploymentQueued: 0,
  DeploymentStarted: 1,
  DeploymentSucceeded: 2,
  DeploymentFailed: 3,
  GuidedFailureInterruptionRaised: 4,
  ManualInterventionInterruptionRaised: 5,
  DefectReported: 6,
  DefectResolved: 7,
  TaskStateChanged: 8,
  ReleaseCreated: 9,
} as const;

/**
 * Octopus event categories by {@link EventKind}. A task state edit is audited as `Modified` on the
 * ServerTask: Octopus's category for it is not documented (docs/octopus-api.md §2.11), `Modified` is the
 * generic "document changed" category Octopus uses for edits.
 */
export const EVENT_CATEGORIES = [
  'DeploymentQueued',
  'DeploymentStarted',
  'DeploymentSucceeded',
  'DeploymentFailed',
  'GuidedFailureInterruptionRaised',
  'ManualInterventionInterruptionRaised',
  'DefectReported',
  'DefectResolved',
  'Modified',
  'ReleaseCreated',
] as const;

/** Deployment and interruption events reach the event table up to this long after they occur. */
export const MAX_EVENT_LAG_MS = 1500;

export class ReleaseTable extends Table {
  id = new Uint32Array(this.capacity);
  project = refColumn(this.capacity);
  channel = refColumn(this.capacity);
  assembled = timeColumn(this.capacity);
  /** Index into {@link Store.strings}, -1 = no notes. */
  notes = refColumn(this.capacity);
  version: string[] = [];

  protected columns() {
    return { id: 0, project: -1, channel: -1, assembled: Number.NaN, notes: -1 };
  }

  override add(): number {
    this.version.push('');
    return super.add();
  }
}

export class DeploymentTable extends Table {
  id = new Uint32Array(this.capacity);
  release = refColumn(this.capacity);
  project = refColumn(this.capacity);
  channel = refColumn(this.capacity);
  environment = refColumn(this.capacity);
  tenant = refColumn(this.capacity);
  task = refColumn(this.capacity);
  created = timeColumn(this.capacity);
  /** A scheduled deployment's requested start (Deployment `QueueTime`); NaN = "as soon as possible". */
  queueTime = timeColumn(this.capacity);
  queueTimeExpiry = timeColumn(this.capacity);
  deployedBy = refColumn(this.capacity);
  /** bit 0: UseGuidedFailure, bit 1: ForcePackageRedeployment. */
  flags = new Uint8Array(this.capacity);

  protected columns() {
    return {
      id: 0,
      release: -1,
      project: -1,
      channel: -1,
      environment: -1,
      tenant: -1,
      task: -1,
      created: Number.NaN,
      queueTime: Number.NaN,
      queueTimeExpiry: Number.NaN,
      deployedBy: -1,
      flags: 0,
    };
  }
}

export class TaskTable extends Table {
  id = new Uint32Array(this.capacity);
  space = refColumn(this.capacity);
  kind = new Uint8Array(this.capacity);
  deployment = refColumn(this.capacity);
  /** Non-deploy tasks: name and description in {@link Store.strings}. */
  name = refColumn(this.capacity);
  description = refColumn(this.capacity);
  queueTime = timeColumn(this.capacity);
  queueTimeExpiry = timeColumn(this.capacity);
  /** Planned; visible once <= now. */
  start = timeColumn(this.capacity);
  completed = timeColumn(this.capacity);
  /** The state the task finished in (planned), then as edited. */
  state = new Uint8Array(this.capacity);
  /** The state it originally finished in, before any edit. */
  outcome = new Uint8Array(this.capacity);
  /** bit 0: HasWarningsOrErrors. */
  flags = new Uint8Array(this.capacity);
  node = new Uint8Array(this.capacity);
  /** Latest state edit (index into {@link Store.edits}), -1 = never edited. */
  edit = refColumn(this.capacity);

  protected columns() {
    return {
      id: 0,
      space: -1,
      kind: 0,
      deployment: -1,
      name: -1,
      description: -1,
      queueTime: Number.NaN,
      queueTimeExpiry: Number.NaN,
      start: Number.NaN,
      completed: Number.NaN,
      state: 0,
      outcome: 0,
      flags: 0,
      node: 0,
      edit: -1,
    };
  }
}

export class InterruptionTable extends Table {
  id = new Uint32Array(this.capacity);
  task = refColumn(this.capacity);
  kind = new Uint8Array(this.capacity);
  created = timeColumn(this.capacity);
  /** When it was answered; NaN = pending until the task finishes. */
  resolved = timeColumn(this.capacity);
  guidance = new Uint8Array(this.capacity);
  responsible = refColumn(this.capacity);

  protected columns() {
    return {
      id: 0,
      task: -1,
      kind: 0,
      created: Number.NaN,
      resolved: Number.NaN,
      guidance: 0,
      responsible: -1,
    };
  }
}

export class EventTable extends Table {
  id = new Uint32Array(this.capacity);
  kind = new Uint8Array(this.capacity);
  /** The deployment the event is about (-1 for defect and release-created events). */
  deployment = refColumn(this.capacity);
  /** Interruption row, defect index, edit index or release row, by kind. */
  aux = refColumn(this.capacity);
  occurred = timeColumn(this.capacity);

  protected columns() {
    return { id: 0, kind: 0, deployment: -1, aux: -1, occurred: Number.NaN };
  }
}

export interface DefectRecord {
  id: number;
  release: number;
  description: string;
  created: number;
  createdBy: number;
  /** NaN while unresolved. */
  resolved: number;
  resolvedBy: number;
}

export interface EditRecord {
  task: number;
  previous: number;
  state: number;
  reason: string | null;
  occurred: number;
  user: number;
}

/** A candidate event before it gets its id: ordering is (key, kind rank, primary id). */
interface PendingEvent {
  key: number;
  occurred: number;
  kind: number;
  deployment: number;
  aux: number;
  primaryId: number;
}

const newLists = (n: number): IntList[] => Array.from({ length: n }, () => new IntList());

export interface StoreInit {
  installationId: string;
  now: number;
  generator: { scale: string; seed: number } | null;
  users: HistoryUser[];
  spaces: SpaceResource[];
  projectGroups: ProjectGroupResource[];
  lifecycles: LifecycleResource[];
  environments: EnvironmentResource[];
  projects: ProjectResource[];
  channels: ChannelResource[];
  tagSets: TagSetResource[];
  tenants: TenantResource[];
  capacity?: { releases: number; deployments: number; tasks: number; interruptions: number; events: number };
}

export class Store {
  readonly installationId: string;
  now: number;
  readonly generator: { scale: string; seed: number } | null;

  readonly users: HistoryUser[];
  readonly spaces: SpaceResource[];
  readonly projectGroups: ProjectGroupResource[];
  readonly lifecycles: LifecycleResource[];
  readonly environments: EnvironmentResource[];
  readonly projects: ProjectResource[];
  readonly channels: ChannelResource[];
  readonly tagSets: TagSetResource[];
  readonly tenants: TenantResource[];

  /** Catalog lookups: id → array index; `<spaceIndex>` per catalog entry. */
  readonly userIndex = new Map<string, number>();
  readonly spaceIndex = new Map<string, number>();
  readonly projectGroupIndex = new Map<string, number>();
  readonly lifecycleIndex = new Map<string, number>();
  readonly environmentIndex = new Map<string, number>();
  readonly projectIndex = new Map<string, number>();
  readonly projectSlugIndex = new Map<string, number>();
  readonly channelIndex = new Map<string, number>();
  readonly tagSetIndex = new Map<string, number>();
  readonly tenantIndex = new Map<string, number>();
  readonly projectSpace: number[];
  readonly projectGroupOf: number[];
  readonly environmentSpace: number[];
  readonly channelProject: number[];
  readonly tenantSpace: number[];

  readonly strings = new StringTable();
  readonly releases: ReleaseTable;
  readonly deployments: DeploymentTable;
  readonly tasks: TaskTable;
  readonly interruptions: InterruptionTable;
  readonly events: EventTable;
  readonly defects: DefectRecord[] = [];
  readonly edits: EditRecord[] = [];

  /** Indexes: row lists in ascending row (= id = creation) order. */
  readonly releasesBySpace: IntList[];
  readonly releasesByProject: IntList[];
  readonly deploymentsBySpace: IntList[];
  readonly deploymentsByProject: IntList[];
  readonly deploymentsByEnvironment: IntList[];
  readonly deploymentsByTenant: IntList[];
  readonly deploymentsByChannel: IntList[];
  readonly tasksBySpace: IntList[];
  readonly interruptionsBySpace: IntList[];
  readonly eventsBySpace: IntList[];
  readonly interruptionsByTask = new Map<number, number[]>();
  readonly defectsByRelease = new Map<number, number[]>();

  /** Deployments with events not yet visible (in flight at `now`). */
  readonly pendingDeployments = new Set<number>();
  /** Releases whose ReleaseCreated event is not visible yet (added after the events were derived). */
  readonly pendingReleases = new Set<number>();
  /** Set by {@link deriveEvents}: from then on a new release waits in {@link pendingReleases}. */
  private eventsDerived = false;
  /** Who creates releases ({@link releaseCreator}), computed on first use. */
  private creators?: { robot: number; people: number[] };
  /** Base for event ids: installations have events from before the history starts. */
  readonly eventIdBase: number;
  /** Next numeric id per Octopus id prefix (`Deployments` → 1235). */
  readonly nextId: Record<string, number> = {};

  /** Bumped on every change; response caches key on it. */
  version = 0;
  private readonly cache = new Map<string, unknown>();

  constructor(init: StoreInit) {
    this.installationId = init.installationId;
    this.now = init.now;
    this.generator = init.generator;
    this.users = init.users;
    this.spaces = init.spaces;
    this.projectGroups = init.projectGroups;
    this.lifecycles = init.lifecycles;
    this.environments = init.environments;
    this.projects = init.projects;
    this.channels = init.channels;
    this.tagSets = init.tagSets;
    this.tenants = init.tenants;
    const cap = init.capacity ?? { releases: 256, deployments: 1024, tasks: 1024, interruptions: 64, events: 4096 };
    this.releases = new ReleaseTable(cap.releases);
    this.deployments = new DeploymentTable(cap.deployments);
    this.tasks = new TaskTable(cap.tasks);
    this.interruptions = new InterruptionTable(cap.interruptions);
    this.events = new EventTable(cap.events);

    this.users.forEach((u, i) => this.userIndex.set(u.User.Id, i));
    this.spaces.forEach((s, i) => this.spaceIndex.set(s.Id, i));
    this.projectGroups.forEach((g, i) => this.projectGroupIndex.set(g.Id, i));
    this.lifecycles.forEach((l, i) => this.lifecycleIndex.set(l.Id, i));
    this.environments.forEach((e, i) => this.environmentIndex.set(e.Id, i));
    this.projects.forEach((p, i) => {
      this.projectIndex.set(p.Id, i);
      this.projectSlugIndex.set(`${p.SpaceId}/${p.Slug.toLowerCase()}`, i);
    });
    this.channels.forEach((c, i) => this.channelIndex.set(c.Id, i));
    this.tagSets.forEach((t, i) => this.tagSetIndex.set(t.Id, i));
    this.tenants.forEach((t, i) => this.tenantIndex.set(t.Id, i));
    const space = (id: string) => this.spaceIndex.get(id) ?? -1;
    this.projectSpace = this.projects.map((p) => space(p.SpaceId));
    this.projectGroupOf = this.projects.map((p) => this.projectGroupIndex.get(p.ProjectGroupId) ?? -1);
    this.environmentSpace = this.environments.map((e) => space(e.SpaceId));
    this.channelProject = this.channels.map((c) => this.projectIndex.get(c.ProjectId) ?? -1);
    this.tenantSpace = this.tenants.map((t) => space(t.SpaceId));

    this.releasesBySpace = newLists(this.spaces.length);
    this.releasesByProject = newLists(this.projects.length);
    this.deploymentsBySpace = newLists(this.spaces.length);
    this.deploymentsByProject = newLists(this.projects.length);
    this.deploymentsByEnvironment = newLists(this.environments.length);
    this.deploymentsByTenant = newLists(this.tenants.length);
    this.deploymentsByChannel = newLists(this.channels.length);
    this.tasksBySpace = newLists(this.spaces.length);
    this.interruptionsBySpace = newLists(this.spaces.length);
    this.eventsBySpace = newLists(this.spaces.length);
    this.eventIdBase = 1000 + (hashInts(this.installationId.length, this.installationId.charCodeAt(0) || 0) % 9000);
    for (const [prefix, list] of [
      ['Spaces', this.spaces],
      ['ProjectGroups', this.projectGroups],
      ['Lifecycles', this.lifecycles],
      ['Environments', this.environments],
      ['Projects', this.projects],
      ['Channels', this.channels],
      ['TagSets', this.tagSets],
      ['Tenants', this.tenants],
    ] as const) {
      this.nextId[prefix] = 1 + Math.max(0, ...list.map((r) => idNumber(r.Id)));
    }
    this.nextId.Users = 1 + Math.max(0, ...this.users.map((u) => idNumber(u.User.Id)));
    for (const prefix of ['Releases', 'Deployments', 'ServerTasks', 'Interruptions', 'Defects']) this.nextId[prefix] = 1;
  }

  // ── ids and lookups ────────────────────────────────────────────────────────────────────────────────

  /** Allocates the next `Prefix-N` number, keeping ids sequential per type across the installation. */
  allocate(prefix: string): number {
    const n = this.nextId[prefix] ?? 1;
    this.nextId[prefix] = n + 1;
    return n;
  }

  /** Records an id that came from a file, so later allocations continue after it. */
  reserveId(prefix: string, n: number): void {
    if ((this.nextId[prefix] ?? 1) <= n) this.nextId[prefix] = n + 1;
  }

  private static findRow(ids: Uint32Array, length: number, n: number): number {
    const at = lowerBound(length, (i) => ids[i] < n);
    return at < length && ids[at] === n ? at : -1;
  }

  releaseRow(id: string): number {
    const n = idNumberOf(id, 'Releases');
    return n < 0 ? -1 : Store.findRow(this.releases.id, this.releases.length, n);
  }

  deploymentRow(id: string): number {
    const n = idNumberOf(id, 'Deployments');
    return n < 0 ? -1 : Store.findRow(this.deployments.id, this.deployments.length, n);
  }

  taskRow(id: string): number {
    const n = idNumberOf(id, 'ServerTasks');
    return n < 0 ? -1 : Store.findRow(this.tasks.id, this.tasks.length, n);
  }

  interruptionRow(id: string): number {
    const n = idNumberOf(id, 'Interruptions');
    return n < 0 ? -1 : Store.findRow(this.interruptions.id, this.interruptions.length, n);
  }

  eventRow(id: string): number {
    const n = idNumberOf(id, 'Events');
    return n < 0 ? -1 : Store.findRow(this.events.id, this.events.length, n);
  }

  releaseSpace(r: number): number {
    return this.projectSpace[this.releases.project[r]];
  }

  deploymentSpace(d: number): number {
    return this.projectSpace[this.deployments.project[d]];
  }

  /**
   * Who created a release (the ReleaseCreated event's user; the API's ReleaseResource does not say). **GUESS**,
   * stable per release id so a history file reproduces it: the build server creates most default-channel
   * releases, people the rest and every hotfix. Without deployers, the first user (admin).
   */
  releaseCreator(r: number): number {
    if (!this.creators) {
      const people = this.users.map((u, i) => (u.Password === null && !u.User.IsService ? i : -1)).filter((i) => i >= 0);
      this.creators = { robot: this.users.findIndex((u) => u.User.IsService), people };
    }
    const { robot, people } = this.creators;
    const id = this.releases.id[r];
    const hotfix = this.channels[this.releases.channel[r]]?.IsDefault === false;
    if (people.length === 0) return robot >= 0 ? robot : this.users.length > 0 ? 0 : -1;
    if (robot >= 0 && !hotfix && hashInts(id, 13) % 10 < 8) return robot;
    return people[hashInts(id, 14) % people.length];
  }

  /** The release an event is about (every event has one). */
  eventRelease(e: number): number {
    const ev = this.events;
    const kind = ev.kind[e];
    if (kind === EventKind.ReleaseCreated) return ev.aux[e];
    if (kind === EventKind.DefectReported || kind === EventKind.DefectResolved) return this.defects[ev.aux[e]].release;
    return this.deployments.release[ev.deployment[e]];
  }

  eventSpace(e: number): number {
    return this.releaseSpace(this.eventRelease(e));
  }

  userId(u: number): string {
    return u < 0 ? 'users-system' : this.users[u].User.Id;
  }

  // ── appending history (ids must be allocated in creation order) ───────────────────────────────────

  addRelease(r: {
    id: number;
    project: number;
    channel: number;
    assembled: number;
    version: string;
    notes: string | null;
  }): number {
    const t = this.releases;
    const row = t.add();
    t.id[row] = r.id;
    t.project[row] = r.project;
    t.channel[row] = r.channel;
    t.assembled[row] = r.assembled;
    t.version[row] = r.version;
    t.notes[row] = r.notes === null ? -1 : this.strings.intern(r.notes);
    this.reserveId('Releases', r.id);
    this.releasesBySpace[this.projectSpace[r.project]].push(row);
    this.releasesByProject[r.project].push(row);
    if (this.eventsDerived) this.pendingReleases.add(row);
    return row;
  }

  addTask(k: {
    id: number;
    space: number;
    kind: number;
    deployment: number;
    name?: string;
    description?: string;
    queueTime: number;
    queueTimeExpiry: number;
    start: number;
    completed: number;
    state: number;
    warnings: boolean;
    node: number;
  }): number {
    const t = this.tasks;
    const row = t.add();
    t.id[row] = k.id;
    t.space[row] = k.space;
    t.kind[row] = k.kind;
    t.deployment[row] = k.deployment;
    t.name[row] = k.name === undefined ? -1 : this.strings.intern(k.name);
    t.description[row] = k.description === undefined ? -1 : this.strings.intern(k.description);
    t.queueTime[row] = k.queueTime;
    t.queueTimeExpiry[row] = k.queueTimeExpiry;
    t.start[row] = k.start;
    t.completed[row] = k.completed;
    t.state[row] = k.state;
    t.outcome[row] = k.state;
    t.flags[row] = k.warnings ? 1 : 0;
    t.node[row] = k.node;
    this.reserveId('ServerTasks', k.id);
    if (k.space >= 0) this.tasksBySpace[k.space].push(row);
    return row;
  }

  addDeployment(d: {
    id: number;
    release: number;
    environment: number;
    tenant: number;
    task: number;
    created: number;
    queueTime: number;
    queueTimeExpiry: number;
    deployedBy: number;
    useGuidedFailure: boolean;
    forceRedeploy: boolean;
  }): number {
    const t = this.deployments;
    const row = t.add();
    const project = this.releases.project[d.release];
    const channel = this.releases.channel[d.release];
    t.id[row] = d.id;
    t.release[row] = d.release;
    t.project[row] = project;
    t.channel[row] = channel;
    t.environment[row] = d.environment;
    t.tenant[row] = d.tenant;
    t.task[row] = d.task;
    t.created[row] = d.created;
    t.queueTime[row] = d.queueTime;
    t.queueTimeExpiry[row] = d.queueTimeExpiry;
    t.deployedBy[row] = d.deployedBy;
    t.flags[row] = (d.useGuidedFailure ? 1 : 0) | (d.forceRedeploy ? 2 : 0);
    this.reserveId('Deployments', d.id);
    this.deploymentsBySpace[this.projectSpace[project]].push(row);
    this.deploymentsByProject[project].push(row);
    this.deploymentsByEnvironment[d.environment].push(row);
    if (d.tenant >= 0) this.deploymentsByTenant[d.tenant].push(row);
    this.deploymentsByChannel[channel].push(row);
    if (d.task >= 0) this.tasks.deployment[d.task] = row;
    return row;
  }

  addInterruption(i: {
    id: number;
    task: number;
    kind: number;
    created: number;
    resolved: number;
    guidance: number;
    responsible: number;
  }): number {
    const t = this.interruptions;
    const row = t.add();
    t.id[row] = i.id;
    t.task[row] = i.task;
    t.kind[row] = i.kind;
    t.created[row] = i.created;
    t.resolved[row] = i.resolved;
    t.guidance[row] = i.guidance;
    t.responsible[row] = i.responsible;
    this.reserveId('Interruptions', i.id);
    const list = this.interruptionsByTask.get(i.task);
    if (list) list.push(row);
    else this.interruptionsByTask.set(i.task, [row]);
    const space = this.tasks.space[i.task];
    if (space >= 0) this.interruptionsBySpace[space].push(row);
    return row;
  }

  addDefect(d: DefectRecord): number {
    const at = this.defects.length;
    this.defects.push(d);
    this.reserveId('Defects', d.id);
    const list = this.defectsByRelease.get(d.release);
    if (list) list.push(at);
    else this.defectsByRelease.set(d.release, [at]);
    return at;
  }

  /** Applies a state edit to a finished task (history or API). */
  addEdit(e: EditRecord): number {
    const at = this.edits.length;
    this.edits.push(e);
    this.tasks.state[e.task] = e.state;
    this.tasks.edit[e.task] = at;
    return at;
  }

  // ── what a request sees at `now` ─────────────────────────────────────────────────────────────────

  taskState(t: number): number {
    const tasks = this.tasks;
    const done = tasks.completed[t];
    if (done <= this.now) return tasks.state[t];
    const start = tasks.start[t];
    if (!(start <= this.now)) return State.Queued;
    // Octopus puts a task waiting on an interruption back in the queue (docs/octopus-api.md §2.6).
    return this.pendingInterruptionKinds(t) ? State.Queued : State.Executing;
  }

  isInterruptionVisible(i: number): boolean {
    return this.interruptions.created[i] <= this.now;
  }

  isInterruptionPending(i: number): boolean {
    const it = this.interruptions;
    if (!(it.created[i] <= this.now)) return false;
    const resolved = it.resolved[i];
    if (resolved <= this.now) return false;
    if (Number.isNaN(resolved)) return !(this.tasks.completed[it.task[i]] <= this.now);
    return true;
  }

  /** Bit mask of pending interruption kinds on a task (bit = 1 << kind), 0 = none. */
  pendingInterruptionKinds(t: number): number {
    const list = this.interruptionsByTask.get(t);
    if (!list) return 0;
    let mask = 0;
    for (const i of list) if (this.isInterruptionPending(i)) mask |= 1 << this.interruptions.kind[i];
    return mask;
  }

  /** Whether the task raised a guided failure (visible at now). */
  hadGuidedFailure(t: number): boolean {
    const list = this.interruptionsByTask.get(t);
    if (!list) return false;
    for (const i of list) {
      if (this.interruptions.kind[i] === InterruptionKind.GuidedFailure && this.isInterruptionVisible(i)) return true;
    }
    return false;
  }

  unresolvedDefect(r: number): number {
    const list = this.defectsByRelease.get(r);
    if (!list) return -1;
    for (const d of list) if (Number.isNaN(this.defects[d].resolved)) return d;
    return -1;
  }

  // ── events ───────────────────────────────────────────────────────────────────────────────────────

  /** Candidate events of one deployment (and its task's interruptions) with key in (after, upTo]. */
  private deploymentEvents(d: number, after: number, upTo: number, out: PendingEvent[]): boolean {
    const deps = this.deployments;
    const tasks = this.tasks;
    const t = deps.task[d];
    const depId = deps.id[d];
    let pending = false;
    const emit = (kind: number, occurred: number, aux: number, primaryId: number) => {
      if (Number.isNaN(occurred)) return;
      const key = occurred + eventLag(kind, primaryId);
      if (key > upTo) {
        pending = true;
        return;
      }
      if (key > after) out.push({ key, occurred, kind, deployment: d, aux, primaryId });
    };
    emit(EventKind.DeploymentQueued, deps.created[d], -1, depId);
    emit(EventKind.DeploymentStarted, tasks.start[t], -1, depId);
    const outcome = tasks.outcome[t];
    if (outcome === State.Success) emit(EventKind.DeploymentSucceeded, tasks.completed[t], -1, depId);
    else if (outcome === State.Failed || outcome === State.TimedOut) {
      emit(EventKind.DeploymentFailed, tasks.completed[t], -1, depId);
    }
    const interruptions = this.interruptionsByTask.get(t);
    if (interruptions) {
      for (const i of interruptions) {
        const kind =
          this.interruptions.kind[i] === InterruptionKind.GuidedFailure
            ? EventKind.GuidedFailureInterruptionRaised
            : EventKind.ManualInterventionInterruptionRaised;
        emit(kind, this.interruptions.created[i], i, this.interruptions.id[i]);
      }
    }
    return pending;
  }

  private appendEvents(candidates: PendingEvent[]): void {
    candidates.sort((a, b) => a.key - b.key || kindRank(a.kind) - kindRank(b.kind) || a.primaryId - b.primaryId);
    this.appendSorted(candidates);
  }

  private appendSorted(candidates: PendingEvent[]): void {
    for (const c of candidates) this.appendOne(c.kind, c.primaryId, c.deployment, c.aux, c.occurred);
  }

  private appendOne(kind: number, primaryId: number, deployment: number, aux: number, occurred: number): void {
    const ev = this.events;
    const last = ev.length > 0 ? ev.id[ev.length - 1] : this.eventIdBase;
    // Other audit events (logins, edits) interleave in a real installation: ids have small gaps.
    const row = ev.add();
    ev.id[row] = last + 1 + (hashInts(kind, primaryId, 7) % 3);
    ev.kind[row] = kind;
    ev.deployment[row] = deployment;
    ev.aux[row] = aux;
    ev.occurred[row] = occurred;
    const space =
      deployment >= 0
        ? this.deploymentSpace(deployment)
        : this.releaseSpace(kind === EventKind.ReleaseCreated ? aux : this.defects[aux].release);
    this.eventsBySpace[space].push(row);
  }

  /**
   * Derives every event visible at `now` from the history; called once after a load or generation.
   * Columnar (no object per event) because a large history has millions; the order is the same as
   * {@link appendEvents}' comparator, so later reveals continue it seamlessly.
   */
  deriveEvents(): void {
    const deps = this.deployments;
    const tasks = this.tasks;
    const its = this.interruptions;
    const rels = this.releases;
    const cap = deps.length * 3 + its.length + this.defects.length * 2 + this.edits.length + rels.length + 16;
    const key = new Float64Array(cap);
    const occurred = new Float64Array(cap);
    const kind = new Uint8Array(cap);
    const dep = new Int32Array(cap);
    const aux = new Int32Array(cap);
    const primary = new Uint32Array(cap);
    let n = 0;
    const now = this.now;
    const push = (k: number, at: number, d: number, a: number, id: number): boolean => {
      if (Number.isNaN(at)) return false;
      const kk = at + eventLag(k, id);
      if (kk > now) return true;
      key[n] = kk;
      occurred[n] = at;
      kind[n] = k;
      dep[n] = d;
      aux[n] = a;
      primary[n] = id;
      n++;
      return false;
    };
    for (let d = 0; d < deps.length; d++) {
      const t = deps.task[d];
      const id = deps.id[d];
      let pending = push(EventKind.DeploymentQueued, deps.created[d], d, -1, id);
      pending = push(EventKind.DeploymentStarted, tasks.start[t], d, -1, id) || pending;
      const outcome = tasks.outcome[t];
      if (outcome === State.Success) pending = push(EventKind.DeploymentSucceeded, tasks.completed[t], d, -1, id) || pending;
      else if (outcome === State.Failed || outcome === State.TimedOut) {
        pending = push(EventKind.DeploymentFailed, tasks.completed[t], d, -1, id) || pending;
      }
      if (pending) this.pendingDeployments.add(d);
    }
    for (let i = 0; i < its.length; i++) {
      const t = its.task[i];
      const d = tasks.deployment[t];
      if (d < 0) continue;
      const k =
        its.kind[i] === InterruptionKind.GuidedFailure
          ? EventKind.GuidedFailureInterruptionRaised
          : EventKind.ManualInterventionInterruptionRaised;
      if (push(k, its.created[i], d, i, its.id[i])) this.pendingDeployments.add(d);
    }
    for (let r = 0; r < rels.length; r++) {
      if (push(EventKind.ReleaseCreated, rels.assembled[r], -1, r, rels.id[r])) this.pendingReleases.add(r);
    }
    this.eventsDerived = true;
    const records: PendingEvent[] = [];
    this.collectRecordEvents(Number.NEGATIVE_INFINITY, now, records);
    for (const r of records) push(r.kind, r.occurred, r.deployment, r.aux, r.primaryId);

    const order = orderByTime(key, n);
    // Equal keys: order by (kind rank, primary id), as appendEvents does.
    for (let i = 1; i < n; i++) {
      const row = order[i];
      const rank = kindRank(kind[row]);
      let j = i - 1;
      while (
        j >= 0 &&
        key[order[j]] === key[row] &&
        (kindRank(kind[order[j]]) > rank || (kind[order[j]] === kind[row] && primary[order[j]] > primary[row]))
      ) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = row;
    }
    this.events.reserve(n + 1024);
    for (let i = 0; i < n; i++) {
      const c = order[i];
      this.appendOne(kind[c], primary[c], dep[c], aux[c], occurred[c]);
    }
  }

  /** Defect and edit events: recorded at the instant they happen (no insertion lag). */
  private collectRecordEvents(after: number, upTo: number, out: PendingEvent[]): void {
    this.defects.forEach((defect, at) => {
      if (defect.created > after && defect.created <= upTo) {
        out.push({
          key: defect.created,
          occurred: defect.created,
          kind: EventKind.DefectReported,
          deployment: -1,
          aux: at,
          primaryId: defect.id,
        });
      }
      if (defect.resolved > after && defect.resolved <= upTo) {
        out.push({
          key: defect.resolved,
          occurred: defect.resolved,
          kind: EventKind.DefectResolved,
          deployment: -1,
          aux: at,
          primaryId: defect.id,
        });
      }
    });
    this.edits.forEach((edit, at) => {
      if (edit.occurred > after && edit.occurred <= upTo) {
        out.push({
          key: edit.occurred,
          occurred: edit.occurred,
          kind: EventKind.TaskStateChanged,
          deployment: this.tasks.deployment[edit.task],
          aux: at,
          primaryId: this.tasks.id[edit.task],
        });
      }
    });
  }

  /**
   * Moves the clock to `to`, revealing the events of deployments in flight. New deployments (from the
   * activity generator) must be registered with {@link trackDeployment} before the clock moves.
   */
  advanceTo(to: number): void {
    if (to < this.now) throw new Error(`the clock only moves forward (${to} < ${this.now})`);
    const from = this.now;
    const out: PendingEvent[] = [];
    for (const d of [...this.pendingDeployments]) {
      if (!this.deploymentEvents(d, from, to, out)) this.pendingDeployments.delete(d);
    }
    for (const r of [...this.pendingReleases]) {
      const at = this.releases.assembled[r];
      if (at > to) continue;
      this.pendingReleases.delete(r);
      out.push({ key: at, occurred: at, kind: EventKind.ReleaseCreated, deployment: -1, aux: r, primaryId: this.releases.id[r] });
    }
    this.collectRecordEvents(from, to, out);
    this.appendEvents(out);
    this.now = to;
    this.touch();
  }

  trackDeployment(d: number): void {
    this.pendingDeployments.add(d);
  }

  /**
   * The instant of an API action (edit, defect): one millisecond after `now`, so its event sorts after
   * everything already visible and two actions never share an instant. Record the action at this
   * instant, then {@link advanceTo} it.
   */
  actionInstant(): number {
    return this.now + 1;
  }

  // ── caching ──────────────────────────────────────────────────────────────────────────────────────

  touch(): void {
    this.version++;
    this.cache.clear();
  }

  cached<T>(key: string, compute: () => T): T {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit as T;
    const value = compute();
    if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, value);
    return value;
  }
}

/** Tie-break among events with the same key: a release's creation precedes anything about it. */
const kindRank = (kind: number): number => (kind === EventKind.ReleaseCreated ? -1 : kind);

/** How long after it happened an event reaches the table: stable per event, so files reproduce it. */
export function eventLag(kind: number, primaryId: number): number {
  return kind <= EventKind.ManualInterventionInterruptionRaised ? hashInts(kind, primaryId) % MAX_EVENT_LAG_MS : 0;
}

export function idNumber(id: string): number {
  const dash = id.lastIndexOf('-');
  const n = Number(id.slice(dash + 1));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

/** The N of `Prefix-N` (case-insensitive prefix), or -1. */
export function idNumberOf(id: string, prefix: string): number {
  if (id.length <= prefix.length + 1 || id[prefix.length] !== '-') return -1;
  if (id.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return -1;
  const digits = id.slice(prefix.length + 1);
  if (!/^\d{1,10}$/.test(digits)) return -1;
  return Number(digits);
}
