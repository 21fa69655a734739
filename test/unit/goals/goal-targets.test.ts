import { describe, expect, it } from 'vitest';
import { parseProjectSettings, parseSpaceGoals, projectSettingsDocument, spaceGoalsDocument } from '../../../lib/goals/goal-documents';
import { effectiveTargets, validTarget } from '../../../lib/goals/goal-targets';

describe('effectiveTargets', () => {
  it('a project overrides its space target by target; null removes one for the project', () => {
    expect(effectiveTargets({ failureRate: 0.1, leadTime: 86_400_000, frequency: 1 }, { failureRate: 0.2, leadTime: null })).toEqual({ failureRate: 0.2, frequency: 1 });
  });
  it('a project may set a goal its space does not have', () => {
    expect(effectiveTargets({}, { reworkRate: 0.05 })).toEqual({ reworkRate: 0.05 });
  });
});

describe('validTarget', () => {
  it('rates are fractions up to 1; nothing negative or infinite', () => {
    expect(validTarget('failureRate', 1)).toBe(true);
    expect(validTarget('reworkRate', 1.01)).toBe(false);
    expect(validTarget('leadTime', 2 * 86_400_000)).toBe(true);
    expect(validTarget('frequency', -1)).toBe(false);
    expect(validTarget('recovery', Number.POSITIVE_INFINITY)).toBe(false);
  });
});

describe('stored goals and project settings, validated on read', () => {
  it('reads what it wrote', () => {
    expect(parseSpaceGoals(spaceGoalsDocument({ failureRate: 0.1, frequency: 1 }))).toEqual({ value: { failureRate: 0.1, frequency: 1 }, problems: [] });
    const doc = projectSettingsDocument({ name: 'Payments', follow: true, hotfixChannels: ['Channels-4'], goals: { leadTime: null } });
    expect(parseProjectSettings(doc)).toEqual({ value: { name: 'Payments', follow: true, hotfixChannels: ['Channels-4'], goals: { leadTime: null } }, problems: [] });
  });

  it('nothing stored is no goals and no problem', () => {
    expect(parseSpaceGoals(undefined)).toEqual({ value: {}, problems: [] });
    expect(parseProjectSettings(null)).toEqual({ value: {}, problems: [] });
  });

  it('a value that does not fit is reported and left out, whatever it is', () => {
    for (const bad of [{ version: 2, targets: {} }, { version: 1, targets: { failureRate: 5 } }, 'goals', 42, { version: 1 }]) {
      const parsed = parseSpaceGoals(bad);
      expect(parsed.value).toEqual({});
      expect(parsed.problems).toHaveLength(1);
    }
    const project = parseProjectSettings({ version: 1, hotfixChannels: ['javascript:alert(1)'] });
    expect(project.value).toEqual({});
    expect(project.problems[0]).toMatch(/could not be read/);
  });

  it('writing an invalid document is refused', () => {
    expect(() => spaceGoalsDocument({ failureRate: -0.1 })).toThrow();
    expect(() => projectSettingsDocument({ hotfixChannels: ['Default'] })).toThrow();
  });
});
