/**
 * What an Octopus server offers, read from its API root (`GET /api`: public and present on every version,
 * so asking never fails on a server too old to support). The sync chooses each step's strategy from these
 * capabilities (DESIGN decision 10) instead of guessing from the version number, because the root's links
 * are what the server really binds: a query parameter missing from a link template is ignored by Octopus,
 * silently turning a filtered request into "everything".
 */
import type { OctopusClient, RequestOptions } from './client';
import { UnsupportedServer } from './errors';
import { getRoot } from './root';
import type { ApiRoot } from './schemas';

export interface ServerCapabilities {
  /**
   * Spaces (Octopus 2019.1): the `/api/Spaces-N/…` routes every space-scoped request uses. The root links
   * `Spaces` and `SpaceHome` from 2019.1 on.
   */
  spaces: boolean;
  /**
   * `fromCompletedDate`/`toCompletedDate` on tasks: "Tasks can now be filtered by date"
   * (OctopusDeploy/Issues#7031, released in 2021.2.7939 and 2021.3.9970). Without them a re-check by
   * completion date would download every deployment task.
   */
  taskCompletedDateFilter: boolean;
  /** `fromAutoId` on events: how an incremental sync reads only the feed's new part (Octopus 3.x on). */
  eventAutoIdFilter: boolean;
}

export interface ServerInfo {
  /** The root's `Version`, e.g. `2023.1.9626`. */
  version: string;
  supported: boolean;
  /** Why not, as a sentence for the user that says what to do; set when `supported` is false. */
  reason?: string;
  capabilities: ServerCapabilities;
}

/** The oldest release DORA Lens supports: the first with Spaces. */
export const MINIMUM_VERSION = { year: 2019, minor: 1 } as const;

/** The parameter names of a link's URI template (`/api/tasks{/id}{?skip,take}` → skip, take). */
function templateParams(link: string | undefined): Set<string> {
  const query = link ? /\{\?([^}]*)\}/.exec(link) : null;
  return new Set(query ? query[1].split(',').map((name) => name.trim().toLowerCase()) : []);
}

/**
 * "Octopus 2018.x and older is" for a release before 2019.1 (`2018.10.12`, `3.17.4`), else "This Octopus
 * server (…) is": the version only words the message. Support is decided by the links, which development
 * builds (`0.0.0-local`) have too.
 */
function subject(version: string): string {
  const major = Number(/^(\d+)\./.exec(version.trim())?.[1]);
  return major >= 1 && major < MINIMUM_VERSION.year ? `Octopus ${major}.x and older is` : `This Octopus server (${version}) is`;
}

const UPGRADE = 'Ask your Octopus administrator about upgrading to 2019.1 or later.';

/** Pure: the capabilities and support verdict for an API root. */
export function describeServer(root: Pick<ApiRoot, 'Version' | 'Links'>): ServerInfo {
  const links = root.Links;
  const tasks = templateParams(links.Tasks);
  const events = templateParams(links.Events);
  const capabilities: ServerCapabilities = {
    spaces: 'SpaceHome' in links || 'Spaces' in links,
    taskCompletedDateFilter: tasks.has('fromcompleteddate') && tasks.has('tocompleteddate'),
    eventAutoIdFilter: events.has('fromautoid'),
  };
  const version = root.Version;
  let reason: string | undefined;
  if (!capabilities.spaces) {
    reason = `${subject(version)} not supported: DORA Lens needs Spaces, introduced in 2019.1. ${UPGRADE}`;
  } else if (!capabilities.eventAutoIdFilter) {
    reason = `This Octopus server (${version}) is not supported: DORA Lens reads the event feed from where it stopped (the fromAutoId filter), which this server does not offer. ${UPGRADE}`;
  }
  return reason ? { version, supported: false, reason, capabilities } : { version, supported: true, capabilities };
}

/** Reads the API root and describes the server. One request; fails only as any request can (network, 5xx). */
export async function getServerInfo(client: OctopusClient, options?: RequestOptions): Promise<ServerInfo> {
  return describeServer(await getRoot(client, options));
}

/** Throws {@link UnsupportedServer} for a server DORA Lens cannot sync. */
export function requireSupported(info: ServerInfo, url?: string): void {
  if (!info.supported) throw new UnsupportedServer(info.version, info.reason ?? `Octopus ${info.version} is not supported.`, url);
}
