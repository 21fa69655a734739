/**
 * Creating and editing a report, with Octopus's settings: name and description; releases by project
 * groups, projects (default channels) and channels; named environment groups (an environment in one group
 * only); tenant mode with specific tenants or tags; time zone. Choices are Octopus ids; ids the signed-in
 * user cannot see stay in the report untouched. The same rules as storage and import check it on save.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ReportChecklist, type ReportChecklistItem } from '@/components/ReportChecklist';
import type { Dimensions } from '@/lib/metrics/facts';
import type { ReportDefinition, TenantMode } from '@/lib/report/report-definition';
import { checkReport, DESCRIPTION_MAX, ENVIRONMENT_GROUPS_MAX, NAME_MAX, type ReportProblem } from '@/lib/report/report-schema';
import { resolveReport } from '@/lib/report/resolve-report';
import { tagSets } from '@/lib/report/split-groups';
import { knownTimeZones } from '@/lib/settings/time-zones';
import { isPlaceholder } from '@/lib/report/visible-dims';

export interface ReportEditorProps {
  dims: Dimensions;
  initial: ReportDefinition;
  isNew: boolean;
  now: number;
  onSave: (report: ReportDefinition) => Promise<void>;
  onCancel: () => void;
}

const TENANT_MODE_LABELS: Record<TenantMode, string> = {
  TenantedAndUntenanted: 'Untenanted and tenanted deployments',
  Tenanted: 'Tenanted deployments only',
  Untenanted: 'Untenanted deployments only',
};

const byName = <T extends { label: string }>(a: T, b: T) => a.label.localeCompare(b.label);
const toggled = (ids: readonly string[], id: string, on: boolean) => (on ? (ids.includes(id) ? [...ids] : [...ids, id]) : ids.filter((x) => x !== id));

/** Where a problem is, in the editor's words. */
function problemLabel(path: string): string {
  const [head, index] = path.split('.');
  const n = Number(index) + 1;
  const names: Record<string, string> = {
    name: 'Name',
    description: 'Description',
    projectGroupIds: 'Project groups',
    projectIds: 'Projects',
    channelIds: 'Channels',
    tenantMode: 'Tenants',
    tenantIds: 'Tenants',
    tenantTags: 'Tenant tags',
    timeZone: 'Time zone',
  };
  if (head === 'environmentGroups') return Number.isNaN(n) ? 'Environment groups' : `Environment group ${n}`;
  return names[head] ?? 'Report';
}

