/**
 * Building blocks shared by every Octopus schema: dates, id lists, resource names and the paged envelope.
 *
 * Conventions for all schemas in this folder
 * - Field names stay Octopus's (PascalCase): these are boundary types, `lib/sync` normalises them.
 * - Only the fields DORA Lens reads are declared; zod objects strip everything else, so a newer Octopus
 *   adding fields never breaks us. A field is `.nullable()` only where Octopus sends `null`.
 * - Dates become UTC epoch milliseconds here, once (DESIGN decision 5), through {@link dateMs}.
 */
import { z } from 'zod';

// Extension pages run under a CSP without 'unsafe-eval'; zod's JIT probe (`new Function`) is caught but
// still reported as a CSP violation. lib/octopus is the only zod user, so it owns this switch.
z.config({ jitless: true });

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an Octopus JSON date (`2024-08-02T05:07:42.445+00:00`, or `…15.9395818Z` from the Insights API)
 * to UTC epoch milliseconds; `undefined` when the text is not such a date.
 *
 * Stricter than `Date.parse` on purpose: a date without an offset would be read in the browser's time
 * zone, and human text such as Task `Completed` ("Friday, July 14, 2017 4:22 PM") would parse too.
 * Fractions beyond milliseconds (.NET ticks) are truncated.
 */
export function parseOctopusDate(text: string): number | undefined {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Date.UTC reads years 0–99 as 1900–1999; .NET's unset DateTimeOffset is 0001-01-01.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year, month - 1, day);
  const local = date.getTime();
  // Date.UTC rolls 31 February over into March; reject instead.
  if (new Date(local).getUTCDate() !== day) return undefined;
  if (m[8] === 'Z') return local;
  const [offsetHours, offsetMins] = [Number(m[10]), Number(m[11])];
  if (offsetHours > 23 || offsetMins > 59) return undefined;
  const offsetMs = (offsetHours * 60 + offsetMins) * 60_000;
  // +10:00 means local time is ahead of UTC, so UTC = local - offset.
  return m[9] === '-' ? local + offsetMs : local - offsetMs;
}

/** An Octopus date string in, UTC epoch milliseconds out. */
export const dateMs = z.string().transform((text, ctx) => {
  const ms = parseOctopusDate(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not an ISO 8601 date with offset: "${text}"` });
    return z.NEVER;
  }
  return ms;
});

/**
 * A list of ids Octopus always sends as an array, but which older servers omit or send as null;
 * both read as "none" (`[]`).
 */
export const idList = z
  .array(z.string())
  .nullish()
  .transform((ids) => ids ?? []);

/** Names each resource schema, so a failed validation can say "Deployment" instead of "object". */
export const resourceNames = z.registry<{ resource: string }>();

export function named<S extends z.ZodType>(resource: string, schema: S): S {
  resourceNames.add(schema, { resource });
  return schema;
}

export function resourceNameOf(schema: z.ZodType): string | undefined {
  return resourceNames.get(schema)?.resource;
}

const CollectionLinksSchema = z.object({
  /** Present only while more pages exist. */
  'Page.Next': z.string().optional(),
});

/**
 * Octopus's paged envelope (`ResourceCollection`): only what the client reads. We page by skip/take and use
 * `TotalResults` and `Page.Next` as "there is more". `NumberOfPages`, `LastPageNumber` and `ItemsPerPage`
 * are not read (Octopus 3.x's envelope had no page counts, and had `IsStale` instead); `ItemType` only
 * names the resource in a schema report.
 */
export function collection<S extends z.ZodType>(itemSchema: S) {
  return z.object({
    ItemType: z.string().optional(),
    TotalResults: z.number().int().nonnegative(),
    Items: z.array(itemSchema),
    Links: CollectionLinksSchema,
  });
}

export const TASK_STATES = [
  'Queued',
  'Executing',
  'Failed',
  'Canceled',
  'TimedOut',
  'Success',
  'Cancelling',
] as const;
export const TaskStateSchema = z.enum(TASK_STATES);
