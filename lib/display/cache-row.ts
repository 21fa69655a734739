/** A row of the options page's table: what DORA Lens keeps for one server (base URL) and Octopus user: the cached history and saved reports. */
export interface CacheRow {
  server: string;
  userId: string;
  /** Whether DORA Lens may still reach the server (a revoked one's data is only kept until deleted). */
  enabled?: boolean;
  /** Saved space reports of this user on this server. */
  reports?: number;
  /** False when only reports are kept (the cached history was cleared). */
  cached?: boolean;
  /** Known only when that user is the one signed in on the server now. */
  userName?: string;
  bytes?: number;
  deployments?: number;
  releases?: number;
  /** Why the size could not be read. */
  error?: string;
}
