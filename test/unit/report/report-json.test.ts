import { describe, expect, it } from 'vitest';
import { exportReports, importReports } from '../../../lib/report/report-json';
import { definition } from './fixture';

const HERE = { origin: 'https://octopus.example.com', space: 'Spaces-1', now: Date.UTC(2025, 5, 1), timeZone: 'Europe/London' };

describe('reports as JSON', () => {
  it('round-trip through export and import', () => {
    const reports = [
      definition({ id: 'r-a', name: 'A <b>&', environmentGroups: [{ name: 'Prod', environmentIds: ['Environments-4'] }] }),
      definition({ id: 'r-b', name: 'B', tenantMode: 'Tenanted', tenantTags: ['Region/EU'] }),
    ];
    const text = exportReports(reports, HERE);
    expect(JSON.parse(text)).toMatchObject({ format: 'dora-lens-reports', version: 1, origin: HERE.origin, space: 'Spaces-1', exportedAt: '2025-06-01T00:00:00.000Z' });
    expect(importReports(text, HERE)).toEqual({ reports, problems: [], warnings: [] });
  });

  it('imports the valid reports and says what is wrong with the others', () => {
    const file = JSON.parse(exportReports([definition({ id: 'r-a', name: 'A' })], HERE));
    file.reports.push({ ...definition({ id: 'r-b', name: 'B' }), timeZone: 'Atlantis/Central' });
    file.reports.push({ ...definition({ id: 'r-c', name: 'C' }), environmentGroups: [{ name: 'X', environmentIds: ['Environments-1'] }, { name: 'Y', environmentIds: ['Environments-1'] }] });
    file.reports.push(definition({ id: 'r-a', name: 'Duplicate' }));
    const result = importReports(JSON.stringify(file), HERE);
    expect(result.reports.map((r) => r.name)).toEqual(['A']);
    expect(result.problems).toEqual([
      'Report 2 was left out: “B”: timeZone: Atlantis/Central is not a known IANA time zone',
      'Report 3 was left out: “C”: environmentGroups.1.environmentIds.0: Environments-1 is already in the group "X": an environment can be in one group only',
      'Report 4 (“Duplicate”) was left out: another report in the file has its id.',
    ]);
  });

  it('warns when the file comes from another space', () => {
    const text = exportReports([definition()], { ...HERE, space: 'Spaces-2' });
    expect(importReports(text, HERE).warnings).toEqual(['The file was exported from Spaces-2 on https://octopus.example.com; projects, environments and tenants are matched by id here.']);
  });

  it.each([
    ['not JSON', '{ reports: ', 'The file is not valid JSON'],
    ['another JSON document', '{"hello": "world"}', 'neither a DORA Lens reports export nor Octopus Insights reports'],
    ['an empty list', '[]', 'neither a DORA Lens reports export'],
    ['a newer version', '{"format": "dora-lens-reports", "version": 2, "reports": []}', 'version 2 of the DORA Lens reports format'],
    ['a file without reports', '{"format": "dora-lens-reports", "version": 1}', 'no list of reports'],
  ])('refuses %s with a reason', (_, text, reason) => {
    const result = importReports(text, HERE);
    expect(result.reports).toEqual([]);
    expect(result.problems[0]).toContain(reason);
  });

  it("reads Octopus's own InsightsReport resources (a collection), mapping their fields", () => {
    const collection = {
      ItemType: 'InsightsReport',
      TotalResults: 2,
      Items: [
        {
          Id: 'InsightsReports-1',
          SpaceId: 'Spaces-1',
          Name: 'Production health',
          Description: null,
          ProjectGroupIds: ['ProjectGroups-2'],
          ProjectIds: ['Projects-3'],
          TenantIds: ['Tenants-1'],
          TenantTags: [],
          TenantMode: 'Tenanted',
          EnvironmentGroups: [{ Name: 'Production', Environments: ['Environments-4'] }],
          TimeZone: 'Australia/Brisbane',
          IconId: 'chart-line',
          IconColor: '#FF0000',
          Links: { Self: '/api/Spaces-1/insights/reports/InsightsReports-1' },
        },
        { Id: 'InsightsReports-2', Name: 'Everything', TenantMode: 'TenantedAndUntenanted', AllTenants: true, TenantIds: ['Tenants-9'], EnvironmentGroups: [], TimeZone: 'AUS Eastern Standard Time' },
      ],
    };
    const result = importReports(JSON.stringify(collection), HERE);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual(['“Everything”: time zone “AUS Eastern Standard Time” is not an IANA zone; Europe/London is used instead.']);
    expect(result.reports).toEqual([
      {
        id: 'InsightsReports-1',
        name: 'Production health',
        description: '',
        projectGroupIds: ['ProjectGroups-2'],
        projectIds: ['Projects-3'],
        channelIds: [],
        environmentGroups: [{ name: 'Production', environmentIds: ['Environments-4'] }],
        tenantMode: 'Tenanted',
        tenantIds: ['Tenants-1'],
        tenantTags: [],
        timeZone: 'Australia/Brisbane',
        createdAt: HERE.now,
        updatedAt: HERE.now,
      },
      expect.objectContaining({ id: 'InsightsReports-2', tenantIds: [], timeZone: 'Europe/London' }),
    ]);
  });
});
