import type { TierYear } from '@/lib/metrics/types';
import type { WeekStart } from '@/lib/metrics/types';
import { REFRESH_CHOICES, type Settings, TIER_YEARS } from '@/lib/settings/settings';
import type { StatusNote } from '@/lib/display/status-note';
import { StatusMessage } from './StatusMessage';

interface OptionsDefaultsProps {
  /** `undefined` while loading. */
  settings: Settings | undefined;
  /** The browser's own zone, offered first. */
  browserZone: string;
  /** Every other IANA zone the browser knows. */
  timeZones: readonly string[];
  /** `what` names the setting in the "saved" message. */
  change: (patch: Partial<Settings>, what: string) => void;
  status: StatusNote | undefined;
}

const TIER_NOTES: Record<TierYear, string> = {
  2024: 'Latest report; its failure-rate bands are uneven (High allows 20 %, Medium 10 %).',
  2023: 'Failure rates are typical values per tier (5, 10, 15, 64 %); recovery means failed deployment recovery time.',
  2021: 'Elite lead time is under an hour; failure rates in bands (0–15 %, 16–30 %); recovery means time to restore service.',
};

const WEEK_LABELS: Record<WeekStart, string> = { sunday: 'Sunday (as Octopus)', monday: 'Monday' };

function refreshLabel(minutes: number): string {
  if (minutes === 1440) return 'Once a day';
  if (minutes % 60 === 0) return minutes === 60 ? 'Every hour' : `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}

/** The defaults every report starts from; each control saves as soon as it changes. */
export function OptionsDefaults({ settings, browserZone, timeZones, change, status }: OptionsDefaultsProps) {
  if (!settings) return <p class="muted">Loading…</p>;
  return (
    <div class="defaults">
      <TimeZoneField settings={settings} change={change} browserZone={browserZone} timeZones={timeZones} />
      <fieldset class="field">
        <legend>Weeks start on</legend>
        <div class="row">
          {(Object.keys(WEEK_LABELS) as WeekStart[]).map((day) => (
            <label key={day} class="choice">
              <input type="radio" name="week-start" value={day} checked={settings.weekStart === day} onChange={() => change({ weekStart: day }, 'Week start')} />
              {WEEK_LABELS[day]}
            </label>
          ))}
        </div>
      </fieldset>
      <TierYearField settings={settings} change={change} />
      <div class="field">
        <label class="choice">
          <input
            type="checkbox"
            id="blocked-is-failure"
            aria-describedby="blocked-is-failure-hint"
            checked={settings.blockedIsFailure}
            onChange={(event) => change({ blockedIsFailure: event.currentTarget.checked }, 'Blocked releases')}
          />
          Count releases blocked by “prevent progression” as failures in the failure rate
        </label>
        <span id="blocked-is-failure-hint" class="field-hint">
          Octopus’s own docs count deployments of releases marked “do not promote” in the failure rate; they stay successful deployments for frequency, lead time and recovery. Turn this off to count only failed deployments and guided failures.
        </span>
      </div>
      <RefreshField settings={settings} change={change} />
      <StatusMessage note={status} testId="defaults-status" />
    </div>
  );
}

type FieldProps = { settings: Settings; change: OptionsDefaultsProps['change'] };

function TimeZoneField({ settings, change, browserZone, timeZones }: FieldProps & Pick<OptionsDefaultsProps, 'browserZone' | 'timeZones'>) {
  const otherZones = timeZones.filter((zone) => zone !== browserZone);
  // A zone stored earlier may be one this browser does not list (an alias); keep it selectable.
  if (settings.timeZone !== browserZone && !otherZones.includes(settings.timeZone)) otherZones.unshift(settings.timeZone);
  return (
    <div class="field">
      <label for="time-zone">Time zone</label>
      <select id="time-zone" aria-describedby="time-zone-hint" value={settings.timeZone} onChange={(event) => change({ timeZone: event.currentTarget.value }, 'Time zone')}>
        <optgroup label="This browser">
          <option value={browserZone}>{browserZone}</option>
        </optgroup>
        <optgroup label="All time zones">
          {otherZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </optgroup>
      </select>
      <span id="time-zone-hint" class="field-hint">
        Days, weeks and months are counted in this zone.
      </span>
    </div>
  );
}

function TierYearField({ settings, change }: FieldProps) {
  return (
    <div class="field">
      <label for="tier-year">DORA benchmark year</label>
      <select id="tier-year" aria-describedby="tier-year-hint" value={String(settings.tierYear)} onChange={(event) => change({ tierYear: Number(event.currentTarget.value) as TierYear }, 'Benchmark year')}>
        {TIER_YEARS.map((year) => (
          <option key={year} value={String(year)}>
            State of DevOps {year}
          </option>
        ))}
      </select>
      <span id="tier-year-hint" class="field-hint">
        Changes only the performance tier (Elite, High, Medium, Low) shown beside each metric. {TIER_NOTES[settings.tierYear]}
      </span>
    </div>
  );
}

function RefreshField({ settings, change }: FieldProps) {
  const choices = REFRESH_CHOICES.includes(settings.refreshMinutes) ? REFRESH_CHOICES : [...REFRESH_CHOICES, settings.refreshMinutes].sort((a, b) => a - b);
  return (
    <div class="field">
      <label for="refresh-minutes">Background refresh</label>
      <select id="refresh-minutes" aria-describedby="refresh-minutes-hint" value={String(settings.refreshMinutes)} onChange={(event) => change({ refreshMinutes: Number(event.currentTarget.value) }, 'Background refresh')}>
        {choices.map((minutes) => (
          <option key={minutes} value={String(minutes)}>
            {refreshLabel(minutes)}
          </option>
        ))}
      </select>
      <span id="refresh-minutes-hint" class="field-hint">
        How often cached spaces are brought up to date while the browser is open.
      </span>
    </div>
  );
}
