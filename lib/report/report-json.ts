/**
 * Reports as a JSON file, to share or back up: export writes `{ format, version, origin, space, reports }`;
 * import reads that back — or Octopus's own report resources (`GET /api/{space}/insights/reports`: one
 * `InsightsReport`, a list of them, or the `ResourceCollection`), so an Enterprise customer's reports
 * can be carried over. Every report is validated with the same rules as the editor; what fails is listed
 * and left out, the rest is imported. Nothing here touches storage.
 */
import { z } from 'zod';
import type { ReportDefinition, TenantMode } from './report-definition';
import { checkReport, describeProblems } from './report-schema';
import { isIanaTimeZone } from '@/lib/settings/time-zones';

export const REPORTS_FILE_FORMAT = 'dora-lens-reports';
export const REPORTS_FILE_VERSION = 1;
/** Files bigger than this are refused before parsing (a report is well under 100 KB). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export interface ReportsFile {
  format: typeof REPORTS_FILE_FORMAT;
  version: typeof REPORTS_FILE_VERSION;
  exportedAt: string;
  origin: string;
  space: string;
  reports: ReportDefinition[];
}

export function exportReports(reports: readonly ReportDefinition[], context: { origin: string; space: string; now: number }): string {
  const file: ReportsFile = {
    format: REPORTS_FILE_FORMAT,
    version: REPORTS_FILE_VERSION,
    exportedAt: new Date(context.now).toISOString(),
    origin: context.origin,
    space: context.space,
    reports: [...reports],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface ImportResult {
  reports: ReportDefinition[];
  /** Reports that were left out, and why. */
  problems: string[];
  /** Imported, but worth knowing (another space, a time zone replaced). */
  warnings: string[];
}

/** Octopus's InsightsReport resource (docs/octopus-api.md §1.8); unknown fields are ignored. */
const octopusReport = z.object({
  Id: z.string(),
  SpaceId: z.string().optional(),
  Name: z.string(),
  Description: z.string().nullish(),
  ProjectGroupIds: z.array(z.string()).nullish(),
  ProjectIds: z.array(z.string()).nullish(),
  ChannelIds: z.array(z.string()).nullish(),
  TenantIds: z.array(z.string()).nullish(),
  TenantTags: z.array(z.string()).nullish(),
  TenantMode: z.enum(['TenantedAndUntenanted', 'Tenanted', 'Untenanted']).nullish(),
  AllTenants: z.boolean().nullish(),
  EnvironmentGroups: z.array(z.object({ Name: z.string(), Environments: z.array(z.string()) })).nullish(),
  TimeZone: z.string().nullish(),
});
type OctopusReport = z.infer<typeof octopusReport>;

const isOctopusReport = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'Name' in value && ('EnvironmentGroups' in value || 'TenantMode' in value || 'ProjectIds' in value);

function fromOctopus(report: OctopusReport, fallbackZone: string, now: number, warnings: string[]): unknown {
  const zone = report.TimeZone ?? 'UTC';
  const timeZone = isIanaTimeZone(zone) ? zone : fallbackZone;
  if (timeZone !== zone) warnings.push(`“${report.Name}”: time zone “${zone}” is not an IANA zone; ${fallbackZone} is used instead.`);
  const all = report.AllTenants === true;
  return {
    id: report.Id,
    name: report.Name,
    description: report.Description ?? '',
    projectGroupIds: report.ProjectGroupIds ?? [],
    projectIds: report.ProjectIds ?? [],
    channelIds: report.ChannelIds ?? [],
    environmentGroups: (report.EnvironmentGroups ?? []).map((g) => ({ name: g.Name, environmentIds: g.Environments })),
    tenantMode: (report.TenantMode ?? 'TenantedAndUntenanted') satisfies TenantMode,
    tenantIds: all ? [] : (report.TenantIds ?? []),
    tenantTags: all ? [] : (report.TenantTags ?? []),
    timeZone,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Reads an exported file (text). `context` is where it is being imported: a file from another server or
 * space is imported with a warning (its ids may name other things here).
 */
export function importReports(text: string, context: { origin: string; space: string; now: number; timeZone: string }): ImportResult {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (text.length > IMPORT_MAX_BYTES) return { reports: [], problems: ['The file is larger than 5 MB; it is not a reports file.'], warnings };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { reports: [], problems: [`The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`], warnings };
  }

  let candidates: unknown[];
  if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format === REPORTS_FILE_FORMAT) {
    const file = data as Partial<ReportsFile>;
    if (file.version !== REPORTS_FILE_VERSION) return { reports: [], problems: [`The file is version ${String(file.version)} of the DORA Lens reports format; this version reads ${REPORTS_FILE_VERSION}.`], warnings };
    if (!Array.isArray(file.reports)) return { reports: [], problems: ['The file has no list of reports.'], warnings };
    if (file.origin !== context.origin || file.space !== context.space) {
      warnings.push(`The file was exported from ${String(file.space)} on ${String(file.origin)}; projects, environments and tenants are matched by id here.`);
    }
    candidates = file.reports;
  } else {
    const items = Array.isArray(data) ? data : typeof data === 'object' && data !== null && Array.isArray((data as { Items?: unknown }).Items) ? (data as { Items: unknown[] }).Items : [data];
    if (items.length === 0 || !items.every(isOctopusReport)) {
      return { reports: [], problems: ['The file is neither a DORA Lens reports export nor Octopus Insights reports.'], warnings };
    }
    candidates = [];
    items.forEach((item, i) => {
      const parsed = octopusReport.safeParse(item);
      if (!parsed.success) problems.push(`Octopus report ${i + 1} was left out: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
      else {
        if (parsed.data.SpaceId && parsed.data.SpaceId !== context.space) warnings.push(`“${parsed.data.Name}” belongs to ${parsed.data.SpaceId}; ids are matched in ${context.space}.`);
        candidates.push(fromOctopus(parsed.data, context.timeZone, context.now, warnings));
      }
    });
  }

  const reports: ReportDefinition[] = [];
  const ids = new Set<string>();
  candidates.forEach((value, i) => {
    const checked = checkReport(value);
    if (!checked.ok) problems.push(`Report ${i + 1} was left out: ${describeProblems(value, checked.problems).join('; ')}`);
    else if (ids.has(checked.report.id)) problems.push(`Report ${i + 1} (“${checked.report.name}”) was left out: another report in the file has its id.`);
    else {
      ids.add(checked.report.id);
      reports.push(checked.report);
    }
  });
  return { reports, problems, warnings };
}
