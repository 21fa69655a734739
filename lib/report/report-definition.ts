/**
 * A space report's settings, as the user saves them: Octopus's report settings (docs/octopus-api.md §1.7)
 * — name, description, releases by project groups / projects / channels, named environment groups, tenant
 * mode with specific tenants or tenant tags, time zone — stored by Octopus ids (`Projects-7`), never by
 * cache indices, so a report survives a re-sync, works for a colleague with another cache and can be
 * exported. Ids the current user cannot see are kept and reported, not dropped.
 *
 * Beyond Octopus: no release selection means every project (default channels), and no environment groups
 * means every environment, so a report can be as broad as the whole space.
 */

/** Octopus's `TenantMode` values. */
export type TenantMode = 'TenantedAndUntenanted' | 'Tenanted' | 'Untenanted';

export interface EnvironmentGroupDefinition {
  name: string;
  environmentIds: string[];
}

export interface ReportDefinition {
  /** Local id (letters, digits, `_`, `-`); an imported Octopus report keeps its `InsightsReports-N`. */
  id: string;
  name: string;
  description: string;
  /** Default channels of every project in these groups. */
  projectGroupIds: string[];
  /** Default channels of these projects. */
  projectIds: string[];
  /** Exactly these channels. */
  channelIds: string[];
  /** Named, disjoint sets of environments; none = every environment. */
  environmentGroups: EnvironmentGroupDefinition[];
  tenantMode: TenantMode;
  /** With `tenantIds` and `tenantTags` both empty, every tenant (unless the mode is untenanted). */
  tenantIds: string[];
  /** `"Tag Set/Tag"`: within a tag set any tag matches, across sets all must (Octopus's rule). */
  tenantTags: string[];
  /** IANA zone for days, weeks, months and custom date ranges. */
  timeZone: string;
  createdAt: number;
  updatedAt: number;
}

/** The id of the built-in whole-space report, which is never stored. */
export const WHOLE_SPACE_ID = 'whole-space';

/** The whole space: every project's default channel, every environment, untenanted and every tenant. */
export function wholeSpaceReport(timeZone: string): ReportDefinition {
  return {
    ...emptyReport(timeZone, 0),
    id: WHOLE_SPACE_ID,
    name: 'Whole space',
    description: 'Every project (default channels), every environment, untenanted and all tenants.',
  };
}

/** A blank report for the editor, with a fresh id. */
export function emptyReport(timeZone: string, now: number, id = newReportId()): ReportDefinition {
  return {
    id,
    name: '',
    description: '',
    projectGroupIds: [],
    projectIds: [],
    channelIds: [],
    environmentGroups: [],
    tenantMode: 'TenantedAndUntenanted',
    tenantIds: [],
    tenantTags: [],
    timeZone,
    createdAt: now,
    updatedAt: now,
  };
}

/** `r-` and 16 random hex digits: unique enough per space, short enough for a URL. */
export function newReportId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `r-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
