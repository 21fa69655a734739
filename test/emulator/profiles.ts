/**
 * Octopus versions the emulator can pretend to be (`--octopus-version`): each release's API root (`Version`,
 * `Links`) and the differences in what DORA Lens calls — query parameters a version does not know (Octopus
 * ignores unknown parameters, so the filter silently does nothing), fields its resources lack, the paged
 * envelope, and whether it has Spaces at all. Sources are in README.md ("Octopus versions"); every
 * difference not read from a real payload or a dated release note is marked GUESS there.
 *
 * Only the shape of what is served changes: the history is the same, so tests compare every profile with
 * the same ground truth.
 */

export type ProfileName = '2018.10' | '2019.7' | '2020.5' | '2022.1' | '2023.1' | '2024.3';

export interface OctopusProfile {
  name: ProfileName;
  /** The API root's `Version`, and the `X-Octopus-Version` header. */
  version: string;
  /** Spaces arrived in 2019.1: before, there is no `/api/spaces`, no `/api/Spaces-N/…`, no `SpaceId`. */
  spaces: boolean;
  /** The root's `HasLongTermSupport` (2019.7.12's root has no such field). */
  hasLongTermSupport?: boolean;
  /** The root's installation-wide task link parameters, in Octopus's order. */
  taskParams: string[];
  /** The root's installation-wide event link parameters. */
  eventParams: string[];
  spacesParams: string;
  /** Root links that this version does not have yet. */
  missingLinks: string[];
  /**
   * Resource fields this version does not send, by id prefix. A version that predates a field cannot send
   * it; DORA Lens must not need it.
   */
  missingFields: Record<string, string[]>;
  /** `NumberOfPages`, `LastPageNumber`, `Page.All`, `Page.Last` (and no `IsStale`) in paged envelopes. */
  pageCounts: boolean;
}

const TASK_PARAMS_2019 =
  'skip,active,environment,tenant,project,name,node,running,states,hasPendingInterruptions,hasWarningsOrErrors,take,ids,partialName,spaces,includeSystem'.split(',');
/** Runbooks (2019.11) added `runbook`. */
const TASK_PARAMS_2020 =
  'skip,active,environment,tenant,runbook,project,name,node,running,states,hasPendingInterruptions,hasWarningsOrErrors,take,ids,partialName,spaces,includeSystem'.split(',');
/** Date filters: OctopusDeploy/Issues#7031 "Tasks can now be filtered by date", released in 2021.2.7939 and 2021.3.9970. */
const TASK_PARAMS_DATES = [...TASK_PARAMS_2020, ...'description,fromCompletedDate,toCompletedDate,fromQueueDate,toQueueDate,fromStartDate,toStartDate'.split(',')];

const EVENT_PARAMS_2019 =
  'skip,regarding,regardingAny,user,users,projects,projectGroups,environments,eventGroups,eventCategories,eventAgents,tags,tenants,from,to,internal,fromAutoId,toAutoId,documentTypes,asCsv,take,ids,spaces,includeSystem'.split(',');
const EVENT_PARAMS_2022 = [...EVENT_PARAMS_2019, 'excludeDifference'];

/** What the 2020.5 swagger's resources lack of what the emulator serves (today's shapes). */
const BEFORE_2020_6: Record<string, string[]> = {
  'Interruptions-': ['Type'],
  'ServerTasks-': ['ProjectId', 'UnmetPreconditions', 'EstimatedRemainingQueueDurationSeconds', 'PendingInterruptionTypes', 'PendingPreconditionTypes', 'HasPendingPreconditions'],
  'Deployments-': ['Priority', 'ChangeRequestSettings'],
  'Releases-': ['SelectedGitResources'],
  'Projects-': ['ForcePackageDownload', 'Icon', 'AllowIgnoreChannelRules', 'PersistenceSettings'],
  'Environments-': ['Slug'],
  'Channels-': ['Slug'],
  'Tenants-': ['Slug', 'IsDisabled', 'Icon'],
  'Lifecycles-': ['Slug'],
  'ProjectGroups-': ['Slug'],
  'Spaces-': ['Slug', 'IsPrivate', 'Icon', 'ExtensionSettings'],
  'Events-': ['IpAddress'],
};

