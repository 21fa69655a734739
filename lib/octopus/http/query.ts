/** Query strings the way Octopus reads them. */

export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

/**
 * `?a=1&ids=Deployments-1,Deployments-2`. Multi-value filters are comma-separated (Octopus's convention),
 * with the commas left literal: each value is encoded on its own, which keeps 300-id batches short.
 * `undefined`, `null` and empty arrays are left out; an empty filter means "no filter" to Octopus, so
 * callers that mean "nothing" must not make the request at all.
 */
export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      parts.push(`${encodeURIComponent(key)}=${value.map((v) => encodeURIComponent(String(v))).join(',')}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
