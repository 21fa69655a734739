/**
 * The emulator's history file: Octopus-shaped resources, one document per installation.
 *
 * Every resource is exactly what the emulator serves for an unrestricted user (the `admin`), so a test can
 * compare API responses with these objects. Two emulator-only record kinds exist because Octopus keeps
 * that history in places the REST API does not expose as resources: `Defects` carry their release and
 * timestamps (the API's DefectResource has neither), and `TaskStateEdits` record a task state changed
 * after the fact (`POST /api/tasks/{id}/state`). Events are not stored: they are derived from the rest
 * (see README.md, "Events"). The format is documented in README.md.
 */

export const HISTORY_FORMAT = 'dora-lens-emulator-history';
export const HISTORY_VERSION = 1;

export type Links = Record<string, string>;

export const TASK_STATES = ['Queued', 'Executing', 'Failed', 'Canceled', 'TimedOut', 'Success', 'Cancelling'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface ResourceCollection<T> {
  ItemType: string;
  TotalResults: number;
  ItemsPerPage: number;
  NumberOfPages: number;
  LastPageNumber: number;
  Items: T[];
  Links: Links;
}

export interface OctopusError {
  ErrorMessage: string;
  Errors: string[];
  FullException?: string | null;
  HelpText?: string | null;
  HelpLink?: string | null;
  ParsedHelpLinks: string[];
  Details: Record<string, unknown>;
}

export interface SpaceResource {
  Id: string;
  Name: string;
  Slug: string;
  Description: string | null;
  IsDefault: boolean;
  IsPrivate: boolean;
  TaskQueueStopped: boolean;
  SpaceManagersTeams: string[];
  SpaceManagersTeamMembers: string[];
  Icon: { Id: string; Color: string } | null;
  ExtensionSettings: unknown[];
  Links: Links;
}

export interface ProjectGroupResource {
  Id: string;
  Name: string;
  Slug: string;
  Description: string | null;
  EnvironmentIds: string[];
  RetentionPolicyId: string | null;
  SpaceId: string;
  Links: Links;
}

export interface RetentionPolicy {
  Unit: 'Days' | 'Items';
  QuantityToKeep: number;
  ShouldKeepForever: boolean;
}

export interface LifecyclePhase {
  Id: string;
  Name: string;
  AutomaticDeploymentTargets: string[];
  OptionalDeploymentTargets: string[];
  MinimumEnvironmentsBeforePromotion: number;
  IsOptionalPhase: boolean;
  IsPriorityPhase: boolean;
  ReleaseRetentionPolicy: RetentionPolicy | null;
  TentacleRetentionPolicy: RetentionPolicy | null;
}

export interface LifecycleResource {
  Id: string;
  Name: string;
  Slug: string;
  Description: string | null;
  Phases: LifecyclePhase[];
  ReleaseRetentionPolicy: RetentionPolicy;
  TentacleRetentionPolicy: RetentionPolicy;
  SpaceId: string;
  Links: Links;
}

export interface EnvironmentResource {
  Id: string;
  Name: string;
  Slug: string;
  Description: string | null;
  SortOrder: number;
  UseGuidedFailure: boolean;
  AllowDynamicInfrastructure: boolean;
  ExtensionSettings: unknown[];
  SpaceId: string;
  Links: Links;
}

export type TenantedDeploymentMode = 'Untenanted' | 'TenantedOrUntenanted' | 'Tenanted';

export interface ProjectResource {
  Id: string;
  SpaceId: string;
  VariableSetId: string;
  DeploymentProcessId: string;
  ClonedFromProjectId: string | null;
  DiscreteChannelRelease: boolean;
  IncludedLibraryVariableSetIds: string[];
  DefaultToSkipIfAlreadyInstalled: boolean;
  TenantedDeploymentMode: TenantedDeploymentMode;
  DefaultGuidedFailureMode: 'EnvironmentDefault' | 'Off' | 'On';
  VersioningStrategy: { Template: string | null; DonorPackage: unknown; DonorPackageStepId: string | null };
  ReleaseCreationStrategy: {
    ChannelId: string | null;
    ReleaseCreationPackage: unknown;
    ReleaseCreationPackageStepId: string | null;
  };
  Templates: unknown[];
  AutoDeployReleaseOverrides: unknown[];
  ReleaseNotesTemplate: string | null;
  DeploymentChangesTemplate: string | null;
  ForcePackageDownload: boolean;
  Icon: { Id: string; Color: string } | null;
  AllowIgnoreChannelRules: boolean;
  ExtensionSettings: unknown[];
  Name: string;
  Slug: string;
  Description: string | null;
  IsDisabled: boolean;
  ProjectGroupId: string;
  LifecycleId: string;
  AutoCreateRelease: boolean;
  IsVersionControlled: boolean;
  PersistenceSettings: { Type: 'Database' };
  ProjectConnectivityPolicy: {
    SkipMachineBehavior: string;
    TargetRoles: string[];
    AllowDeploymentsToNoTargets: boolean;
    ExcludeUnhealthyTargets: boolean;
  };
  Links: Links;
}

export interface ChannelResource {
  Id: string;
  Name: string;
  Slug: string;
  Description: string | null;
  ProjectId: string;
  LifecycleId: string | null;
  IsDefault: boolean;
  Rules: unknown[];
  TenantTags: string[];
  SpaceId: string;
  Links: Links;
}

export interface TagResource {
  Id: string;
  Name: string;
  Color: string;
  Description: string | null;
  SortOrder: number;
  CanonicalTagName: string;
}

export interface TagSetResource {
  Id: string;
  Name: string;
  Description: string | null;
  SortOrder: number;
  Tags: TagResource[];
  SpaceId: string;
  Links: Links;
}

export interface TenantResource {
  Id: string;
  Name: string;
  Slug: string;
  Description: string | null;
  TenantTags: string[];
  ProjectEnvironments: Record<string, string[]>;
  ClonedFromTenantId: string | null;
  IsDisabled: boolean;
  Icon: { Id: string; Color: string } | null;
  SpaceId: string;
  Links: Links;
}

export interface SelectedPackage {
  ActionName: string;
  PackageReferenceName: string;
  Version: string;
  StepName: string;
}

export interface ReleaseResource {
  Id: string;
  SpaceId: string;
  ProjectId: string;
  Version: string;
  ChannelId: string;
  ReleaseNotes: string | null;
  ProjectDeploymentProcessSnapshotId: string;
  IgnoreChannelRules: boolean;
  BuildInformation: unknown[];
  Assembled: string;
  LibraryVariableSetSnapshotIds: string[];
  SelectedPackages: SelectedPackage[];
  SelectedGitResources: unknown[];
  ProjectVariableSetSnapshotId: string;
  VersionControlReference: null;
  Links: Links;
}

export interface DeploymentResource {
  Id: string;
  SpaceId: string;
  ReleaseId: string;
  ChannelId: string;
  DeploymentProcessId: string;
  Changes: unknown[];
  ChangesMarkdown: string;
  EnvironmentId: string;
  TenantId: string | null;
  ForcePackageDownload: boolean;
  ForcePackageRedeployment: boolean;
  SkipActions: string[];
  SpecificMachineIds: string[];
  ExcludedMachineIds: string[];
  ManifestVariableSetId: string;
  TaskId: string;
  ProjectId: string;
  UseGuidedFailure: boolean;
  Comments: string | null;
  FormValues: Record<string, unknown>;
  QueueTime: string | null;
  QueueTimeExpiry: string | null;
  Name: string;
  Created: string;
  Priority: 'LifecycleDefault' | 'On' | 'Off';
  TentacleRetentionPeriod: null;
  ChangeRequestSettings: null;
  DeployedBy: string;
  DeployedById: string;
  FailureEncountered: boolean;
  DeployedToMachineIds: string[];
  Links: Links;
}

export type InterruptionType = 'GuidedFailure' | 'ManualIntervention';

export interface InterruptionResource {
  Id: string;
  SpaceId: string;
  Title: string;
  Type: InterruptionType;
  Created: string;
  IsPending: boolean;
  Form: { Values: Record<string, string | null>; Elements: unknown[] };
  RelatedDocumentIds: string[];
  ResponsibleTeamIds: string[];
  ResponsibleUserId: string | null;
  CanTakeResponsibility: boolean;
  HasResponsibility: boolean;
  TaskId: string;
  CorrelationId: string;
  IsLinkedToOtherInterruption: boolean;
  Links: Links;
}

export interface TaskResource {
  Id: string;
  SpaceId: string | null;
  Name: string;
  Description: string;
  Arguments: Record<string, unknown>;
  State: TaskState;
  Completed: string | null;
  QueueTime: string;
  QueueTimeExpiry: string | null;
  StartTime: string | null;
  LastUpdatedTime: string;
  CompletedTime: string | null;
  ServerNode: string | null;
  Duration: string | null;
  ErrorMessage: string | null;
  HasBeenPickedUpByProcessor: boolean;
  IsCompleted: boolean;
  FinishedSuccessfully: boolean;
  HasPendingInterruptions: boolean;
  CanRerun: boolean;
  HasWarningsOrErrors: boolean;
  ProjectId: string | null;
  UnmetPreconditions: null;
  EstimatedRemainingQueueDurationSeconds: number;
  PendingInterruptionTypes: InterruptionType[];
  PendingPreconditionTypes: string[];
  HasPendingPreconditions: boolean;
  Links: Links;
}

export interface DefectResource {
  Id: string;
  Description: string;
  Status: 'Unresolved' | 'Resolved';
  Links: Links;
}

/** A defect as the history keeps it: Octopus's DefectResource plus what the API does not expose. */
export interface HistoryDefect extends DefectResource {
  ReleaseId: string;
  /** When it was reported ("prevent progression"). */
  Created: string;
  CreatedById: string | null;
  /** When it was resolved ("unblock"), null while unresolved. */
  ResolvedOn: string | null;
  ResolvedById: string | null;
}

/** A task state changed after the task finished (`POST /api/tasks/{id}/state`). */
export interface HistoryTaskStateEdit {
  TaskId: string;
  PreviousState: TaskState;
  State: TaskState;
  Reason: string | null;
  Occurred: string;
  UserId: string;
}

export interface EventResource {
  Id: string;
  RelatedDocumentIds: string[];
  Category: string;
  UserId: string;
  Username: string;
  IsService: boolean;
  IdentityEstablishedWith: string;
  UserAgent: string;
  Occurred: string;
  Message: string;
  MessageHtml: string;
  MessageReferences: { ReferencedDocumentId: string; StartIndex: number; Length: number }[];
  Comments: string | null;
  Details: string | null;
  ChangeDetails: { DocumentContext: null; Differences: null };
  IpAddress: string | null;
  SpaceId: string;
  Links: Links;
}

export interface UserResource {
  Id: string;
  Username: string;
  DisplayName: string;
  IsActive: boolean;
  IsService: boolean;
  EmailAddress: string | null;
  CanPasswordBeEdited: boolean;
  IsRequestor: boolean;
  Identities: { IdentityProviderName: string; Claims: Record<string, unknown> }[];
  Links: Links;
}

export interface PermissionRestriction {
  SpaceId: string | null;
  RestrictedToProjectIds: string[];
  RestrictedToEnvironmentIds: string[];
  RestrictedToTenantIds: string[];
  RestrictedToProjectGroupIds: string[];
}

export interface UserPermissionSetResource {
  Id: string;
  SpacePermissions: Record<string, PermissionRestriction[]>;
  SystemPermissions: string[];
  Teams: { Id: string; Name: string; SpaceId: string | null }[];
  IsTeamsComplete: boolean;
  IsPermissionsComplete: boolean;
  Links: Links;
}

/** A user of the installation. `Password` is set only for users who can sign in to the emulator. */
export interface HistoryUser {
  User: UserResource;
  Password: string | null;
  Permissions: UserPermissionSetResource;
}

export interface HistorySpace {
  Space: SpaceResource;
  ProjectGroups: ProjectGroupResource[];
  Lifecycles: LifecycleResource[];
  Environments: EnvironmentResource[];
  Projects: ProjectResource[];
  Channels: ChannelResource[];
  TagSets: TagSetResource[];
  Tenants: TenantResource[];
  /** Oldest first, as are all lists below. */
  Releases: ReleaseResource[];
  Deployments: DeploymentResource[];
  Tasks: TaskResource[];
  Interruptions: InterruptionResource[];
  Defects: HistoryDefect[];
  TaskStateEdits: HistoryTaskStateEdit[];
}

export interface HistoryFile {
  Format: typeof HISTORY_FORMAT;
  Version: typeof HISTORY_VERSION;
  InstallationId: string;
  /** The emulator's clock: the history is the server's state at this instant. */
  Now: string;
  /** How it was generated, when it was (informational). */
  Generator: { Scale: string; Seed: number } | null;
  Users: HistoryUser[];
  Spaces: HistorySpace[];
}
