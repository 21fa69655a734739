/**
 * One project's deployment history, simulated in time order: releases created at the team's cadence and
 * deployed to Development; promotion occasions per later environment that pick the newest release proven
 * in the previous environment (so releases get skipped, as in real pipelines) — random occasions in
 * budget spaces, or, in cadence-tier spaces, a pipeline: each success is promoted to the next environment
 * after a delay (see scales.ts); failures followed by
 * retries or fix releases; guided failures and approvals; cancellations, scheduled deployments that
 * time out; defects that block progression; hotfixes through the Hotfix channel; occasional rollbacks
 * (an older release redeployed); task states edited after the fact.
 *
 * Output goes to a {@link HistorySink} as raw rows; ids are assigned later, installation-wide, in time
 * order.
 */
import { HOUR, MINUTE } from '../octopus-time';
import type { Random } from '../random';
import { InterruptionKind, State } from '../store';
import { humanTime, rhythmTimes } from './calendar';
import type { ProjectPlan } from './catalog';
import { DEFECT_DESCRIPTIONS, EDIT_REASONS_TO_FAILED, EDIT_REASONS_TO_SUCCESS, RELEASE_NOTES } from './names';

export interface RawRelease {
  project: number;
  channel: number;
  assembled: number;
  version: string;
  notes: string | null;
}

export interface RawDeployment {
  release: number;
  environment: number;
  tenant: number;
  created: number;
  queueTime: number;
  scheduledAt: number;
  expiry: number;
  start: number;
  completed: number;
  state: number;
  warnings: boolean;
  deployedBy: number;
  useGuidedFailure: boolean;
  forceRedeploy: boolean;
  node: number;
}

export interface RawInterruption {
  deployment: number;
  kind: number;
  created: number;
  resolved: number;
  guidance: number;
  responsible: number;
}

export interface RawDefect {
  release: number;
  description: string;
  created: number;
  createdBy: number;
  resolved: number;
  resolvedBy: number;
}

export interface RawEdit {
  deployment: number;
  state: number;
  reason: string;
  occurred: number;
  user: number;
}

export interface HistorySink {
  release(r: RawRelease): number;
  deployment(d: RawDeployment): number;
  interruption(i: RawInterruption): void;
  defect(d: RawDefect): void;
  edit(e: RawEdit): void;
}

/** Counts what a simulation would produce (used to calibrate cadences). */
export class CountingSink implements HistorySink {
  releases = 0;
  deployments = 0;
  /** Successful deployments to `production` (an environment index; -1 = not counted). */
  production = 0;
  constructor(private readonly productionEnvironment = -1) {}
  release(): number {
    return this.releases++;
  }
  deployment(d: RawDeployment): number {
    if (d.environment === this.productionEnvironment && d.state === State.Success) this.production++;
    return this.deployments++;
  }
  interruption(): void {}
  defect(): void {}
  edit(): void {}
}

/** Things that must exist around `now` in the designated projects, whatever the dice say. */
export type ForcedItem =
  | 'executing'
  | 'pending-guided-failure'
  | 'queued'
  | 'scheduled'
  | 'timed-out'
  | 'unresolved-defect'
  | 'edited';

export interface SimulationOptions {
  from: number;
  to: number;
  /** The clock: nothing is created after it. */
  now: number;
  releasesPerDay: number;
  rare: number;
  forced: ForcedItem[];
}

const Ev = {
  CreateRelease: 0,
  Occasion: 1,
  Retry: 2,
  Hotfix: 3,
  HotfixPromote: 4,
  Rollback: 5,
  Forced: 6,
  Promote: 7,
} as const;
type EvType = (typeof Ev)[keyof typeof Ev];

/** A pipeline promotion's tenant: every tenant slot of the stage. */
const ALL_SLOTS = -2;

interface QueueItem {
  t: number;
  seq: number;
  type: EvType;
  stage: number;
  tenant: number;
  release: number;
  forced?: ForcedItem;
}

class Heap {
  private items: QueueItem[] = [];
  private seq = 0;

  push(item: Omit<QueueItem, 'seq'>): void {
    const node = { ...item, seq: this.seq++ } as QueueItem;
    const a = this.items;
    a.push(node);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): QueueItem | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }

  private less(x: QueueItem, y: QueueItem): boolean {
    return x.t < y.t || (x.t === y.t && x.seq < y.seq);
  }
}

