/** The report editor's sections, each given the draft (./ReportEditor.tsx holds it), and its list of problems. */
import { type ChecklistItem, type EditorLists, environmentGroupOf, problemLabel, TENANT_MODE_LABELS, toggled } from '@/lib/report/editor-model';
import type { EnvironmentGroupDefinition, ReportDefinition, TenantMode } from '@/lib/report/report-definition';
import { ENVIRONMENT_GROUPS_MAX, type ReportProblem } from '@/lib/report/report-schema';
import type { ResolvedReport } from '@/lib/report/resolve-report';
import { ReportChecklist } from './ReportChecklist';

type Environment = { id: string; name: string };

/** The draft, and the changes every section makes to it. */
export interface DraftProps {
  draft: ReportDefinition;
  update: (patch: Partial<ReportDefinition>) => void;
  /** The problems found at a path (`environmentGroups`) or below it (`environmentGroups.0.name`). */
  problemsAt: (prefix: string) => ReportProblem[];
}

export function ProblemList({ problems, className }: { problems: readonly ReportProblem[]; className?: string }) {
  return (
    <ul class={className}>
      {problems.map((p) => (
        <li key={`${p.path}:${p.message}`}>
          {problemLabel(p.path)}: {p.message}
        </li>
      ))}
    </ul>
  );
}


/** Releases by project groups, projects (their default channels) and channels, as Octopus chooses them. */
export function ReleasesSection({ draft, update, lists, resolved }: DraftProps & { lists: EditorLists; resolved: ResolvedReport }) {
  return (
    <>
      <h3>Releases</h3>
      <p class="field-hint">
        Like Octopus: a project group or a project brings its default channel; other channels only when chosen. Nothing chosen: every project’s default channel. Now:{' '}
        <strong data-testid="editor-coverage">
          {resolved.projects.length} {resolved.projects.length === 1 ? 'project' : 'projects'}, {resolved.channels.length} {resolved.channels.length === 1 ? 'channel' : 'channels'}
        </strong>
        .
      </p>
      <div class="editor-columns">
        <ReportChecklist id="pick-project-groups" legend="Project groups" items={lists.projectGroups} checked={new Set(draft.projectGroupIds)} onToggle={(id, on) => update({ projectGroupIds: toggled(draft.projectGroupIds, id, on) })} />
        <ReportChecklist id="pick-projects" legend="Projects" items={lists.projects} checked={new Set(draft.projectIds)} onToggle={(id, on) => update({ projectIds: toggled(draft.projectIds, id, on) })} />
        <ReportChecklist id="pick-channels" legend="Channels" items={lists.channels} checked={new Set(draft.channelIds)} onToggle={(id, on) => update({ channelIds: toggled(draft.channelIds, id, on) })} />
      </div>
    </>
  );
}

export function EnvironmentGroupsSection({ draft, update, problemsAt, environments }: DraftProps & { environments: readonly Environment[] }) {
  const problems = problemsAt('environmentGroups');
  const groupOf = environmentGroupOf(draft);
  const known = new Set(environments.map((e) => e.id));
  const setGroup = (k: number, patch: Partial<EnvironmentGroupDefinition>) => update({ environmentGroups: draft.environmentGroups.map((g, i) => (i === k ? { ...g, ...patch } : g)) });
  return (
    <>
      <h3>Environment groups</h3>
      <p class="field-hint">Named sets of environments, each environment in one group at most. No groups: every environment.</p>
      {problems.length > 0 && <ProblemList problems={problems} className="field-error" />}
      <div class="editor-columns">
        {draft.environmentGroups.map((group, k) => (
          <fieldset class="checklist env-group" key={k} data-testid={`env-group-${k}`}>
            <legend>Environment group {k + 1}</legend>
            <label class="field" for={`env-group-name-${k}`}>
              <span>Group name</span>
              <input id={`env-group-name-${k}`} name="group-name" type="text" maxLength={80} value={group.name} onInput={(e) => setGroup(k, { name: (e.currentTarget as HTMLInputElement).value })} />
            </label>
            <ul class="plain checklist-items">
              {environments.map((env) => {
                const other = groupOf.get(env.id);
                const elsewhere = other !== undefined && other !== k && !group.environmentIds.includes(env.id);
                return (
                  <li key={env.id}>
                    <label class={elsewhere ? 'disabled' : undefined}>
                      <input
                        type="checkbox"
                        data-id={env.id}
                        checked={group.environmentIds.includes(env.id)}
                        disabled={elsewhere}
                        onChange={(e) => setGroup(k, { environmentIds: toggled(group.environmentIds, env.id, (e.currentTarget as HTMLInputElement).checked) })}
                      />
                      <span>{env.name}</span>
                      {elsewhere && <span class="muted"> (in {draft.environmentGroups[other].name || `group ${other + 1}`})</span>}
                    </label>
                  </li>
                );
              })}
            </ul>
            {group.environmentIds.some((id) => !known.has(id)) && <p class="field-hint">Also {group.environmentIds.filter((id) => !known.has(id)).length} not visible to you.</p>}
            <button type="button" class="button-danger" onClick={() => update({ environmentGroups: draft.environmentGroups.filter((_, i) => i !== k) })}>
              Remove group
            </button>
          </fieldset>
        ))}
      </div>
      <button
        type="button"
        data-testid="add-env-group"
        disabled={draft.environmentGroups.length >= ENVIRONMENT_GROUPS_MAX}
        onClick={() => update({ environmentGroups: [...draft.environmentGroups, { name: '', environmentIds: [] }] })}
      >
        Add environment group
      </button>
    </>
  );
}

export function TenantsSection({ draft, update, problemsAt, tenants, tagSets }: DraftProps & { tenants: ChecklistItem[]; tagSets: [string, string[]][] }) {
  return (
    <>
      <h3>Tenants</h3>
      <fieldset class="radio-group">
        <legend class="visually-hidden">Which deployments</legend>
        {(Object.keys(TENANT_MODE_LABELS) as TenantMode[]).map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name="tenant-mode"
              value={mode}
              checked={draft.tenantMode === mode}
              onChange={() => update(mode === 'Untenanted' ? { tenantMode: mode, tenantIds: [], tenantTags: [] } : { tenantMode: mode })}
            />{' '}
            {TENANT_MODE_LABELS[mode]}
          </label>
        ))}
      </fieldset>
      {problemsAt('tenantMode').map((p) => (
        <p class="field-error" key={p.message}>
          {p.message}
        </p>
      ))}
      {draft.tenantMode !== 'Untenanted' && (
        <>
          <p class="field-hint">Specific tenants and tenant tags add up (Octopus’s rule: any tag within a tag set, every tag set). None chosen: every tenant.</p>
          <div class="editor-columns">
            <ReportChecklist id="pick-tenants" legend="Tenants" items={tenants} checked={new Set(draft.tenantIds)} onToggle={(id, on) => update({ tenantIds: toggled(draft.tenantIds, id, on) })} />
            {tagSets.map(([set, tags]) => (
              <ReportChecklist
                key={set}
                id={`pick-tags-${set}`}
                legend={`Tag set: ${set}`}
                items={tags.map((tag) => ({ id: tag, label: tag.slice(set.length + 1) }))}
                checked={new Set(draft.tenantTags)}
                onToggle={(id, on) => update({ tenantTags: toggled(draft.tenantTags, id, on) })}
              />
            ))}
          </div>
        </>
      )}
    </>
  );
}
