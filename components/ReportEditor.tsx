/**
 * Creating and editing a report, with Octopus's settings: name and description; releases by project
 * groups, projects (default channels) and channels; named environment groups (an environment in one group
 * only); tenant mode with specific tenants or tags; time zone. Choices are Octopus ids; ids the signed-in
 * user cannot see stay in the report untouched. The same rules as storage and import check it on save.
 * The draft is this form's own state until it is saved; what it offers comes from lib/report/editor-model.ts.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Dimensions } from '@/lib/metrics/facts';
import { editorLists } from '@/lib/report/editor-model';
import type { ReportDefinition } from '@/lib/report/report-definition';
import { checkReport, DESCRIPTION_MAX, NAME_MAX, type ReportProblem } from '@/lib/report/report-schema';
import { resolveReport } from '@/lib/report/resolve-report';
import { knownTimeZones } from '@/lib/settings/time-zones';
import { type DraftProps, EnvironmentGroupsSection, ProblemList, ReleasesSection, TenantsSection } from './ReportEditorSections';

export interface ReportEditorProps {
  dims: Dimensions;
  initial: ReportDefinition;
  isNew: boolean;
  now: number;
  onSave: (report: ReportDefinition) => Promise<void>;
  onCancel: () => void;
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
  const resolved = useMemo(() => resolveReport(dims, draft), [dims, draft]);
  const lists = useMemo(() => editorLists(dims, draft, resolved), [dims, draft, resolved]);
  const section: DraftProps = {
    draft,
    update: (patch) => setDraft({ ...draft, ...patch }),
    problemsAt: (prefix) => problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`)),
  };

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

  return (
    <form class="report-editor card" onSubmit={save} aria-labelledby="editor-title" data-testid="report-editor" noValidate>
      <h2 id="editor-title">{isNew ? 'New report' : `Edit “${initial.name}”`}</h2>
      {problems.length > 0 && (
        <div class="notice notice-error" role="alert" data-testid="report-errors" tabIndex={-1} ref={summary}>
          <h3>The report cannot be saved yet</h3>
          <ProblemList problems={problems} />
        </div>
      )}
      {lists.hidden > 0 && <HiddenNote hidden={lists.hidden} />}
      <NameFields {...section} />
      <ReleasesSection {...section} lists={lists} resolved={resolved} />
      <EnvironmentGroupsSection {...section} environments={lists.environments} />
      <TenantsSection {...section} tenants={lists.tenants} tagSets={lists.tagSets} />
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

function HiddenNote({ hidden }: { hidden: number }) {
  const one = hidden === 1;
  return (
    <p class="field-hint" data-testid="editor-hidden">
      {hidden} {one ? 'selection is' : 'selections are'} not in your synced data (not visible to your account, or deleted); {one ? 'it is' : 'they are'} kept as {one ? 'it is' : 'they are'}.
    </p>
  );
}

function NameFields({ draft, update, problemsAt }: DraftProps) {
  const zones = useMemo(knownTimeZones, []);
  return (
    <div class="editor-grid">
      <label class="field" for="report-name">
        <span>Name</span>
        <input id="report-name" type="text" maxLength={NAME_MAX} value={draft.name} aria-invalid={problemsAt('name').length > 0} onInput={(e) => update({ name: (e.currentTarget as HTMLInputElement).value })} />
      </label>
      <label class="field" for="report-time-zone">
        <span>Time zone</span>
        <input
          id="report-time-zone"
          type="text"
          list="report-time-zones"
          value={draft.timeZone}
          aria-invalid={problemsAt('timeZone').length > 0}
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
  );
}