interface Stream {
  /** Newest release (local index) ever deployed successfully here. */
  highWater: number;
  current: number;
  previous: number;
  lastRelease: number;
  lastFailed: boolean;
  busyUntil: number;
}

interface LocalRelease {
  raw: number;
  time: number;
  hotfix: boolean;
  version: string;
  blockedFrom: number;
  blockedUntil: number;
}

class VersionMaker {
  private major: number;
  private minor: number;
  private patch = 0;
  private build: number;
  private month = '';
  private inMonth = 0;

  constructor(
    private readonly rng: Random,
    private readonly scheme: ProjectPlan['scheme'],
  ) {
    this.major = rng.int(1, 4);
    this.minor = rng.int(0, 12);
    this.build = rng.int(100, 2000);
  }

  next(t: number): string {
    const rng = this.rng;
    if (this.scheme === 'calver') {
      const d = new Date(t);
      const month = `${d.getUTCFullYear()}.${d.getUTCMonth() + 1}`;
      this.inMonth = month === this.month ? this.inMonth + 1 : 1;
      this.month = month;
      return `${month}.${this.inMonth}`;
    }
    if (this.scheme === 'build') {
      this.build += rng.int(1, 6);
      if (rng.chance(0.01)) this.minor++;
      return `${this.major}.${this.minor}.${this.build}`;
    }
    const roll = rng.next();
    if (roll < 0.015) {
      this.major++;
      this.minor = 0;
      this.patch = 0;
    } else if (roll < 0.18) {
      this.minor++;
      this.patch = 0;
    } else this.patch++;
    return `${this.major}.${this.minor}.${this.patch}`;
  }
}

