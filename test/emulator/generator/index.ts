/**
 * Generates a seeded, realistic installation: the catalog, each project's simulated timeline, a daily
 * health-check task per space; then assigns Octopus ids installation-wide in creation order and derives
 * the events. The same scale, seed and `now` always give the same history.
 */
import { orderByTime, refColumn, Table, timeColumn } from '../columns';
import { DAY, HOUR, MINUTE } from '../octopus-time';
import { Random } from '../random';
import { State, Store, TaskKind } from '../store';
import { buildCatalog, type ProjectPlan } from './catalog';
import { type ScaleName, SCALES } from './scales';
import {
  CountingSink,
  type ForcedItem,
  type HistorySink,
  type RawDefect,
  type RawDeployment,
  type RawEdit,
  type RawInterruption,
  type RawRelease,
  simulateProject,
} from './timeline';

export interface GenerateOptions {
  scale: ScaleName;
  seed: number;
  now: number;
  installationId?: string;
}

class RawReleases extends Table {
  project = refColumn(this.capacity);
  channel = refColumn(this.capacity);
  assembled = timeColumn(this.capacity);
  version: string[] = [];
  notes: (string | null)[] = [];
  protected columns() {
    return { project: -1, channel: -1, assembled: Number.NaN };
  }
}

class RawDeployments extends Table {
  release = refColumn(this.capacity);
  environment = refColumn(this.capacity);
  tenant = refColumn(this.capacity);
  created = timeColumn(this.capacity);
  queueTime = timeColumn(this.capacity);
  scheduledAt = timeColumn(this.capacity);
  expiry = timeColumn(this.capacity);
  start = timeColumn(this.capacity);
  completed = timeColumn(this.capacity);
  state = new Uint8Array(this.capacity);
  flags = new Uint8Array(this.capacity);
  deployedBy = refColumn(this.capacity);
  node = new Uint8Array(this.capacity);
  protected columns() {
    return {
      release: -1,
      environment: -1,
      tenant: -1,
      created: Number.NaN,
      queueTime: Number.NaN,
      scheduledAt: Number.NaN,
      expiry: Number.NaN,
      start: Number.NaN,
      completed: Number.NaN,
      state: 0,
      flags: 0,
      deployedBy: -1,
      node: 0,
    };
  }
}

/** Collects raw rows in simulation order (per project); ids come later. */
class Collector implements HistorySink {
  readonly releases: RawReleases;
  readonly deployments: RawDeployments;
  readonly interruptions: RawInterruption[] = [];
  readonly defects: RawDefect[] = [];
  readonly edits: RawEdit[] = [];

  /** Sized from the expected counts: doubling a million-row table would double its memory. */
  constructor(expectedDeployments: number) {
    this.releases = new RawReleases(Math.ceil(expectedDeployments * 0.6) + 1024);
    this.deployments = new RawDeployments(Math.ceil(expectedDeployments * 1.15) + 1024);
  }

  release(r: RawRelease): number {
    const t = this.releases;
    const row = t.add();
    t.project[row] = r.project;
    t.channel[row] = r.channel;
    t.assembled[row] = Math.floor(r.assembled);
    t.version.push(r.version);
    t.notes.push(r.notes);
    return row;
  }

  deployment(d: RawDeployment): number {
    const t = this.deployments;
    const row = t.add();
    t.release[row] = d.release;
    t.environment[row] = d.environment;
    t.tenant[row] = d.tenant;
    t.created[row] = Math.floor(d.created);
    t.queueTime[row] = Math.floor(d.queueTime);
    t.scheduledAt[row] = Math.floor(d.scheduledAt);
    t.expiry[row] = Math.floor(d.expiry);
    t.start[row] = Math.floor(d.start);
    t.completed[row] = Math.floor(d.completed);
    t.state[row] = d.state;
    t.flags[row] = (d.warnings ? 1 : 0) | (d.useGuidedFailure ? 2 : 0) | (d.forceRedeploy ? 4 : 0);
    t.deployedBy[row] = d.deployedBy;
    t.node[row] = d.node;
    return row;
  }

  // Times are whole milliseconds everywhere, as Octopus's are (and as a history file reads back).
  interruption(i: RawInterruption): void {
    this.interruptions.push({ ...i, created: Math.floor(i.created), resolved: Math.floor(i.resolved) });
  }

