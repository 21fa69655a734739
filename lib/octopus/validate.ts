/**
 * Turns raw JSON into a parsed value or a {@link SchemaMismatch} that says what, where and how many.
 * All or nothing: a single failing item fails the whole response.
 */
import type { z } from 'zod';
import { type SchemaIssue, SchemaMismatch } from './errors';

const MAX_REPORTED_ISSUES = 5;
const MAX_REPORTED_IDS = 50;

export interface ValidationTarget {
  /** Resource name for the report, e.g. `Deployment`. */
  resource: string;
  /** The response is Octopus's paged envelope: failures are counted per entry of `Items`. */
  paged: boolean;
}

export function validate<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  url: string,
  target: ValidationTarget,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw describeMismatch(result.error.issues, raw, url, target);
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { Id?: unknown }).Id;
  return typeof id === 'string' ? id : undefined;
}

function describeMismatch(
  zodIssues: readonly z.core.$ZodIssue[],
  raw: unknown,
  url: string,
  { resource, paged }: ValidationTarget,
): SchemaMismatch {
  const rawItems = paged ? (raw as { Items?: unknown } | null)?.Items : undefined;
  const items = Array.isArray(rawItems) ? rawItems : undefined;

  const failedIndexes = new Set<number>();
  const fieldPaths = new Set<string>();
  const issues: SchemaIssue[] = [];
  let envelopeFailed = false;

  for (const zodIssue of zodIssues) {
    const path = zodIssue.path.map(String);
    const [head, index] = zodIssue.path;
    const inItem = items !== undefined && head === 'Items' && typeof index === 'number';
    let issue: SchemaIssue;
    if (inItem) {
      failedIndexes.add(index);
      issue = { itemIndex: index, itemId: idOf(items[index]), field: path.slice(2).join('.'), message: zodIssue.message };
    } else {
      envelopeFailed = true;
      issue = { itemId: paged ? undefined : idOf(raw), field: path.join('.'), message: zodIssue.message };
    }
    fieldPaths.add(issue.field || '(whole item)');
    if (issues.length < MAX_REPORTED_ISSUES) issues.push(issue);
  }

  const itemIds = paged
    ? [...failedIndexes].flatMap((i) => idOf(items?.[i]) ?? []).slice(0, MAX_REPORTED_IDS)
    : [idOf(raw)].filter((id): id is string => id !== undefined);

  // A broken envelope (no Items, no TotalResults) is reported as one failed page.
  const itemFailures = failedIndexes.size > 0;
  return new SchemaMismatch(url, {
    resource: paged && envelopeFailed && !itemFailures ? `${resource} page` : resource,
    failedCount: itemFailures ? failedIndexes.size : 1,
    totalCount: itemFailures ? (items?.length ?? 1) : 1,
    itemIds,
    fieldPaths: [...fieldPaths],
    issues,
  });
}
