/**
 * The shapes goals and per-project settings are stored in (lib/store/goals-store.ts), validated with zod
 * on every read like saved reports: storage.sync carries what another device — maybe another version of
 * DORA Lens — wrote, so a value that does not fit is reported and left out, never allowed to break a page.
 */
import { z } from 'zod';
import { GOAL_METRICS, type GoalMetric, type GoalOverrides, type GoalTargets, validTarget } from './goal-targets';

export const GOALS_VERSION = 1 as const;

/** A space's goals: `{ version: 1, targets: { failureRate: 0.1, … } }`. */
export interface SpaceGoalsDocument {
  version: typeof GOALS_VERSION;
  targets: GoalTargets;
}

/**
 * A project's own settings: its goal overrides, the channels the user marks as hotfix channels (their
 * deployments are rework), and whether the user follows it (alerts). `name` is the project's name when it
 * was last saved, so the options page can list followed projects without the cache (shown as text).
 */
export interface ProjectSettingsDocument {
  version: typeof GOALS_VERSION;
  name?: string;
  goals?: GoalOverrides;
  /** `Channels-N` ids. */
  hotfixChannels?: string[];
  follow?: boolean;
}

const target = (metric: GoalMetric) => z.number().refine((v) => validTarget(metric, v), { message: `not a valid ${metric} target` });
const targetsShape = Object.fromEntries(GOAL_METRICS.map((m) => [m, target(m).optional()])) as Record<GoalMetric, z.ZodOptional<z.ZodNumber>>;
const overridesShape = Object.fromEntries(GOAL_METRICS.map((m) => [m, target(m).nullable().optional()])) as Record<
  GoalMetric,
  z.ZodOptional<z.ZodNullable<z.ZodNumber>>
>;

const spaceGoalsSchema = z.object({ version: z.literal(GOALS_VERSION), targets: z.object(targetsShape) });
const projectSettingsSchema = z.object({
  version: z.literal(GOALS_VERSION),
  name: z.string().max(400).optional(),
  goals: z.object(overridesShape).optional(),
  hotfixChannels: z.array(z.string().regex(/^Channels-\d+$/)).max(200).optional(),
  follow: z.boolean().optional(),
});

export interface Parsed<T> {
  value: T;
  /** What was wrong with the stored value (empty when all was well, or nothing was stored). */
  problems: string[];
}

const describe = (what: string, error: z.ZodError) => `${what} could not be read and were left out: ${z.prettifyError(error).replace(/\n/g, '; ')}`;

/**
 * Whatever is stored for a space's goals → its targets (none when nothing valid is stored).
 *
 * @example
 * parseSpaceGoals({ version: 1, targets: { failureRate: 0.1 } }) //=> { value: { failureRate: 0.1 }, problems: [] }
 * parseSpaceGoals({ version: 1, targets: { failureRate: 7 } }).problems.length //=> 1
 */
export function parseSpaceGoals(stored: unknown): Parsed<GoalTargets> {
  if (stored === undefined || stored === null) return { value: {}, problems: [] };
  const parsed = spaceGoalsSchema.safeParse(stored);
  return parsed.success ? { value: parsed.data.targets, problems: [] } : { value: {}, problems: [describe('The space’s saved goals', parsed.error)] };
}

/**
 * Whatever is stored for a project → its settings (empty when nothing valid is stored).
 *
 * @example
 * parseProjectSettings({ version: 1, follow: true, hotfixChannels: ['Channels-4'] }).value.follow //=> true
 */
export function parseProjectSettings(stored: unknown): Parsed<Omit<ProjectSettingsDocument, 'version'>> {
  if (stored === undefined || stored === null) return { value: {}, problems: [] };
  const parsed = projectSettingsSchema.safeParse(stored);
  if (!parsed.success) return { value: {}, problems: [describe('The project’s saved settings', parsed.error)] };
  const { version: _version, ...value } = parsed.data;
  return { value, problems: [] };
}

/**
 * A space's targets as stored; throws on an invalid target (a caller's bug).
 *
 * @example
 * spaceGoalsDocument({ leadTime: 86_400_000 }) //=> { version: 1, targets: { leadTime: 86400000 } }
 */
export function spaceGoalsDocument(targets: GoalTargets): SpaceGoalsDocument {
  const document: SpaceGoalsDocument = { version: GOALS_VERSION, targets };
  spaceGoalsSchema.parse(document);
  return document;
}

/**
 * A project's settings as stored; throws when a field is invalid (a caller's bug).
 *
 * @example
 * projectSettingsDocument({ follow: true }) //=> { version: 1, follow: true }
 */
export function projectSettingsDocument(settings: Omit<ProjectSettingsDocument, 'version'>): ProjectSettingsDocument {
  const document: ProjectSettingsDocument = { version: GOALS_VERSION, ...settings };
  projectSettingsSchema.parse(document);
  return document;
}
