/**
 * Octopus JSON for history rows, built per request from the columns: field names, order, id formats,
 * dates and links as Octopus sends them (docs/octopus-api.md §2). Everything here is a pure function of
 * the store at `now`, so a loaded history file reproduces every response exactly.
 */
import type {
  DefectResource,
  DeploymentResource,
  EventResource,
  HistoryDefect,
  HistoryTaskStateEdit,
  InterruptionResource,
  ReleaseResource,
  TaskResource,
} from './history-file';
import { completedText, durationText, eventMessageDate, octopusDate, octopusDateStrict } from './octopus-time';
import { hashInts } from './random';
import {
  EVENT_CATEGORIES,
  EventKind,
  GUIDANCE,
  INTERRUPTION_TYPES,
  InterruptionKind,
  State,
  type Store,
  stateName,
  TaskKind,
} from './store';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A short stable code like Octopus's snapshot suffixes ("CGNSF"). */
function code(seed: number, length: number): string {
  let h = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    h = hashInts(h, i, 0x51ed);
    out += LETTERS[h % LETTERS.length];
  }
  return out;
}

function hex(seed: number, length: number): string {
  let out = '';
  let h = seed >>> 0;
  while (out.length < length) {
    h = hashInts(h, out.length, 0x2bd);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

const spaceIdOfProject = (s: Store, project: number) => s.projects[project].SpaceId;

export function deploymentProcessSnapshotId(s: Store, r: number): string {
  const projectId = s.projects[s.releases.project[r]].Id;
  const n = s.releases.id[r];
  return `deploymentprocess-${projectId}-s-${1 + (hashInts(n, 3) % 40)}-${code(n, 5)}`;
}

export function releaseJson(s: Store, r: number): ReleaseResource {
  const rel = s.releases;
  const project = rel.project[r];
  const p = s.projects[project];
  const spaceId = p.SpaceId;
  const id = `Releases-${rel.id[r]}`;
  const channelId = s.channels[rel.channel[r]].Id;
  const version = rel.version[r];
  const n = rel.id[r];
  const base = `/api/${spaceId}/releases/${id}`;
  return {
    Id: id,
    SpaceId: spaceId,
    ProjectId: p.Id,
    Version: version,
    ChannelId: channelId,
    ReleaseNotes: s.strings.get(rel.notes[r]),
    ProjectDeploymentProcessSnapshotId: deploymentProcessSnapshotId(s, r),
    IgnoreChannelRules: false,
    BuildInformation: [],
    Assembled: octopusDateStrict(rel.assembled[r]),
    LibraryVariableSetSnapshotIds: [],
    SelectedPackages: [{ ActionName: 'Deploy package', PackageReferenceName: '', Version: version, StepName: 'Deploy package' }],
    SelectedGitResources: [],
    ProjectVariableSetSnapshotId: `variableset-${p.Id}-s-${1 + (hashInts(n, 5) % 60)}-${code(n ^ 0x5a5a, 5)}`,
    VersionControlReference: null,
    Links: {
      Self: base,
      Project: `/api/${spaceId}/projects/${p.Id}`,
      Channel: `/api/${spaceId}/channels/${channelId}`,
      Progression: `${base}/progression`,
      Deployments: `${base}/deployments{?skip,take}`,
      DeploymentTemplate: `${base}/deployments/template`,
      Artifacts: `/api/${spaceId}/artifacts?regarding=${id}`,
      ProjectVariableSnapshot: `/api/${spaceId}/variables/variableset-${p.Id}`,
      Web: `/app#/${spaceId}/releases/${id}`,
      SnapshotVariables: `${base}/snapshot-variables`,
      Defects: `${base}/defects`,
      ReportDefect: `${base}/defects`,
      ResolveDefect: `${base}/defects/resolve`,
      DeploymentPreviews: `${base}/deployments/previews`,
    },
  };
}

/** "Deploy to Production", or "Deploy to Production for Acme Corp" when tenanted. */
export function deploymentName(s: Store, d: number): string {
  const deps = s.deployments;
  const tenant = deps.tenant[d];
  const env = s.environments[deps.environment[d]].Name;
  return tenant >= 0 ? `Deploy to ${env} for ${s.tenants[tenant].Name}` : `Deploy to ${env}`;
}

/** Task description: "Deploy Acme.Web release 1.2.3 to Production" (+ " for <tenant>"). */
export function deployTaskDescription(s: Store, d: number): string {
  const deps = s.deployments;
  const tenant = deps.tenant[d];
  const base = `Deploy ${s.projects[deps.project[d]].Name} release ${s.releases.version[deps.release[d]]} to ${
    s.environments[deps.environment[d]].Name
  }`;
  return tenant >= 0 ? `${base} for ${s.tenants[tenant].Name}` : base;
}

function failureEncountered(s: Store, d: number): boolean {
  const t = s.deployments.task[d];
  if (s.hadGuidedFailure(t)) return true;
  return s.tasks.completed[t] <= s.now && s.tasks.outcome[t] === State.Failed;
}

export function deploymentJson(s: Store, d: number): DeploymentResource {
  const deps = s.deployments;
  const project = deps.project[d];
  const p = s.projects[project];
  const spaceId = p.SpaceId;
  const id = `Deployments-${deps.id[d]}`;
  const release = deps.release[d];
  const releaseId = `Releases-${s.releases.id[release]}`;
  const environmentId = s.environments[deps.environment[d]].Id;
  const tenant = deps.tenant[d];
  const taskId = `ServerTasks-${s.tasks.id[deps.task[d]]}`;
  const user = s.users[deps.deployedBy[d]]?.User;
  const processId = deploymentProcessSnapshotId(s, release);
  return {
    Id: id,
    SpaceId: spaceId,
    ReleaseId: releaseId,
    ChannelId: s.channels[deps.channel[d]].Id,
    DeploymentProcessId: processId,
    Changes: [],
    ChangesMarkdown: '',
    EnvironmentId: environmentId,
    TenantId: tenant >= 0 ? s.tenants[tenant].Id : null,
    ForcePackageDownload: false,
    ForcePackageRedeployment: (deps.flags[d] & 2) !== 0,
    SkipActions: [],
    SpecificMachineIds: [],
    ExcludedMachineIds: [],
    ManifestVariableSetId: `variableset-${id}`,
    TaskId: taskId,
    ProjectId: p.Id,
    UseGuidedFailure: (deps.flags[d] & 1) !== 0,
    Comments: null,
    FormValues: {},
    QueueTime: octopusDate(deps.queueTime[d]),
    QueueTimeExpiry: octopusDate(deps.queueTimeExpiry[d]),
    Name: deploymentName(s, d),
    Created: octopusDateStrict(deps.created[d]),
    Priority: 'LifecycleDefault',
    TentacleRetentionPeriod: null,
    ChangeRequestSettings: null,
    DeployedBy: user?.DisplayName ?? 'System',
    DeployedById: user?.Id ?? 'users-system',
    FailureEncountered: failureEncountered(s, d),
    DeployedToMachineIds: [],
    Links: {
      Self: `/api/${spaceId}/deployments/${id}`,
      Release: `/api/${spaceId}/releases/${releaseId}`,
      Environment: `/api/${spaceId}/environments/${environmentId}`,
      Project: `/api/${spaceId}/projects/${p.Id}`,
      Task: `/api/tasks/${taskId}`,
      Web: `/app#/${spaceId}/deployments/${id}`,
      Artifacts: `/api/${spaceId}/artifacts?regarding=${id}`,
      Interruptions: `/api/${spaceId}/interruptions?regarding=${id}`,
      DeploymentProcess: `/api/${spaceId}/deploymentprocesses/${processId}`,
      Variables: `/api/${spaceId}/variables/variableset-${id}`,
    },
  };
}

const FAILED_MESSAGE =
  'The deployment failed because one or more steps failed. Please see the deployment log for details.';
const CANCELED_MESSAGE = 'The task was canceled.';
const TIMED_OUT_MESSAGE = 'The task was not started before its queue time expired.';

function errorMessage(s: Store, t: number, state: number): string | null {
  const edit = s.tasks.edit[t];
  if (edit >= 0 && (state === State.Failed || state === State.Canceled)) {
    const reason = s.edits[edit].reason;
    return reason ? reason : state === State.Failed ? FAILED_MESSAGE : CANCELED_MESSAGE;
  }
  if (state === State.Failed) return FAILED_MESSAGE;
  if (state === State.Canceled) return CANCELED_MESSAGE;
  if (state === State.TimedOut) return TIMED_OUT_MESSAGE;
  return null;
}

export function taskDescription(s: Store, t: number): string {
  const d = s.tasks.deployment[t];
  if (s.tasks.kind[t] === TaskKind.Deploy && d >= 0) return deployTaskDescription(s, d);
  return s.strings.get(s.tasks.description[t]) ?? '';
}

export function taskJson(s: Store, t: number): TaskResource {
  const tasks = s.tasks;
  const now = s.now;
  const id = `ServerTasks-${tasks.id[t]}`;
  const space = tasks.space[t];
  const spaceId = space >= 0 ? s.spaces[space].Id : null;
  const state = s.taskState(t);
  const d = tasks.deployment[t];
  const isDeploy = tasks.kind[t] === TaskKind.Deploy && d >= 0;
  const start = tasks.start[t] <= now ? tasks.start[t] : Number.NaN;
  const completed = tasks.completed[t] <= now ? tasks.completed[t] : Number.NaN;
  const pending = s.pendingInterruptionKinds(t);
  const pendingTypes = INTERRUPTION_TYPES.filter((_, kind) => (pending & (1 << kind)) !== 0);
  const created = isDeploy ? s.deployments.created[d] : tasks.queueTime[t];
  let lastUpdated = Number.isNaN(completed) ? (Number.isNaN(start) ? created : start) : completed;
  const interruptions = s.interruptionsByTask.get(t);
  if (interruptions && Number.isNaN(completed)) {
    for (const i of interruptions) {
      const at = s.interruptions.created[i];
      if (at <= now && at > lastUpdated) lastUpdated = at;
    }
  }
  const edit = tasks.edit[t];
  if (edit >= 0 && s.edits[edit].occurred > lastUpdated) lastUpdated = s.edits[edit].occurred;
  const began = Number.isNaN(start) ? tasks.queueTime[t] : start;
  const hadGf = s.hadGuidedFailure(t);
  return {
    Id: id,
    SpaceId: spaceId,
    Name: isDeploy ? 'Deploy' : (s.strings.get(tasks.name[t]) ?? 'Task'),
    Description: taskDescription(s, t),
    Arguments: isDeploy ? { DeploymentId: `Deployments-${s.deployments.id[d]}` } : {},
    State: stateName(state),
    Completed: Number.isNaN(completed) ? null : completedText(completed),
    QueueTime: octopusDateStrict(tasks.queueTime[t]),
    QueueTimeExpiry: octopusDate(tasks.queueTimeExpiry[t]),
    StartTime: octopusDate(start),
    LastUpdatedTime: octopusDateStrict(lastUpdated),
    CompletedTime: octopusDate(completed),
    ServerNode: Number.isNaN(start) ? null : `OCTOPUS-NODE-0${tasks.node[t] + 1}`,
    Duration:
      Number.isNaN(completed) && Number.isNaN(start)
        ? null
        : durationText((Number.isNaN(completed) ? now : completed) - began),
    ErrorMessage: Number.isNaN(completed) ? null : errorMessage(s, t, state),
    HasBeenPickedUpByProcessor: !Number.isNaN(start),
    IsCompleted: !Number.isNaN(completed),
    FinishedSuccessfully: state === State.Success,
    HasPendingInterruptions: pending !== 0,
    CanRerun: false,
    HasWarningsOrErrors:
      (tasks.flags[t] & 1) !== 0 || hadGf || (!Number.isNaN(completed) && tasks.outcome[t] === State.Failed),
    ProjectId: isDeploy ? s.projects[s.deployments.project[d]].Id : null,
    UnmetPreconditions: null,
    // From what is visible only (a scheduled start), not from the plan, so loaded histories agree.
    EstimatedRemainingQueueDurationSeconds:
      Number.isNaN(start) && tasks.queueTime[t] > now ? Math.round((tasks.queueTime[t] - now) / 1000) : 0,
    PendingInterruptionTypes: pendingTypes,
    PendingPreconditionTypes: [],
    HasPendingPreconditions: false,
    Links: {
      Self: `/api/tasks/${id}`,
      Web: `/app#/${spaceId ?? 'Spaces-1'}/tasks/${id}`,
      Raw: `/api/tasks/${id}/raw`,
      Rerun: `/api/tasks/rerun/${id}`,
      Cancel: `/api/tasks/${id}/cancel`,
      State: `/api/tasks/${id}/state`,
      QueuedBehind: `/api/tasks/${id}/queued-behind{?skip,take}`,
      Details: `/api/tasks/${id}/details{?verbose,tail,ranges}`,
      Artifacts: `/api/${spaceId}/artifacts?regarding=${id}`,
      Interruptions: `/api/${spaceId}/interruptions?regarding=${id}`,
    },
  };
}

const GUIDED_FAILURE_ELEMENTS = [
  {
    Name: 'Instructions',
    Control: {
      Type: 'Paragraph',
      Text: "'Deploy package' on the deployment target failed. What would you like to do?",
      ResolveLinks: false,
    },
    IsValueRequired: false,
  },
  { Name: 'Notes', Control: { Type: 'TextArea', Label: 'Notes' }, IsValueRequired: false },
  {
    Name: 'Guidance',
    Control: {
      Type: 'SubmitButtonGroup',
      Buttons: [
        { Text: 'Fail', Value: 'Fail', RequiresConfirmation: false },
        { Text: 'Retry', Value: 'Retry', RequiresConfirmation: false },
        { Text: 'Ignore', Value: 'Ignore', RequiresConfirmation: false },
      ],
    },
    IsValueRequired: true,
  },
];

const MANUAL_INTERVENTION_ELEMENTS = [
  {
    Name: 'Instructions',
    Control: { Type: 'Paragraph', Text: 'Check the change ticket is approved, then proceed.', ResolveLinks: false },
    IsValueRequired: false,
  },
  { Name: 'Notes', Control: { Type: 'TextArea', Label: 'Notes' }, IsValueRequired: false },
  {
    Name: 'Result',
    Control: {
      Type: 'SubmitButtonGroup',
      Buttons: [
        { Text: 'Proceed', Value: 'Proceed', RequiresConfirmation: false },
        { Text: 'Abort', Value: 'Abort', RequiresConfirmation: true },
      ],
    },
    IsValueRequired: false,
  },
];

export function interruptionJson(s: Store, i: number, viewer: number, canSubmit: boolean): InterruptionResource {
  const it = s.interruptions;
  const t = it.task[i];
  const d = s.tasks.deployment[t];
  const deps = s.deployments;
  const spaceId = s.spaces[s.tasks.space[t]].Id;
  const id = `Interruptions-${it.id[i]}`;
  const taskId = `ServerTasks-${s.tasks.id[t]}`;
  const guided = it.kind[i] === InterruptionKind.GuidedFailure;
  const pending = s.isInterruptionPending(i);
  const answered = !pending && it.guidance[i] > 0;
  const responsible = answered && it.responsible[i] >= 0 ? s.users[it.responsible[i]].User.Id : null;
  const related: string[] = [];
  if (d >= 0) {
    const depId = `Deployments-${deps.id[d]}`;
    const projectId = s.projects[deps.project[d]].Id;
    const envId = s.environments[deps.environment[d]].Id;
    if (guided) related.push(taskId, depId, projectId, envId);
    else related.push(depId, taskId, projectId, envId);
    if (deps.tenant[d] >= 0) related.push(s.tenants[deps.tenant[d]].Id);
  } else related.push(taskId);
  const guidance = answered ? GUIDANCE[it.guidance[i]] : null;
  const n = it.id[i];
  return {
    Id: id,
    SpaceId: spaceId,
    Title: guided
      ? `${taskDescription(s, t)} requires failure guidance`
      : `Approve deployment to ${d >= 0 ? s.environments[deps.environment[d]].Name : 'Production'}`,
    Type: INTERRUPTION_TYPES[it.kind[i]],
    Created: octopusDateStrict(it.created[i]),
    IsPending: pending,
    Form: {
      Values: guided
        ? { Instructions: null, Notes: answered ? 'Investigated; see the deployment log.' : null, Guidance: guidance }
        : { Instructions: null, Notes: answered ? 'Change approved.' : null, Result: guidance },
      Elements: guided ? GUIDED_FAILURE_ELEMENTS : MANUAL_INTERVENTION_ELEMENTS,
    },
    RelatedDocumentIds: related,
    ResponsibleTeamIds: guided ? [] : [`teams-spacemanagers-${spaceId}`],
    ResponsibleUserId: responsible,
    CanTakeResponsibility: pending && canSubmit,
    HasResponsibility: responsible !== null && s.users[viewer]?.User.Id === responsible,
    TaskId: taskId,
    CorrelationId: `${taskId}_${code(n, 10)}/${hex(n, 32)}/${hex(n ^ 0x7777, 32)}`,
    IsLinkedToOtherInterruption: false,
    Links: {
      Self: `/api/${spaceId}/interruptions/${id}`,
      Submit: `/api/${spaceId}/interruptions/${id}/submit`,
      Responsible: `/api/${spaceId}/interruptions/${id}/responsible`,
    },
  };
}

export function defectJson(s: Store, at: number): DefectResource {
  const defect = s.defects[at];
  const spaceId = spaceIdOfProject(s, s.releases.project[defect.release]);
  const releaseId = `Releases-${s.releases.id[defect.release]}`;
  return {
    Id: `Defects-${defect.id}`,
    Description: defect.description,
    Status: Number.isNaN(defect.resolved) ? 'Unresolved' : 'Resolved',
    Links: { Self: `/api/${spaceId}/releases/${releaseId}/defects/Defects-${defect.id}` },
  };
}

export function historyDefectJson(s: Store, at: number): HistoryDefect {
  const defect = s.defects[at];
  return {
    ...defectJson(s, at),
    ReleaseId: `Releases-${s.releases.id[defect.release]}`,
    Created: octopusDateStrict(defect.created),
    CreatedById: defect.createdBy >= 0 ? s.userId(defect.createdBy) : null,
    ResolvedOn: octopusDate(defect.resolved),
    ResolvedById: Number.isNaN(defect.resolved) || defect.resolvedBy < 0 ? null : s.userId(defect.resolvedBy),
  };
}

export function editJson(s: Store, at: number): HistoryTaskStateEdit {
  const e = s.edits[at];
  return {
    TaskId: `ServerTasks-${s.tasks.id[e.task]}`,
    PreviousState: stateName(e.previous),
    State: stateName(e.state),
    Reason: e.reason,
    Occurred: octopusDateStrict(e.occurred),
    UserId: s.userId(e.user),
  };
}

// ── events ─────────────────────────────────────────────────────────────────────────────────────────

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Builds Message, MessageHtml and MessageReferences together so the indexes always agree. */
class MessageBuilder {
  text = '';
  html = '';
  refs: EventResource['MessageReferences'] = [];

  plain(text: string): this {
    this.text += text;
    this.html += escapeHtml(text);
    return this;
  }

  link(text: string, documentId: string, route: string): this {
    this.refs.push({ ReferencedDocumentId: documentId, StartIndex: this.text.length, Length: text.length });
    this.text += text;
    this.html += `<a href='#/${route}/${documentId}'>${escapeHtml(text)}</a>`;
    return this;
  }
}

const SYSTEM_ACTOR = {
  UserId: 'users-system',
  Username: 'system',
  IsService: false,
  IdentityEstablishedWith: '',
  UserAgent: 'Server',
  IpAddress: null,
};

function actor(s: Store, user: number) {
  const u = s.users[user]?.User;
  if (!u) return SYSTEM_ACTOR;
  const ip = `10.20.${hashInts(user, 1) % 250}.${1 + (hashInts(user, 2) % 250)}`;
  return {
    UserId: u.Id,
    Username: u.Username,
    IsService: u.IsService,
    IdentityEstablishedWith: u.IsService ? `API key '${u.DisplayName}' created Mon, 08 Jan 2024 09:12:44 GMT` : 'Session cookie',
    UserAgent: u.IsService
      ? 'OctopusClient-dotnet/14.3.1286 (Linux 6.1.0-18-amd64; x64) NoneOrUnknown octo'
      : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    IpAddress: ip,
  };
}

/** The documents an event about a deployment relates to, in Octopus's order. */
function deploymentDocuments(s: Store, d: number) {
  const deps = s.deployments;
  const tenant = deps.tenant[d];
  return {
    deploymentId: `Deployments-${deps.id[d]}`,
    projectId: s.projects[deps.project[d]].Id,
    releaseId: `Releases-${s.releases.id[deps.release[d]]}`,
    environmentId: s.environments[deps.environment[d]].Id,
    tenantId: tenant >= 0 ? s.tenants[tenant].Id : null,
    taskId: `ServerTasks-${s.tasks.id[deps.task[d]]}`,
    channelId: s.channels[deps.channel[d]].Id,
  };
}

export function eventRelatedIds(s: Store, e: number): string[] {
  const ev = s.events;
  const kind = ev.kind[e];
  const d = ev.deployment[e];
  if (kind === EventKind.DefectReported || kind === EventKind.DefectResolved || kind === EventKind.ReleaseCreated) {
    const r = s.eventRelease(e);
    return [
      `Releases-${s.releases.id[r]}`,
      s.projects[s.releases.project[r]].Id,
      s.channels[s.releases.channel[r]].Id,
    ];
  }
  const docs = deploymentDocuments(s, d);
  const ids = [docs.deploymentId, docs.projectId, docs.releaseId, docs.environmentId];
  if (docs.tenantId) ids.push(docs.tenantId);
  ids.push(docs.taskId, docs.channelId);
  if (kind === EventKind.GuidedFailureInterruptionRaised || kind === EventKind.ManualInterventionInterruptionRaised) {
    ids.unshift(`Interruptions-${s.interruptions.id[ev.aux[e]]}`);
  }
  if (kind === EventKind.TaskStateChanged) {
    ids.splice(ids.indexOf(docs.taskId), 1);
    ids.unshift(docs.taskId);
  }
  return ids;
}

export function eventJson(s: Store, e: number): EventResource {
  const ev = s.events;
  const kind = ev.kind[e];
  const d = ev.deployment[e];
  const m = new MessageBuilder();
  let who = SYSTEM_ACTOR as ReturnType<typeof actor>;
  let spaceId: string;
  if (kind === EventKind.DefectReported || kind === EventKind.DefectResolved) {
    const defect = s.defects[ev.aux[e]];
    const r = defect.release;
    const p = s.projects[s.releases.project[r]];
    spaceId = p.SpaceId;
    m.plain(kind === EventKind.DefectReported ? 'Defect reported for ' : 'Defect resolved for ')
      .link(p.Name, p.Id, 'projects')
      .plain(' release ')
      .link(s.releases.version[r], `Releases-${s.releases.id[r]}`, 'releases');
    if (kind === EventKind.DefectReported) m.plain(`: ${defect.description}`);
    who = actor(s, kind === EventKind.DefectReported ? defect.createdBy : defect.resolvedBy);
  } else if (kind === EventKind.ReleaseCreated) {
    const r = ev.aux[e];
    const p = s.projects[s.releases.project[r]];
    spaceId = p.SpaceId;
    m.plain('Release ')
      .link(s.releases.version[r], `Releases-${s.releases.id[r]}`, 'releases')
      .plain(' created for ')
      .link(p.Name, p.Id, 'projects');
    who = actor(s, s.releaseCreator(r));
  } else {
    const deps = s.deployments;
    const docs = deploymentDocuments(s, d);
    const p = s.projects[deps.project[d]];
    spaceId = p.SpaceId;
    const env = s.environments[deps.environment[d]];
    const tenant = deps.tenant[d];
    const version = s.releases.version[deps.release[d]];
    const target = () => {
      m.link(p.Name, docs.projectId, 'projects')
        .plain(' release ')
        .link(version, docs.releaseId, 'releases')
        .plain(' to ')
        .link(env.Name, docs.environmentId, 'environments');
    };
    const forTenant = () => {
      if (tenant >= 0) m.plain(' for ').link(s.tenants[tenant].Name, docs.tenantId!, 'tenants');
    };
    const name = deploymentName(s, d);
    switch (kind) {
      case EventKind.DeploymentQueued: {
        const at = Number.isNaN(deps.queueTime[d]) ? deps.created[d] : deps.queueTime[d];
        m.plain('Scheduled to deploy ');
        target();
        m.plain(` at ${eventMessageDate(at)}`);
        forTenant();
        who = actor(s, deps.deployedBy[d]);
        break;
      }
      case EventKind.DeploymentStarted:
      case EventKind.DeploymentSucceeded:
      case EventKind.DeploymentFailed: {
        const verb =
          kind === EventKind.DeploymentStarted ? 'started' : kind === EventKind.DeploymentSucceeded ? 'succeeded' : 'failed';
        m.link(name, docs.deploymentId, 'deployments').plain(` ${verb} for `);
        target();
        forTenant();
        break;
      }
      case EventKind.GuidedFailureInterruptionRaised:
      case EventKind.ManualInterventionInterruptionRaised: {
        m.plain(
          kind === EventKind.GuidedFailureInterruptionRaised
            ? 'Guided failure interruption raised for '
            : 'Manual intervention interruption raised for ',
        );
        m.link(name, docs.deploymentId, 'deployments').plain(' of ');
        target();
        forTenant();
        break;
      }
      default: {
        const edit = s.edits[ev.aux[e]];
        m.plain('The state of task ')
          .link(deployTaskDescription(s, d), docs.taskId, 'tasks')
          .plain(` was changed from ${stateName(edit.previous)} to ${stateName(edit.state)}`);
        if (edit.reason) m.plain(`. Reason: ${edit.reason}`);
        who = actor(s, edit.user);
      }
    }
  }
  const id = `Events-${ev.id[e]}`;
  return {
    Id: id,
    RelatedDocumentIds: eventRelatedIds(s, e),
    Category: EVENT_CATEGORIES[kind],
    UserId: who.UserId,
    Username: who.Username,
    IsService: who.IsService,
    IdentityEstablishedWith: who.IdentityEstablishedWith,
    UserAgent: who.UserAgent,
    Occurred: octopusDateStrict(ev.occurred[e]),
    Message: m.text,
    MessageHtml: m.html,
    MessageReferences: m.refs,
    Comments: null,
    Details: null,
    ChangeDetails: { DocumentContext: null, Differences: null },
    IpAddress: who.IpAddress,
    SpaceId: spaceId,
    Links: { Self: `/api/events/${id}` },
  };
}
