/**
 * Validation of a report's settings: one zod schema used for the editor, for what is read back from
 * storage and for imported files, so every path applies the same rules. The rules follow Octopus's report
 * settings (docs/octopus-api.md §1.7): a name, ids of the right kind, environment group names unique and an
 * environment in at most one group, a group with at least one environment, no tenants listed for an
 * untenanted report, a known time zone.
 */
import { z } from 'zod';
import type { ReportDefinition } from './report-definition';
import { isIanaTimeZone } from '@/lib/settings/time-zones';

export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const ENVIRONMENT_GROUPS_MAX = 20;
const LIST_MAX = 5000;

/** An Octopus id of one kind, e.g. `Projects-12`. */
const octopusId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}-\\d+$`), { error: (issue) => `${String(issue.input)} is not a ${prefix} id (${prefix}-N)` });

/** A list of ids, each once. */
const idList = (prefix: string) =>
  z
    .array(octopusId(prefix))
    .max(LIST_MAX)
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `${id} is listed twice` });
        seen.add(id);
      });
    });

const environmentGroup = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'An environment group needs a name')
    .max(80, 'An environment group name has at most 80 characters'),
  environmentIds: idList('Environments').min(1, 'An environment group needs at least one environment'),
});

export const reportSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'The report id must be 1-64 letters, digits, _ or -'),
    name: z.string().trim().min(1, 'The report needs a name').max(NAME_MAX, `The name has at most ${NAME_MAX} characters`),
    description: z.string().max(DESCRIPTION_MAX, `The description has at most ${DESCRIPTION_MAX} characters`),
    projectGroupIds: idList('ProjectGroups'),
    projectIds: idList('Projects'),
    channelIds: idList('Channels'),
    environmentGroups: z.array(environmentGroup).max(ENVIRONMENT_GROUPS_MAX, `At most ${ENVIRONMENT_GROUPS_MAX} environment groups`),
    tenantMode: z.enum(['TenantedAndUntenanted', 'Tenanted', 'Untenanted']),
    tenantIds: idList('Tenants'),
    tenantTags: z
      .array(z.string().regex(/^[^/]+\/[^/]+$/, 'A tenant tag is written "Tag Set/Tag"').max(200))
      .max(LIST_MAX),
    timeZone: z.string().refine(isIanaTimeZone, { error: (issue) => `${String(issue.input)} is not a known IANA time zone` }),
    createdAt: z.number().finite().nonnegative(),
    updatedAt: z.number().finite().nonnegative(),
  })
  .superRefine((report, ctx) => {
    const names = new Map<string, number>();
    const owner = new Map<string, string>();
    report.environmentGroups.forEach((group, g) => {
      const key = group.name.trim().toLocaleLowerCase();
      if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['environmentGroups', g, 'name'], message: `Another environment group is already called "${group.name}"` });
      else names.set(key, g);
      group.environmentIds.forEach((id, e) => {
        const other = owner.get(id);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['environmentGroups', g, 'environmentIds', e], message: `${id} is already in the group "${other}": an environment can be in one group only` });
        } else owner.set(id, group.name);
      });
    });
    if (report.tenantMode === 'Untenanted' && (report.tenantIds.length > 0 || report.tenantTags.length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['tenantMode'], message: 'An untenanted report cannot list tenants or tenant tags' });
    }
  });

export interface ReportProblem {
  /** Where, as a dotted path (`environmentGroups.1.name`); empty for the whole report. */
  path: string;
  message: string;
}

export type ReportCheck = { ok: true; report: ReportDefinition } | { ok: false; problems: ReportProblem[] };

/** Checks anything against the report rules; trims the name, never throws. */
export function checkReport(value: unknown): ReportCheck {
  const parsed = reportSchema.safeParse(value);
  if (parsed.success) return { ok: true, report: parsed.data satisfies ReportDefinition };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
}

/** One line per problem, prefixed with the report's name when it has one. */
export function describeProblems(value: unknown, problems: readonly ReportProblem[]): string[] {
  const name = typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : '';
  const prefix = name ? `“${name}”: ` : '';
  return problems.map((p) => `${prefix}${p.path ? `${p.path}: ` : ''}${p.message}`);
}
