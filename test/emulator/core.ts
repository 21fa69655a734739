/** The running emulator's state, shared by the HTTP layer and the programmatic API. */
import { type SameSite, Sessions } from './auth';
import { Counters } from './counters';
import { Faults } from './faults';
import type { HistoryFile } from './history-file';
import { buildHistory } from './history-write';
import { type ActivityResult, generateActivity } from './activity';
import { MINUTE } from './octopus-time';
import { Access } from './permissions';
import type { OctopusProfile } from './profiles';
import type { Store } from './store';

export interface CoreOptions {
  sameSite: SameSite;
  sessionTimeoutMinutes: number;
  faults: string;
  seed: number;
  /** Folder of the web UI mimic (index.html and assets). */
  uiDir: string;
  /** `''`, or the path Octopus is served under (`/octopus`), see base-path.ts. */
  basePath: string;
  /** The Octopus release the emulator behaves as (profiles.ts). */
  profile: OctopusProfile;
}

export class EmulatorCore {
  readonly sessions: Sessions;
  readonly faults: Faults;
  readonly counters = new Counters();
  private readonly accesses = new Map<number, Access>();
  private historyCache: { version: number; file: HistoryFile } | undefined;
  private activityRuns = 0;

  constructor(
    readonly store: Store,
    readonly options: CoreOptions,
  ) {
    this.sessions = new Sessions(options.sessionTimeoutMinutes * MINUTE);
    this.faults = new Faults(options.faults, options.seed);
  }

  access(user: number): Access {
    let a = this.accesses.get(user);
    if (!a) {
      a = new Access(this.store, user);
      this.accesses.set(user, a);
    }
    return a;
  }

  get defaultSpace(): number {
    const at = this.store.spaces.findIndex((s) => s.IsDefault);
    return Math.max(at, 0);
  }

  /** Moves the clock and creates new releases and deployments (see activity.ts). */
  advance(opts: { minutes?: number; deployments?: number }): ActivityResult {
    return generateActivity(this.store, {
      minutes: opts.minutes ?? 0,
      deployments: opts.deployments ?? 0,
      seed: this.options.seed * 7919 + ++this.activityRuns,
    });
  }

  history(): HistoryFile {
    if (!this.historyCache || this.historyCache.version !== this.store.version) {
      this.historyCache = { version: this.store.version, file: buildHistory(this.store) };
    }
    return this.historyCache.file;
  }
}