export function ReportEditor({ dims, initial, isNew, now, onSave, onCancel }: ReportEditorProps) {
  const [draft, setDraft] = useState<ReportDefinition>(initial);
  const [problems, setProblems] = useState<ReportProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState('');
  // A refused save moves focus to the list of problems, which may be far above the Save button.
  const summary = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);
  const zones = useMemo(knownTimeZones, []);
  const resolved = useMemo(() => resolveReport(dims, draft), [dims, draft]);
  const update = (patch: Partial<ReportDefinition>) => setDraft({ ...draft, ...patch });

  const groupName = (g: number) => dims.projectGroups[g]?.name ?? '';
  // Only what the user's Octopus lists hold: placeholders stand for ids the user may not see.
  const visible = <T extends { id: string; name: string }>(entry: T) => !isPlaceholder(entry);
  const projectGroupItems: ReportChecklistItem[] = dims.projectGroups.filter(visible).map((g) => ({ id: g.id, label: g.name })).sort(byName);
  // "included": selected through its project group (projects) or its project (default channels).
  const chosenProjects = new Set(resolved.projects);
  const chosenChannels = new Set(resolved.channels);
  const projectItems: ReportChecklistItem[] = dims.projects
    .flatMap((p, i) => (visible(p) ? [{ p, i }] : []))
    .map(({ p, i }) => ({ id: p.id, label: p.name, note: chosenProjects.has(i) && !draft.projectIds.includes(p.id) && !resolved.allProjects ? `${groupName(p.group)} · included` : groupName(p.group) }))
    .sort(byName);
  const channelItems: ReportChecklistItem[] = dims.channels
    .flatMap((c, i) => (visible(c) && dims.projects[c.project] && visible(dims.projects[c.project]) ? [{ c, i }] : []))
    .map(({ c, i }) => {
      const project = dims.projects[c.project]?.name ?? '';
      const implied = c.isDefault && chosenChannels.has(i) && !draft.channelIds.includes(c.id) && !resolved.allProjects;
      return { id: c.id, label: `${project} — ${c.name}`, note: c.isDefault ? (implied ? '(default, included through its project)' : '(default)') : undefined };
    })
    .sort(byName);
  const environmentItems = dims.environments.filter(visible).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  const groupOf = new Map<string, number>();
  draft.environmentGroups.forEach((g, k) => {
    for (const id of g.environmentIds) if (!groupOf.has(id)) groupOf.set(id, k);
  });
  const tenantItems: ReportChecklistItem[] = dims.tenants.filter(visible).map((t) => ({ id: t.id, label: t.name, note: t.tags.length ? t.tags.join(', ') : undefined })).sort(byName);
  const sets = tagSets(dims);
  const knownEnvironments = new Set(environmentItems.map((e) => e.id));
  const hidden =
    resolved.missing.projectGroups + resolved.missing.projects + resolved.missing.channels + resolved.missing.environments + resolved.missing.tenants;

  const setGroup = (k: number, patch: Partial<ReportDefinition['environmentGroups'][number]>) =>
    update({ environmentGroups: draft.environmentGroups.map((g, i) => (i === k ? { ...g, ...patch } : g)) });

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = checkReport({ ...draft, updatedAt: now, createdAt: isNew ? now : draft.createdAt });
    if (!checked.ok) {
      setProblems(checked.problems);
      setAttempt(attempt + 1);
      return;
    }
    setProblems([]);
    setSaving(true);
    setSaveError('');
    try {
      await onSave(checked.report);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  const problemAt = (prefix: string) => problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`));

  return (
    <form class="report-editor card" onSubmit={save} aria-labelledby="editor-title" data-testid="report-editor" noValidate>
      <h2 id="editor-title">{isNew ? 'New report' : `Edit “${initial.name}”`}</h2>
      {problems.length > 0 && (
        <div class="notice notice-error" role="alert" data-testid="report-errors" tabIndex={-1} ref={summary}>
          <h3>The report cannot be saved yet</h3>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                {problemLabel(p.path)}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hidden > 0 && (
        <p class="field-hint" data-testid="editor-hidden">
          {hidden} {hidden === 1 ? 'selection is' : 'selections are'} not in your synced data (not visible to your account, or deleted); {hidden === 1 ? 'it is' : 'they are'} kept as {hidden === 1 ? 'it is' : 'they are'}.
        </p>
      )}

      <div class="editor-grid">
        <label class="field" for="report-name">
          <span>Name</span>
          <input id="report-name" type="text" maxLength={NAME_MAX} value={draft.name} aria-invalid={problemAt('name').length > 0} onInput={(e) => update({ name: (e.currentTarget as HTMLInputElement).value })} />
        </label>
        <label class="field" for="report-time-zone">
          <span>Time zone</span>
          <input
            id="report-time-zone"
            type="text"
            list="report-time-zones"
            value={draft.timeZone}
            aria-invalid={problemAt('timeZone').length > 0}
            aria-describedby="report-time-zone-hint"
            onInput={(e) => update({ timeZone: (e.currentTarget as HTMLInputElement).value.trim() })}
          />
          <datalist id="report-time-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <span class="field-hint" id="report-time-zone-hint">
            Which day a deployment counts on, and how custom dates are read (IANA name, e.g. Europe/London).
          </span>
        </label>
        <label class="field editor-wide" for="report-description">
          <span>Description</span>
          <textarea id="report-description" rows={2} maxLength={DESCRIPTION_MAX} value={draft.description} onInput={(e) => update({ description: (e.currentTarget as HTMLTextAreaElement).value })} />
        </label>
      </div>

      <h3>Releases</h3>
      <p class="field-hint">
        Like Octopus: a project group or a project brings its default channel; other channels only when chosen. Nothing chosen: every project’s default channel. Now:{' '}
        <strong data-testid="editor-coverage">
          {resolved.projects.length} {resolved.projects.length === 1 ? 'project' : 'projects'}, {resolved.channels.length} {resolved.channels.length === 1 ? 'channel' : 'channels'}
        </strong>
        .
      </p>
      <div class="editor-columns">
        <ReportChecklist
          id="pick-project-groups"
          legend="Project groups"
          items={projectGroupItems}
          checked={new Set(draft.projectGroupIds)}
          onToggle={(id, on) => update({ projectGroupIds: toggled(draft.projectGroupIds, id, on) })}
        />
        <ReportChecklist
          id="pick-projects"
          legend="Projects"
          items={projectItems}
          checked={new Set(draft.projectIds)}
          onToggle={(id, on) => update({ projectIds: toggled(draft.projectIds, id, on) })}
        />
        <ReportChecklist id="pick-channels" legend="Channels" items={channelItems} checked={new Set(draft.channelIds)} onToggle={(id, on) => update({ channelIds: toggled(draft.channelIds, id, on) })} />
      </div>

      <h3>Environment groups</h3>
      <p class="field-hint">Named sets of environments, each environment in one group at most. No groups: every environment.</p>
      {problemAt('environmentGroups').length > 0 && (
        <ul class="field-error">
          {problemAt('environmentGroups').map((p) => (
            <li key={`${p.path}:${p.message}`}>
              {problemLabel(p.path)}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <div class="editor-columns">
        {draft.environmentGroups.map((group, k) => (
          <fieldset class="checklist env-group" key={k} data-testid={`env-group-${k}`}>
            <legend>Environment group {k + 1}</legend>
            <label class="field" for={`env-group-name-${k}`}>
              <span>Group name</span>
              <input id={`env-group-name-${k}`} name="group-name" type="text" maxLength={80} value={group.name} onInput={(e) => setGroup(k, { name: (e.currentTarget as HTMLInputElement).value })} />
            </label>
            <ul class="plain checklist-items">
              {environmentItems.map((env) => {
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
            {group.environmentIds.some((id) => !knownEnvironments.has(id)) && <p class="field-hint">Also {group.environmentIds.filter((id) => !knownEnvironments.has(id)).length} not visible to you.</p>}
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
      {problemAt('tenantMode').map((p) => (
        <p class="field-error" key={p.message}>
          {p.message}
        </p>
      ))}
      {draft.tenantMode !== 'Untenanted' && (
        <>
          <p class="field-hint">Specific tenants and tenant tags add up (Octopus’s rule: any tag within a tag set, every tag set). None chosen: every tenant.</p>
          <div class="editor-columns">
            <ReportChecklist id="pick-tenants" legend="Tenants" items={tenantItems} checked={new Set(draft.tenantIds)} onToggle={(id, on) => update({ tenantIds: toggled(draft.tenantIds, id, on) })} />
            {[...sets].map(([set, tags]) => (
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

      <div class="row editor-actions">
        <button type="submit" class="button-primary" disabled={saving} data-testid="report-save">
          {saving ? 'Saving…' : isNew ? 'Create report' : 'Save report'}
        </button>
        <button type="button" onClick={onCancel} data-testid="report-cancel">
          Cancel
        </button>
        {saveError && (
          <p class="field-error" role="alert">
            {saveError}
          </p>
        )}
      </div>
    </form>
  );
}