  defect(d: RawDefect): void {
    this.defects.push({ ...d, created: Math.floor(d.created), resolved: Math.floor(d.resolved) });
  }

  edit(e: RawEdit): void {
    this.edits.push({ ...e, occurred: Math.floor(e.occurred) });
  }
}

const FORCED: ForcedItem[][] = [
  ['executing', 'queued', 'unresolved-defect', 'edited'],
  ['pending-guided-failure', 'scheduled', 'timed-out'],
];

/** Budget spaces: the release rate that gives the project its share of the scale's deployments. */
function budgetCadence(plan: ProjectPlan, rng: Random, target: number, rare: number, from: number, activeDays: number): number {
  // Calibrate: how many deployments does one release per day produce for this project's shape?
  const pilot = new CountingSink();
  const pilotDays = Math.min(60, activeDays);
  simulateProject(plan, rng, pilot, {
    from,
    to: from + pilotDays * DAY,
    now: from + pilotDays * DAY,
    releasesPerDay: 1,
    rare,
    forced: [],
  });
  const perRelease = pilot.releases > 0 ? Math.max(1, pilot.deployments / pilot.releases) : 2;
  return (plan.weight * target) / perRelease / activeDays;
}

/**
 * Cadence-tier spaces: the release rate that gives the project its Production rate, measured by a pilot
 * run over its (fast) active period at a first guess.
 */
function tierCadence(plan: ProjectPlan, rng: Random, rare: number, from: number, until: number): number {
  const start = Number.isNaN(plan.fastSince) ? from : Math.max(plan.fastSince, from);
  const days = Math.max(1, (until - start) / DAY);
  let reach = 0.9;
  for (let k = 0; k < plan.stages.length - 1; k++) reach *= plan.pipeline?.promote[Math.min(k, plan.pipeline.promote.length - 1)] ?? 0.5;
  const guess = plan.productionPerDay / reach;
  const pilot = new CountingSink(plan.stages[plan.stages.length - 1]);
  simulateProject(plan, rng, pilot, { from: start, to: until, now: until, releasesPerDay: guess, rare, forced: [] });
  const measured = pilot.production / days;
  return measured > 0 ? guess * Math.min(3, Math.max(0.3, plan.productionPerDay / measured)) : guess;
}

export function generateStore(opts: GenerateOptions): Store {
  const store = buildStore(opts);
  // The raw rows are garbage by now: deriving events (millions at huge scale) does not hold both.
  store.deriveEvents();
  return store;
}

