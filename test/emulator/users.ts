/**
 * The people who can sign in to the emulator (`POST /api/users/login`), and the others who appear in the
 * history as deployers.
 *
 * - `admin` sees everything in every space.
 * - `restricted` is a read-only member of one team in Spaces-1: some projects (the first half of the
 *   project groups), every environment but one (Staging), and some tenants (the first half); nothing in
 *   the other spaces; no DefectReport/DefectResolve/TaskEdit. The exact ids are in its
 *   UserPermissionSetResource: `history().Users`, or `GET /api/users/Users-2/permissions` as that user.
 */
import type { UserResource } from './history-file';

export interface EmulatorUser {
  id: string;
  username: string;
  password: string;
  displayName: string;
  emailAddress: string;
  description: string;
}

export const EMULATOR_USERS = {
  admin: {
    id: 'Users-1',
    username: 'admin',
    password: 'octopus',
    displayName: 'Administrator',
    emailAddress: 'admin@octopus.example',
    description: 'Octopus administrator: every space, project, environment and tenant.',
  },
  restricted: {
    id: 'Users-2',
    username: 'restricted',
    password: 'octopus',
    displayName: 'Riley Restricted',
    emailAddress: 'riley@octopus.example',
    description:
      'Spaces-1 only: projects of the first half of the project groups, every environment except Staging, ' +
      'the first half of the tenants; view permissions only.',
  },
} as const satisfies Record<string, EmulatorUser>;

/** People and robots who deploy (cannot sign in). */
export const DEPLOYERS = [
  { username: 'jane.doe', displayName: 'Jane Doe', isService: false },
  { username: 'sam.lee', displayName: 'Sam Lee', isService: false },
  { username: 'priya.patel', displayName: 'Priya Patel', isService: false },
  { username: 'marco.rossi', displayName: 'Marco Rossi', isService: false },
  { username: 'build-server', displayName: 'Build Server', isService: true },
] as const;

export function userResource(
  id: string,
  username: string,
  displayName: string,
  email: string | null,
  isService: boolean,
): UserResource {
  return {
    Id: id,
    Username: username,
    DisplayName: displayName,
    IsActive: true,
    IsService: isService,
    EmailAddress: email,
    CanPasswordBeEdited: !isService,
    IsRequestor: false,
    Identities: isService
      ? []
      : [
          {
            IdentityProviderName: 'Octopus ID',
            Claims: {
              email: { Value: email, IsIdentifyingClaim: true },
              dn: { Value: displayName, IsIdentifyingClaim: false },
            },
          },
        ],
    Links: {
      Self: `/api/users/${id}`,
      Permissions: `/api/users/${id}/permissions`,
      PermissionsConfiguration: `/api/users/${id}/permissions/configuration`,
      Spaces: `/api/users/${id}/spaces`,
      Teams: `/api/users/${id}/teams{?spaces,includeSystem}`,
      ApiKeys: `/api/users/${id}/apikeys{/id}{?skip,take}`,
      Avatar: `/api/users/${id}/avatar`,
    },
  };
}
