/** `/api/Spaces-1/projects`: every segment encoded, since ids and slugs come from URLs and the server. */
export const apiPath = (...segments: string[]): string =>
  `/api/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;

/** Octopus filters take dates as ISO 8601; we hold epoch ms. */
export const isoDate = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();
