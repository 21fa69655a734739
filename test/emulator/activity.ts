/**
 * Activity on demand (`POST /__emulator/activity`): moves the clock forward and adds new releases and
 * deployments in that window, as a busy installation would — new releases deployed to the first
 * environment, promotions of releases proven in the previous one, some failures and guided failures.
 * Tasks in flight finish as the clock passes their planned end. Works on generated and loaded histories.
 */
import { MINUTE } from './octopus-time';
import { hashInts, Random } from './random';
import { InterruptionKind, isFinalState, State, type Store, TaskKind } from './store';

export interface ActivityResult {
  from: string;
  to: string;
  releases: string[];
  deployments: string[];
  /** Tasks that were unfinished before and are finished now. */
  finishedTasks: string[];
}

interface ProjectShape {
  project: number;
  stages: number[];
  defaultChannel: number;
  useGuidedFailure: boolean[];
  weight: number;
}

function shapes(store: Store): ProjectShape[] {
  const out: ProjectShape[] = [];
  const recent = store.now - 30 * 24 * 60 * MINUTE;
  store.projects.forEach((p, project) => {
    if (p.IsDisabled) return;
    const lifecycle = store.lifecycles[store.lifecycleIndex.get(p.LifecycleId) ?? -1];
    const channel = store.channels.findIndex((c) => c.ProjectId === p.Id && c.IsDefault);
    if (!lifecycle || channel < 0) return;
    const stages: number[] = [];
    for (const phase of lifecycle.Phases) {
      for (const id of [...phase.AutomaticDeploymentTargets, ...phase.OptionalDeploymentTargets]) {
        const e = store.environmentIndex.get(id);
        if (e !== undefined && !stages.includes(e)) stages.push(e);
      }
    }
    if (stages.length === 0) return;
    const rows = store.deploymentsByProject[project];
    if (rows.length === 0) return;
    let recentCount = 0;
    for (let k = rows.length - 1; k >= 0 && store.deployments.created[rows.data[k]] >= recent; k--) recentCount++;
    out.push({
      project,
      stages,
      defaultChannel: channel,
      useGuidedFailure: stages.map(
        (e) => p.DefaultGuidedFailureMode === 'On' || (p.DefaultGuidedFailureMode === 'EnvironmentDefault' && store.environments[e].UseGuidedFailure),
      ),
      weight: 1 + recentCount,
    });
  });
  return out;
}

/** `1.4.7` → `1.4.8`, `2024.8.3` → `2024.8.4`: the last number goes up until the version is new. */
function nextVersion(store: Store, project: number, channel: number): string {
  const rows = store.releasesByProject[project];
  const taken = new Set<string>();
  let latest: string | undefined;
  for (let k = rows.length - 1; k >= 0 && k >= rows.length - 200; k--) {
    const r = rows.data[k];
    taken.add(store.releases.version[r]);
    if (latest === undefined && store.releases.channel[r] === channel) latest = store.releases.version[r];
  }
  let version = latest ?? '1.0.0';
  do {
    const m = /(\d+)(\D*)$/.exec(version);
    version = m ? `${version.slice(0, m.index)}${Number(m[1]) + 1}${m[2]}` : `${version}.1`;
  } while (taken.has(version));
  return version;
}