export const PROFILES: Record<ProfileName, OctopusProfile> = {
  '2018.10': {
    name: '2018.10',
    version: '2018.10.12',
    spaces: false,
    taskParams: TASK_PARAMS_2019.filter((p) => p !== 'spaces' && p !== 'includeSystem'),
    eventParams: EVENT_PARAMS_2019.filter((p) => p !== 'spaces' && p !== 'includeSystem'),
    spacesParams: '',
    missingLinks: ['Spaces', 'SpaceHome', 'InsightsReports'],
    missingFields: BEFORE_2020_6,
    pageCounts: false,
  },
  '2019.7': {
    name: '2019.7',
    version: '2019.7.12',
    spaces: true,
    taskParams: TASK_PARAMS_2019,
    eventParams: EVENT_PARAMS_2019,
    spacesParams: 'name,skip,ids,take,partialName',
    missingLinks: ['InsightsReports'],
    missingFields: BEFORE_2020_6,
    pageCounts: false,
  },
  '2020.5': {
    name: '2020.5',
    version: '2020.5.0',
    spaces: true,
    hasLongTermSupport: false,
    taskParams: TASK_PARAMS_2020,
    eventParams: EVENT_PARAMS_2019,
    spacesParams: 'name,skip,ids,take,partialName',
    missingLinks: ['InsightsReports'],
    missingFields: BEFORE_2020_6,
    pageCounts: true,
  },
  '2022.1': {
    name: '2022.1',
    version: '2022.1.2386',
    spaces: true,
    hasLongTermSupport: true,
    taskParams: TASK_PARAMS_DATES,
    eventParams: EVENT_PARAMS_2022,
    spacesParams: 'skip,ids,take,partialName',
    // DevOps Insights arrived in 2022.3.
    missingLinks: ['InsightsReports'],
    missingFields: {},
    pageCounts: true,
  },
  '2023.1': {
    name: '2023.1',
    version: '2023.1.9626',
    spaces: true,
    hasLongTermSupport: true,
    taskParams: TASK_PARAMS_DATES,
    eventParams: EVENT_PARAMS_2022,
    spacesParams: 'skip,ids,take,partialName',
    missingLinks: [],
    missingFields: {},
    pageCounts: true,
  },
  '2024.3': {
    name: '2024.3',
    version: '2024.3.12899',
    spaces: true,
    hasLongTermSupport: true,
    taskParams: TASK_PARAMS_DATES,
    eventParams: EVENT_PARAMS_2022,
    spacesParams: 'skip,ids,take,partialName',
    missingLinks: [],
    missingFields: {},
    pageCounts: true,
  },
};

/** What `--octopus-version` also accepts: the release Octopus Cloud and today's self-hosted installs run. */
const ALIASES: Record<string, ProfileName> = { current: '2024.3', cloud: '2024.3' };

export const DEFAULT_PROFILE: ProfileName = '2024.3';

export const profileNames = (): string[] => [...Object.keys(PROFILES), ...Object.keys(ALIASES)];

/** The profile for `2019.7`, `2019.7.12`, `current`…; throws with the list when there is none. */
export function octopusProfile(name: string = DEFAULT_PROFILE): OctopusProfile {
  const key = ALIASES[name.toLowerCase()] ?? Object.values(PROFILES).find((p) => p.name === name || p.version === name)?.name;
  if (!key) throw new Error(`unknown Octopus version "${name}": use one of ${profileNames().join(', ')}`);
  return PROFILES[key];
}

/** Every query parameter the task and event routes of the newest release know; older ones lack some. */
const NEWEST = PROFILES[DEFAULT_PROFILE];

/** Parameters a route of this version ignores (its newer siblings know them), lower-cased. */
export function ignoredParams(profile: OctopusProfile, route: string): Set<string> {
  const lower = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));
  if (/\/tasks$/.test(route)) {
    const known = lower(profile.taskParams);
    return new Set([...lower(NEWEST.taskParams)].filter((p) => !known.has(p)));
  }
  if (/\/events$/.test(route)) {
    const known = lower(profile.eventParams);
    return new Set([...lower(NEWEST.eventParams)].filter((p) => !known.has(p)));
  }
  return new Set();
}

/** A URI template or link as this version writes it: unknown parameters dropped; no spaces before 2019.1. */
export function linkFor(profile: OctopusProfile, link: string): string {
  let out = link;
  if (!profile.spaces) out = out.replace(/^\/api\/Spaces-\d+(?=[/{?]|$)/, '/api').replace(/#\/Spaces-\d+(?=[/?]|$)/, '#');
  if (profile.name === DEFAULT_PROFILE) return out;
  const template = /\{\?([^}]*)\}/.exec(out);
  if (!template) return out;
  const route = out.slice(0, template.index).replace(/\{\/id\}$/, '');
  const ignored = ignoredParams(profile, route);
  if (ignored.size === 0) return out;
  const kept = template[1].split(',').filter((p) => !ignored.has(p.toLowerCase()));
  return `${out.slice(0, template.index)}{?${kept.join(',')}}${out.slice(template.index + template[0].length)}`;
}
