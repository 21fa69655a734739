/**
 * Audit events of a project's configuration — its deployment process modified, its lifecycle modified, a
 * channel created or modified — for DORA Lens's before/after picker. Derived from the catalog and the clock
 * (a pure function of the project's id, so a history file reproduces them), and served when a query's
 * `documentTypes` name only these documents.
 *
 * GUESS (see test/emulator/README.md): the document type ids (`DeploymentProcesses`, `Lifecycles`,
 * `Channels`), the `Modified` / `Created` categories and the related ids (`deploymentprocess-Projects-1`
 * with the project; the lifecycle alone; the channel with its project) follow the pattern of Octopus's
 * other audit events; no real server's feed was at hand. A real feed interleaves them with every other event
 * by AutoId; here they are numbered apart (from {@link CONFIG_EVENT_ID_BASE}) and never reach the sync,
 * which asks for no document type.
 */
import { ANY, UNTENANTED } from '../permissions';
import { hashInts } from '../random';
import type { Ctx } from '../router';
import { idNumber, type Store } from '../store';

export const CONFIG_DOCUMENT_TYPES = new Set(['deploymentprocesses', 'lifecycles', 'channels']);
export const CONFIG_EVENT_ID_BASE = 900_000_000;

const DAY = 86_400_000;

interface ConfigEvent {
  id: number;
  occurred: number;
  category: 'Modified' | 'Created';
  documentType: 'deploymentprocesses' | 'lifecycles' | 'channels';
  related: string[];
  message: string;
}

/** Changes every ~`every` days (between half and one and a half of it) from `start` to the clock, numbered by owner and kind. */
function changeSeries(store: Store, start: number, owner: number, kind: number, every: number, make: (k: number) => Omit<ConfigEvent, 'id' | 'occurred'>): ConfigEvent[] {
  const out: ConfigEvent[] = [];
  let at = start + (hashInts(owner, kind, 1) % every) * DAY;
  for (let k = 0; at <= store.now && k < 300; k++) {
    out.push({ id: CONFIG_EVENT_ID_BASE + owner * 1000 + kind * 300 + k, occurred: at + (hashInts(owner, kind, k) % DAY), ...make(k) });
    at += (every / 2 + (hashInts(owner, kind, k + 1000) % every)) * DAY;
  }
  return out;
}

/** A lifecycle's changes (every ~150 days from the space's first release): one series however many projects share it. */
function lifecycleChanges(store: Store, lifecycleId: string, start: number): ConfigEvent[] {
  // Numbered apart from projects' (whose numbers are below 100,000).
  const owner = 100_000 + idNumber(lifecycleId);
  return changeSeries(store, start, owner, 1, 150, () => ({ category: 'Modified', documentType: 'lifecycles', related: [lifecycleId], message: `Lifecycle ${lifecycleId} modified` }));
}

/** One project's configuration changes from its first release to the clock: every ~45 days its process, every ~200 a channel. */
function projectChanges(store: Store, p: number): ConfigEvent[] {
  const project = store.projects[p];
  const releases = store.releasesByProject[p];
  if (!releases || releases.length === 0) return [];
  const start = store.releases.assembled[releases.view()[0]];
  const n = idNumber(project.Id);
  const channels = store.channels.filter((c) => c.ProjectId === project.Id);
  const out: ConfigEvent[] = [];
  const series = (kind: number, every: number, make: (k: number) => Omit<ConfigEvent, 'id' | 'occurred'>) => out.push(...changeSeries(store, start, n, kind, every, make));
  series(0, 45, () => ({
    category: 'Modified',
    documentType: 'deploymentprocesses',
    related: [`deploymentprocess-${project.Id}`, project.Id],
    message: `Deployment process of project ${project.Name} modified`,
  }));
  if (channels.length > 0) {
    series(2, 200, (k) => {
      const channel = channels[k % channels.length];
      return { category: 'Modified', documentType: 'channels', related: [channel.Id, project.Id], message: `Channel ${channel.Name} of project ${project.Name} modified` };
    });
  }
  return out.filter((e) => e.occurred <= store.now);
}

/** The configuration events of `space` that the query asks for and the user may see, newest first, as Octopus's EventResource. */
export function configEvents(ctx: Ctx, store: Store, space: number, documentTypes: readonly string[]): object[] {
  const q = ctx.query;
  const categories = q.list('eventCategories')?.map((c) => c.toLowerCase());
  const projects = q.list('projects');
  const regardingAny = q.list('regardingAny');
  const from = q.date('from');
  const to = q.date('to');
  const candidates: ConfigEvent[] = [];
  const lifecycles = new Set<string>();
  let spaceStart = Number.POSITIVE_INFINITY;
  for (let p = 0; p < store.projects.length; p++) {
    if (store.projectSpace[p] !== space) continue;
    const first = store.releasesByProject[p]?.view()[0];
    if (first !== undefined) spaceStart = Math.min(spaceStart, store.releases.assembled[first]);
    if (!ctx.access.can('EventView', space, p, ANY, UNTENANTED)) continue;
    lifecycles.add(store.projects[p].LifecycleId);
    candidates.push(...projectChanges(store, p));
  }
  if (Number.isFinite(spaceStart)) for (const l of lifecycles) candidates.push(...lifecycleChanges(store, l, spaceStart));
  const events = candidates.filter(
    (e) =>
      e.occurred <= store.now &&
      documentTypes.includes(e.documentType) &&
      (!categories || categories.includes(e.category.toLowerCase())) &&
      (!projects || e.related.some((id) => projects.includes(id))) &&
      (!regardingAny || e.related.some((id) => regardingAny.includes(id))) &&
      (from === undefined || e.occurred >= from) &&
      (to === undefined || e.occurred < to),
  );
  events.sort((a, b) => b.occurred - a.occurred || b.id - a.id);
  const spaceId = store.spaces[space].Id;
  return events.map((e) => ({
    Id: `Events-${e.id}`,
    Category: e.category,
    RelatedDocumentIds: e.related,
    Message: e.message,
    MessageHtml: e.message,
    MessageReferences: [],
    Occurred: new Date(e.occurred).toISOString(),
    UserId: 'users-system',
    Username: 'system',
    IsService: false,
    Comments: null,
    Details: null,
    SpaceId: spaceId,
    Links: { Self: `/api/${spaceId}/events/Events-${e.id}` },
  }));
}