export function generateActivity(
  store: Store,
  opts: { minutes: number; deployments: number; seed: number },
): ActivityResult {
  const from = store.now;
  const wanted = Math.max(0, Math.floor(opts.deployments));
  const to = from + Math.max(opts.minutes * MINUTE, wanted > 0 ? 60_000 : 0);
  const rng = new Random(hashInts(opts.seed, from % 2147483647, wanted));
  const result: ActivityResult = {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    releases: [],
    deployments: [],
    finishedTasks: [],
  };
  const unfinished = [...store.pendingDeployments]
    .map((d) => store.deployments.task[d])
    .filter((t) => !isFinalState(store.taskState(t)));

  const projects = shapes(store);
  const totalWeight = projects.reduce((a, p) => a + p.weight, 0);
  const people = store.users.map((u, i) => (u.Password === null && !u.User.IsService ? i : -1)).filter((i) => i >= 0);
  const robot = store.users.findIndex((u) => u.User.IsService);
  const person = () => (people.length ? rng.pick(people) : 0);

  const times = Array.from({ length: projects.length ? wanted : 0 }, () => from + 1 + Math.floor(rng.next() * (to - from - 1)));
  times.sort((a, b) => a - b);
  const interruptions: Parameters<Store['addInterruption']>[0][] = [];

  /** Newest release (default channel) with a successful deployment to `environment` finished by `t`. */
  const proven = (shape: ProjectShape, environment: number, t: number): number => {
    const rows = store.deploymentsByProject[shape.project];
    const deps = store.deployments;
    for (let k = rows.length - 1; k >= 0 && k >= rows.length - 500; k--) {
      const d = rows.data[k];
      if (deps.environment[d] !== environment || deps.channel[d] !== shape.defaultChannel) continue;
      const task = deps.task[d];
      if (store.tasks.state[task] === State.Success && store.tasks.completed[task] <= t) return deps.release[d];
    }
    return -1;
  };

  for (const t of times) {
    let pick = rng.next() * totalWeight;
    let shape = projects[0];
    for (const p of projects) {
      pick -= p.weight;
      if (pick <= 0) {
        shape = p;
        break;
      }
    }
    let stage = 0;
    let release = -1;
    if (shape.stages.length > 1 && rng.chance(0.55)) {
      stage = rng.int(1, shape.stages.length - 1);
      release = proven(shape, shape.stages[stage - 1], t);
    }
    if (release < 0) {
      stage = 0;
      release = store.addRelease({
        id: store.allocate('Releases'),
        project: shape.project,
        channel: shape.defaultChannel,
        assembled: t,
        version: nextVersion(store, shape.project, shape.defaultChannel),
        notes: null,
      });
      result.releases.push(`Releases-${store.releases.id[release]}`);
    }
    const environment = shape.stages[stage];
    const projectId = store.projects[shape.project].Id;
    const envId = store.environments[environment].Id;
    const tenants = store.tenants
      .map((tenant, i) => (tenant.ProjectEnvironments[projectId]?.includes(envId) ? i : -1))
      .filter((i) => i >= 0);
    const mode = store.projects[shape.project].TenantedDeploymentMode;
    const tenant = tenants.length > 0 && (mode === 'Tenanted' || rng.chance(0.5)) ? rng.pick(tenants) : -1;
    if (mode === 'Tenanted' && tenant < 0) continue;

    const start = t + rng.int(2000, 20_000);
    const duration = rng.logNormal(4 * MINUTE, 0.5);
    const roll = rng.next();
    const useGf = shape.useGuidedFailure[stage];
    let state: number = State.Success;
    if (roll < 0.08) state = State.Failed;
    else if (roll < 0.1) state = State.Canceled;
    let completed = start + duration * (state === State.Success ? 1 : rng.range(0.2, 0.9));
    const task = store.addTask({
      id: store.allocate('ServerTasks'),
      space: store.projectSpace[shape.project],
      kind: TaskKind.Deploy,
      deployment: -1,
      queueTime: t,
      queueTimeExpiry: Number.NaN,
      start,
      completed: 0,
      state,
      warnings: false,
      node: rng.int(0, 1),
    });
    if (useGf && state !== State.Canceled && rng.chance(state === State.Failed ? 0.5 : 0.05)) {
      const at = start + duration * 0.5;
      const answer = 5 * MINUTE;
      if (at <= to) {
        interruptions.push({
          id: 0,
          task,
          kind: InterruptionKind.GuidedFailure,
          created: Math.floor(at),
          resolved: Math.floor(at + answer),
          guidance: state === State.Failed ? 1 : 2,
          responsible: person(),
        });
      }
      completed += answer;
    }
    store.tasks.completed[task] = Math.floor(completed);
    const d = store.addDeployment({
      id: store.allocate('Deployments'),
      release,
      environment,
      tenant,
      task,
      created: t,
      queueTime: Number.NaN,
      queueTimeExpiry: Number.NaN,
      deployedBy: stage === 0 && robot >= 0 ? robot : person(),
      useGuidedFailure: useGf,
      forceRedeploy: false,
    });
    store.trackDeployment(d);
    result.deployments.push(`Deployments-${store.deployments.id[d]}`);
  }
  // Interruption ids follow their creation times.
  interruptions.sort((a, b) => a.created - b.created);
  for (const i of interruptions) store.addInterruption({ ...i, id: store.allocate('Interruptions') });

  store.advanceTo(to);
  for (const t of unfinished) {
    if (isFinalState(store.taskState(t))) result.finishedTasks.push(`ServerTasks-${store.tasks.id[t]}`);
  }
  return result;
}