function buildStore(opts: GenerateOptions): Store {
  const scale = SCALES[opts.scale];
  const now = opts.now;
  const rng = new Random(opts.seed);
  const installationId = opts.installationId ?? rng.guid();
  const catalog = buildCatalog(scale, rng.fork(1), now);
  const raw = new Collector(scale.targetDeployments);

  catalog.plans.forEach((plan, p) => {
    if (plan.weight <= 0) return;
    const from = plan.activeFrom;
    const until = Math.min(plan.activeUntil, now);
    const activeDays = Math.max(1, (until - from) / DAY);
    const releasesPerDay = Number.isNaN(plan.productionPerDay)
      ? budgetCadence(plan, rng.fork(1000 + p), scale.targetDeployments, scale.rare, from, activeDays)
      : tierCadence(plan, rng.fork(1000 + p), scale.rare, from, until);
    const designated = plan.space === 0 ? (FORCED[catalog.plans.filter((q) => q.space === 0).indexOf(plan)] ?? []) : [];
    simulateProject(plan, rng.fork(2000 + p), raw, {
      from,
      to: until,
      now,
      releasesPerDay,
      rare: scale.rare,
      forced: designated,
    });
  });

  // Daily health checks per space: non-deployment tasks interleave with deployment tasks' ids.
  const health: { space: number; queued: number; start: number; completed: number; failed: boolean }[] = [];
  const healthRng = rng.fork(3);
  catalog.spaces.forEach((_, s) => {
    const first = Math.floor((now - scale.days * DAY) / DAY) * DAY;
    for (let day = first; day < now; day += DAY) {
      const queued = day + 3 * HOUR + healthRng.int(0, 20 * MINUTE);
      if (queued > now) break;
      const start = queued + healthRng.int(500, 5000);
      health.push({
        space: s,
        queued,
        start,
        completed: start + healthRng.int(15_000, 90_000),
        failed: healthRng.chance(0.02),
      });
    }
  });

  const R = raw.releases;
  const D = raw.deployments;
  const store = new Store({
    installationId,
    now,
    generator: { scale: scale.name, seed: opts.seed },
    users: catalog.users,
    spaces: catalog.spaces,
    projectGroups: catalog.projectGroups,
    lifecycles: catalog.lifecycles,
    environments: catalog.environments,
    projects: catalog.projects,
    channels: catalog.channels,
    tagSets: catalog.tagSets,
    tenants: catalog.tenants,
    capacity: {
      releases: R.length + 256,
      deployments: D.length + 1024,
      tasks: D.length + health.length + 1024,
      interruptions: raw.interruptions.length + 64,
      events: D.length * 3 + 4096,
    },
  });

  // Releases in creation order.
  const releaseRow = new Int32Array(R.length);
  const releaseOrder = orderByTime(R.assembled, R.length);
  for (const r of releaseOrder) {
    releaseRow[r] = store.addRelease({
      id: store.allocate('Releases'),
      project: R.project[r],
      channel: R.channel[r],
      assembled: R.assembled[r],
      version: R.version[r],
      notes: R.notes[r],
    });
  }

  // Tasks (deployment tasks and health checks) and deployments, both in creation order.
  const n = D.length + health.length;
  const when = new Float64Array(n);
  when.set(D.created.subarray(0, D.length));
  health.forEach((h, i) => {
    when[D.length + i] = h.queued;
  });
  const deploymentRow = new Int32Array(D.length);
  const healthName = 'Health';
  for (const k of orderByTime(when, n)) {
    if (k >= D.length) {
      const h = health[k - D.length];
      store.addTask({
        id: store.allocate('ServerTasks'),
        space: h.space,
        kind: TaskKind.Other,
        deployment: -1,
        name: healthName,
        description: 'Check deployment target health',
        queueTime: h.queued,
        queueTimeExpiry: Number.NaN,
        start: h.start,
        completed: h.completed,
        state: h.failed ? State.Failed : State.Success,
        warnings: h.failed,
        node: k % 2,
      });
      continue;
    }
    const release = releaseRow[D.release[k]];
    const task = store.addTask({
      id: store.allocate('ServerTasks'),
      space: store.projectSpace[store.releases.project[release]],
      kind: TaskKind.Deploy,
      deployment: -1,
      queueTime: D.queueTime[k],
      queueTimeExpiry: D.expiry[k],
      start: D.start[k],
      completed: D.completed[k],
      state: D.state[k],
      warnings: (D.flags[k] & 1) !== 0,
      node: D.node[k],
    });
    deploymentRow[k] = store.addDeployment({
      id: store.allocate('Deployments'),
      release,
      environment: D.environment[k],
      tenant: D.tenant[k],
      task,
      created: D.created[k],
      queueTime: D.scheduledAt[k],
      queueTimeExpiry: D.expiry[k],
      deployedBy: D.deployedBy[k],
      useGuidedFailure: (D.flags[k] & 2) !== 0,
      forceRedeploy: (D.flags[k] & 4) !== 0,
    });
  }

  const byTime = <T>(items: T[], time: (x: T) => number) =>
    items.map((x, i) => ({ x, i })).sort((a, b) => time(a.x) - time(b.x) || a.i - b.i).map((e) => e.x);

  for (const i of byTime(raw.interruptions, (x) => x.created)) {
    store.addInterruption({
      id: store.allocate('Interruptions'),
      task: store.deployments.task[deploymentRow[i.deployment]],
      kind: i.kind,
      created: i.created,
      resolved: i.resolved,
      guidance: i.guidance,
      responsible: i.responsible,
    });
  }
  for (const d of byTime(raw.defects, (x) => x.created)) {
    store.addDefect({
      id: store.allocate('Defects'),
      release: releaseRow[d.release],
      description: d.description,
      created: d.created,
      createdBy: d.createdBy,
      resolved: d.resolved,
      resolvedBy: d.resolvedBy,
    });
  }
  for (const e of byTime(raw.edits, (x) => x.occurred)) {
    const task = store.deployments.task[deploymentRow[e.deployment]];
    const previous = store.tasks.state[task];
    if (previous === e.state || !(store.tasks.completed[task] < e.occurred)) continue;
    store.addEdit({ task, previous, state: e.state, reason: e.reason, occurred: e.occurred, user: e.user });
  }
  return store;
}