export function simulateProject(plan: ProjectPlan, rng: Random, sink: HistorySink, o: SimulationOptions): void {
  const now = o.now;
  const stages = plan.stages.length;
  const last = stages - 1;
  const heap = new Heap();
  const releases: LocalRelease[] = [];
  const streams = new Map<number, Stream>();
  /** (release, stage, tenant) → completion of its first successful deployment. */
  const successAt = new Map<number, number>();
  const versions = new VersionMaker(rng, plan.scheme);
  let hotfixes = 0;
  let lastDefaultVersion: string | null = null;
  const offset = plan.utcOffsetHours;
  const rare = o.rare;

  const slotsOf = (stage: number): number[] =>
    stage < plan.tenantedFromStage ? [plan.mode === 'Tenanted' ? plan.internalTenant : -1] : plan.tenants;
  const prevSlot = (stage: number, tenant: number): number => {
    const prev = slotsOf(stage - 1);
    return prev.includes(tenant) ? tenant : prev[0];
  };
  const streamKey = (hotfix: boolean, stage: number, tenant: number) => ((hotfix ? 16 : 0) + stage) * 8192 + tenant + 1;
  const successKey = (release: number, stage: number, tenant: number) => release * 131072 + stage * 8192 + tenant + 1;
  const stream = (hotfix: boolean, stage: number, tenant: number): Stream => {
    const key = streamKey(hotfix, stage, tenant);
    let s = streams.get(key);
    if (!s) {
      s = { highWater: -1, current: -1, previous: -1, lastRelease: -1, lastFailed: false, busyUntil: 0 };
      streams.set(key, s);
    }
    return s;
  };
  const blocked = (r: LocalRelease, t: number) => r.blockedFrom <= t && !(r.blockedUntil <= t);
  const person = () => (plan.people.length ? rng.pick(plan.people) : plan.robot);
  /** The latest successful deployment past the first stage, for the forced state edit. */
  let lastProven = { row: -1, completed: 0 };

  const createRelease = (t: number, hotfix: boolean): number => {
    let version: string;
    if (hotfix) {
      if (lastDefaultVersion === null) return -1;
      version = `${lastDefaultVersion}-hotfix.${++hotfixes}`;
    } else {
      version = versions.next(t);
      lastDefaultVersion = version;
    }
    const raw = sink.release({
      project: plan.project,
      channel: hotfix ? plan.hotfixChannel : plan.defaultChannel,
      assembled: t,
      version,
      notes: rng.chance(0.6) ? rng.pick(RELEASE_NOTES) : null,
    });
    releases.push({ raw, time: t, hotfix, version, blockedFrom: Number.NaN, blockedUntil: Number.NaN });
    return releases.length - 1;
  };

  const reportDefect = (r: number, at: number, resolveChance: number) => {
    const rel = releases[r];
    if (at > now || !Number.isNaN(rel.blockedFrom)) return;
    const resolvedAt = rng.chance(resolveChance) ? humanTime(rng, at, rng.logNormal(30 * HOUR, 0.8), offset) : Number.NaN;
    const resolved = resolvedAt <= now ? resolvedAt : Number.NaN;
    rel.blockedFrom = at;
    rel.blockedUntil = resolved;
    sink.defect({
      release: rel.raw,
      description: rng.pick(DEFECT_DESCRIPTIONS),
      created: at,
      createdBy: person(),
      resolved,
      resolvedBy: Number.isNaN(resolved) ? -1 : person(),
    });
  };

  /** The newest release proven in the previous stage and newer than what this stream has; else a retry. */
  const candidate = (stage: number, tenant: number, t: number): number => {
    const s = stream(false, stage, tenant);
    const prev = prevSlot(stage, tenant);
    for (let r = releases.length - 1; r > s.highWater; r--) {
      const rel = releases[r];
      if (rel.hotfix || rel.time > t || blocked(rel, t)) continue;
      const ok = successAt.get(successKey(r, stage - 1, prev));
      if (ok !== undefined && ok <= t) return r;
    }
    if (s.lastFailed && s.lastRelease >= 0 && !blocked(releases[s.lastRelease], t)) return s.lastRelease;
    return -1;
  };

  interface Force {
    start?: number;
    duration?: number;
    state?: number;
    scheduledAt?: number;
    timedOut?: boolean;
    pendingGuidedFailureAt?: number;
  }

  const deploy = (
    stage: number,
    tenant: number,
    r: number,
    created: number,
    how: { retry?: boolean; rollback?: boolean; force?: Force } = {},
  ): void => {
    if (created > now || r < 0) return;
    const rel = releases[r];
    const hotfix = rel.hotfix;
    const s = stream(hotfix, stage, tenant);
    const f = how.force;
    const useGf = plan.guidedFailureStages.has(stage) || f?.pendingGuidedFailureAt !== undefined;

    let scheduledAt = Number.NaN;
    let expiry = Number.NaN;
    if (f?.scheduledAt !== undefined) scheduledAt = f.scheduledAt;
    else if (stage === last && stage > 0 && !how.rollback && rng.chance(0.004 * rare)) {
      // Scheduled for the night's maintenance window.
      const at = created + rng.range(3, 12) * HOUR;
      scheduledAt = at - (at % HOUR);
      if (scheduledAt <= created) scheduledAt = created + HOUR;
    }
    if (!Number.isNaN(scheduledAt)) expiry = scheduledAt + HOUR;
    const queueTime = Number.isNaN(scheduledAt) ? created : scheduledAt;
    let start = f?.start ?? Math.max(queueTime + Math.min(rng.logNormal(6000, 0.9), 120_000), s.busyUntil + 2000);
    let duration = f?.duration ?? rng.logNormal(plan.medianDurationMs * (stage === last ? 1.3 : 1), 0.45);
    let state: number = State.Success;
    let completed: number;
    const interruptions: Omit<RawInterruption, 'deployment'>[] = [];
    const timedOut = f?.timedOut ?? (!Number.isNaN(scheduledAt) && rng.chance(0.12));
    if (timedOut) {
      start = Number.NaN;
      completed = expiry;
      state = State.TimedOut;
      duration = 0;
    } else {
      if (f?.state !== undefined) state = f.state;
      else if (rng.chance(0.008 * rare)) state = State.Canceled;
      else if (rng.chance(plan.failRate * (stage === 0 ? 1.3 : 1) * (how.retry ? 0.6 : 1))) state = State.Failed;
      let shift = 0;
      if (plan.approval && stage === last && !how.rollback && f === undefined) {
        const at = start + rng.range(5000, 20_000);
        const resolved = humanTime(rng, at, rng.logNormal(20 * MINUTE, 1), offset);
        const abort = rng.chance(0.03);
        if (abort) state = State.Failed;
        interruptions.push({
          kind: InterruptionKind.ManualIntervention,
          created: at,
          resolved,
          guidance: abort ? 6 : 5,
          responsible: person(),
        });
        shift += resolved - at;
      }
      const partial = state === State.Success ? 1 : rng.range(0.15, 0.9);
      if (f?.pendingGuidedFailureAt !== undefined) {
        interruptions.push({
          kind: InterruptionKind.GuidedFailure,
          created: f.pendingGuidedFailureAt,
          resolved: Number.NaN,
          guidance: 1,
          responsible: person(),
        });
      } else if (
        useGf &&
        state !== State.Canceled &&
        rng.chance(state === State.Failed ? 0.6 : Math.min(0.5, 0.035 * Math.sqrt(rare)))
      ) {
        const at = start + shift + duration * partial * rng.range(0.3, 0.9);
        const resolved = humanTime(rng, at, rng.logNormal(15 * MINUTE, 0.9), offset);
        const guidance = state === State.Failed ? 1 : rng.chance(0.6) ? 2 : 3;
        interruptions.push({ kind: InterruptionKind.GuidedFailure, created: at, resolved, guidance, responsible: person() });
        shift += resolved - at;
      }
      completed =
        f?.duration !== undefined
          ? start + shift + duration
          : start + shift + duration * (state === State.Canceled ? rng.range(0.1, 0.7) : partial);
    }
    completed = Math.floor(completed);
    const deployedBy = stage === 0 && !how.retry && rng.chance(0.85) ? plan.robot : person();
    const row = sink.deployment({
      release: rel.raw,
      environment: plan.stages[stage],
      tenant,
      created,
      queueTime,
      scheduledAt,
      expiry,
      start: Number.isNaN(start) ? start : Math.floor(start),
      completed,
      state,
      warnings: state === State.Success && rng.chance(0.05),
      deployedBy,
      useGuidedFailure: useGf,
      forceRedeploy: how.rollback === true,
      node: rng.int(0, 1),
    });
    for (const i of interruptions) {
      if (i.created <= now) sink.interruption({ ...i, created: Math.floor(i.created), resolved: Math.floor(i.resolved), deployment: row });
    }

    s.busyUntil = completed;
    s.lastRelease = r;
    s.lastFailed = state !== State.Success;
    if (state === State.Success) {
      if (stage > 0 && !f) lastProven = { row, completed };
      const key = successKey(r, stage, tenant);
      if (!successAt.has(key)) successAt.set(key, completed);
      if (r > s.highWater) s.highWater = r;
      if (s.current !== r) {
        s.previous = s.current;
        s.current = r;
      }
    }
    if (f) return;

    // Follow-ups.
    if (state !== State.Success && !how.rollback && rng.chance(0.7)) {
      const at = humanTime(rng, completed, rng.logNormal(40 * MINUTE, 1), offset);
      if (at <= now) heap.push({ t: at, type: Ev.Retry, stage, tenant, release: -1 });
    }
    if (stage === last && state === State.Failed && !hotfix && rng.chance(0.1 * rare)) {
      const at = completed + rng.range(1, 4) * HOUR;
      if (at <= now) heap.push({ t: at, type: Ev.Hotfix, stage: 0, tenant: -1, release: -1 });
    }
    if (stage === last && stage > 0 && state === State.Success && !hotfix && !how.rollback && s.previous >= 0) {
      if (rng.chance(0.005 * rare)) {
        const at = completed + rng.range(0.5, 4) * HOUR;
        if (at <= now) {
          heap.push({ t: at, type: Ev.Rollback, stage, tenant, release: s.previous });
          if (rng.chance(0.5)) reportDefect(r, at + 10 * MINUTE, 0.7);
        }
      }
    }
    if (stage > 0 && stage < last && state === State.Success && !hotfix && rng.chance(0.006 * rare)) {
      reportDefect(r, humanTime(rng, completed, rng.logNormal(6 * HOUR, 1), offset), 0.6);
    }
    if (stage > 0 && completed <= now && (state === State.Success || state === State.Failed) && rng.chance(0.0025 * rare)) {
      const at = humanTime(rng, completed, rng.logNormal(10 * HOUR, 1), offset);
      if (at <= now) {
        const toFailed = state === State.Success;
        sink.edit({
          deployment: row,
          state: toFailed ? State.Failed : State.Success,
          reason: rng.pick(toFailed ? EDIT_REASONS_TO_FAILED : EDIT_REASONS_TO_SUCCESS),
          occurred: at,
          user: person(),
        });
      }
    }
    // Pipelines promote what succeeded (or a newer release proven here by then) to the next stage.
    const pipeline = plan.pipeline;
    if (pipeline && state === State.Success && !hotfix && !how.rollback && stage < last) {
      const k = Math.min(stage, pipeline.promote.length - 1);
      if (rng.chance(pipeline.promote[k])) {
        const at = humanTime(rng, completed, rng.logNormal(pipeline.delayMinutes[k] * MINUTE, 0.6), offset);
        const next = slotsOf(stage + 1);
        const slot = next.includes(tenant) ? tenant : next.length > 1 ? ALL_SLOTS : next[0];
        if (at <= now) heap.push({ t: at, type: Ev.Promote, stage: stage + 1, tenant: slot, release: -1 });
      }
    }
    // Hotfixes move on to the next hotfix stage once proven.
    if (hotfix && state === State.Success) {
      const at = plan.hotfixStages.indexOf(stage);
      if (at >= 0 && at < plan.hotfixStages.length - 1) {
        const t = completed + rng.range(15, 90) * MINUTE;
        if (t <= now) heap.push({ t, type: Ev.HotfixPromote, stage: plan.hotfixStages[at + 1], tenant, release: r });
      }
    }
  };

  // Schedule the regular rhythm (slower before `fastSince`, when the project has one).
  const until = Math.min(o.to, plan.activeUntil, now);
  const rhythm = (perDay: number): number[] => {
    const fast = plan.fastSince;
    if (!(fast > o.from)) return rhythmTimes(rng, o.from, until, perDay, offset);
    const slow = rhythmTimes(rng, o.from, Math.min(fast, until), perDay * plan.slowFactor, offset);
    return slow.concat(rhythmTimes(rng, fast, until, perDay, offset));
  };
  for (const t of rhythm(o.releasesPerDay)) {
    heap.push({ t, type: Ev.CreateRelease, stage: 0, tenant: -1, release: -1 });
  }
  const factors = plan.occasionFactors;
  for (let k = 1; k < stages && factors.length > 0; k++) {
    const perDay = o.releasesPerDay * factors[Math.min(k, factors.length) - 1];
    for (const t of rhythm(perDay)) {
      heap.push({ t, type: Ev.Occasion, stage: k, tenant: -1, release: -1 });
    }
  }
  for (const t of rhythm(o.releasesPerDay * 0.008 * rare)) {
    heap.push({ t, type: Ev.Hotfix, stage: 0, tenant: -1, release: -1 });
  }
  // Forced items happen at fixed offsets from now, with realistic milliseconds.
  const ms = () => rng.int(1, 999);
  const forcedAt: Record<ForcedItem, number> = {
    executing: now - 4 * MINUTE + ms(),
    'pending-guided-failure': now - 25 * MINUTE + ms(),
    queued: now - 40_000 + ms(),
    scheduled: now - 2 * HOUR + ms(),
    'timed-out': now - 3 * 24 * HOUR - 6 * HOUR + ms(),
    'unresolved-defect': now - 90 * MINUTE + ms(),
    edited: now - 30 * MINUTE + ms(),
  };
  for (const item of o.forced) {
    heap.push({ t: forcedAt[item], type: Ev.Forced, stage: 0, tenant: -1, release: -1, forced: item });
  }

  const newestWithSuccess = (stage: number, tenant: number): number => {
    for (let r = releases.length - 1; r >= 0; r--) {
      if (releases[r].hotfix) continue;
      if (stage === 0 || successAt.has(successKey(r, stage - 1, prevSlot(stage, tenant)))) return r;
    }
    return -1;
  };


  for (let item = heap.pop(); item; item = heap.pop()) {
    const t = item.t;
    if (t > now) continue;
    switch (item.type) {
      case Ev.CreateRelease: {
        const r = createRelease(t, false);
        if (rng.chance(0.93)) deploy(0, slotsOf(0)[0], r, t + Math.min(rng.logNormal(90_000, 0.7), 20 * MINUTE));
        break;
      }
      case Ev.Occasion: {
        const slots = slotsOf(item.stage);
        let at = t;
        for (const tenant of slots) {
          if (slots.length > 1 && !rng.chance(0.85)) continue;
          deploy(item.stage, tenant, candidate(item.stage, tenant, at), at);
          at += rng.range(1, 4) * MINUTE;
        }
        break;
      }
      case Ev.Promote: {
        const slots = item.tenant === ALL_SLOTS ? slotsOf(item.stage) : [item.tenant];
        let at = t;
        for (const tenant of slots) {
          if (slots.length > 1 && !rng.chance(0.9)) continue;
          deploy(item.stage, tenant, candidate(item.stage, tenant, at), at);
          at += rng.range(1, 4) * MINUTE;
        }
        break;
      }
      case Ev.Retry: {
        if (stream(false, item.stage, item.tenant).lastFailed) {
          deploy(item.stage, item.tenant, candidate(item.stage, item.tenant, t), t, { retry: true });
        }
        break;
      }
      case Ev.Hotfix: {
        const r = createRelease(t, true);
        if (r < 0) break;
        const first = plan.hotfixStages[0];
        let at = t + rng.range(5, 20) * MINUTE;
        for (const tenant of slotsOf(first)) {
          deploy(first, tenant, r, at);
          at += rng.range(1, 3) * MINUTE;
        }
        break;
      }
      case Ev.HotfixPromote:
        deploy(item.stage, item.tenant, item.release, t);
        break;
      case Ev.Rollback:
        deploy(item.stage, item.tenant, item.release, t, { rollback: true });
        break;
      case Ev.Forced: {
        const tenant0 = slotsOf(0)[0];
        const lastSlot = slotsOf(last)[0];
        switch (item.forced) {
          case 'executing': {
            const stage = Math.min(1, last);
            const slot = slotsOf(stage)[0];
            deploy(stage, slot, newestWithSuccess(stage, slot), t, {
              force: { start: now - 210_000 + ms(), duration: 12 * MINUTE + ms(), state: State.Success },
            });
            break;
          }
          case 'pending-guided-failure':
            deploy(last, lastSlot, newestWithSuccess(last, lastSlot), t, {
              force: {
                start: now - 24 * MINUTE + ms(),
                duration: 55 * MINUTE + ms(),
                state: State.Failed,
                pendingGuidedFailureAt: now - 10 * MINUTE + ms(),
              },
            });
            break;
          case 'queued': {
            const r = createRelease(t, false);
            deploy(0, tenant0, r, now - 20_000 + ms(), { force: { start: now + 90_000 + ms(), duration: 3 * MINUTE + ms(), state: State.Success } });
            break;
          }
          case 'scheduled': {
            const at = now + 20 * HOUR;
            deploy(last, lastSlot, newestWithSuccess(last, lastSlot), t, {
              force: { scheduledAt: at - (at % HOUR), start: at - (at % HOUR) + 5000 + ms(), duration: 8 * MINUTE + ms(), state: State.Success },
            });
            break;
          }
          case 'timed-out':
            deploy(last, lastSlot, newestWithSuccess(last, lastSlot), t, {
              force: { scheduledAt: t + 6 * HOUR - ((t + 6 * HOUR) % HOUR), timedOut: true },
            });
            break;
          case 'unresolved-defect': {
            // Block the newest release proven in the first stage that has no defect yet, from now on.
            for (let r = releases.length - 1; r >= 0; r--) {
              const rel = releases[r];
              if (rel.hotfix || !Number.isNaN(rel.blockedFrom)) continue;
              if (!successAt.has(successKey(r, 0, tenant0))) continue;
              reportDefect(r, t, 0);
              break;
            }
            break;
          }
          case 'edited':
            if (lastProven.row >= 0 && lastProven.completed < t) {
              sink.edit({
                deployment: lastProven.row,
                state: State.Failed,
                reason: EDIT_REASONS_TO_FAILED[0],
                occurred: t,
                user: person(),
              });
            }
            break;
        }
        break;
      }
    }
  }
}
