import { describe, expect, it } from 'vitest';
import { checkReport, describeProblems } from '../../../lib/report/report-schema';
import { definition } from './fixture';

const problems = (patch: Parameters<typeof definition>[0]) => {
  const checked = checkReport(definition(patch));
  return checked.ok ? [] : checked.problems;
};

describe('report settings validation', () => {
  it('accepts a complete report and trims its name', () => {
    const checked = checkReport(definition({ name: '  Release train  ', environmentGroups: [{ name: 'Prod', environmentIds: ['Environments-4'] }] }));
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.report.name).toBe('Release train');
  });

  it('needs a name', () => {
    expect(problems({ name: '   ' })).toEqual([{ path: 'name', message: 'The report needs a name' }]);
  });

  it('takes only ids of the right kind, each once', () => {
    expect(problems({ projectIds: ['Projects-1', 'Environments-2', 'Projects-1'] }).map((p) => p.path)).toEqual(['projectIds.1', 'projectIds.2']);
    expect(problems({ projectGroupIds: ['ProjectGroups-x'] })[0].message).toContain('is not a ProjectGroups id');
    expect(problems({ tenantTags: ['Gold'] })[0].message).toContain('"Tag Set/Tag"');
  });

  it('keeps an environment in at most one group', () => {
    const found = problems({
      environmentGroups: [
        { name: 'Pre-production', environmentIds: ['Environments-1', 'Environments-2'] },
        { name: 'Production', environmentIds: ['Environments-4', 'Environments-2'] },
      ],
    });
    expect(found).toEqual([
      { path: 'environmentGroups.1.environmentIds.1', message: 'Environments-2 is already in the group "Pre-production": an environment can be in one group only' },
    ]);
  });

  it('needs unique, non-empty group names and at least one environment per group', () => {
    const found = problems({
      environmentGroups: [
        { name: 'Prod', environmentIds: ['Environments-4'] },
        { name: ' prod ', environmentIds: ['Environments-3'] },
        { name: '', environmentIds: [] },
      ],
    });
    expect(found.map((p) => p.path)).toEqual(['environmentGroups.2.name', 'environmentGroups.2.environmentIds', 'environmentGroups.1.name']);
  });

  it('refuses tenants on an untenanted report', () => {
    expect(problems({ tenantMode: 'Untenanted', tenantTags: ['Region/EU'] })).toEqual([
      { path: 'tenantMode', message: 'An untenanted report cannot list tenants or tenant tags' },
    ]);
    expect(problems({ tenantMode: 'Tenanted', tenantTags: ['Region/EU'] })).toEqual([]);
  });

  it('needs a known IANA time zone', () => {
    expect(problems({ timeZone: 'Mars/Olympus_Mons' })).toEqual([{ path: 'timeZone', message: 'Mars/Olympus_Mons is not a known IANA time zone' }]);
    expect(problems({ timeZone: 'Asia/Kolkata' })).toEqual([]);
  });

  it('never throws, whatever it is given', () => {
    for (const value of [null, 42, 'report', [], { name: 'x' }]) expect(checkReport(value).ok).toBe(false);
  });

  it('describes problems with the report name', () => {
    const value = definition({ name: 'Ops', timeZone: 'Nowhere' });
    const checked = checkReport(value);
    expect(!checked.ok && describeProblems(value, checked.problems)).toEqual(['“Ops”: timeZone: Nowhere is not a known IANA time zone']);
  });
});
