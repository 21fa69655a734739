/** The server, the signed-in user, and the space being synced. */
import { z } from 'zod';
import { named } from './common';

/**
 * `GET /api`: public on every Octopus version. `Version` and `Links` tell what the server offers
 * (../server-info.ts). `InstallationId` names the session cookie (`OctopusIdentificationToken_<InstallationId>`).
 */
export const ApiRootSchema = named(
  'ApiRoot',
  z.object({
    Application: z.string().optional(),
    Version: z.string(),
    InstallationId: z.string().optional(),
    Links: z.record(z.string(), z.string()),
  }),
);
export type ApiRoot = z.infer<typeof ApiRootSchema>;

/** `GET /api/users/me`. */
export const UserSchema = named(
  'User',
  z.object({
    /**
     * `Users-N`. It names the user's cache database and storage keys (`dora-lens:{server}:{user}`), so a
     * server's text with a separator in it must not reach them: it could name another server's cache.
     */
    Id: z.string().regex(/^[\w-]{1,100}$/, 'an Octopus user id (letters, digits, "-")'),
    Username: z.string(),
    DisplayName: z.string(),
  }),
);
export type User = z.infer<typeof UserSchema>;

/** `GET /api/spaces/{id}`: the space's name, for the cache. */
export const SpaceSchema = named(
  'Space',
  z.object({
    Id: z.string(),
    Name: z.string(),
  }),
);
export type Space = z.infer<typeof SpaceSchema>;
