import { describe, expect, it } from 'vitest';
import { deploymentsCsv } from '../../../lib/export/deployments-csv';
import { deploymentRows } from '../../../lib/metrics/deployment-rows';
import { prepare } from '../../../lib/metrics/prepare';
import { at, historyFrom } from '../../factories';
import { parseCsv } from '../../support/reference-metrics';

const project = '=cmd|calc';
const h = historyFrom({
  projects: [{ name: project }],
  releases: [
    { version: '1.1', assembled: '2024-01-02T09:00:00Z', project },
    { version: '1.2', assembled: '2024-01-03T12:00:00Z', project },
  ],
  deployments: [
    { project, environment: 'Prod, EU', release: '1.1', completed: '2024-01-02T10:00:00Z', state: 'Failed' },
    // first success of the stream: lead time from the earliest attempted release (1.1); recovers the failure
    { project, environment: 'Prod, EU', release: '1.2', completed: '2024-01-03T10:00:00Z' },
    // another stream (a tenant): a guided failure
    { project, environment: 'Prod, EU', release: '1.2', completed: '2024-01-03T11:00:00Z', tenant: 'Acme "A"', guidedFailure: true },
  ],
});
const rows = deploymentRows(prepare(h), { now: at('2024-01-05T00:00:00Z'), range: { preset: 'last7Days' } });

describe('deploymentsCsv', () => {
  const csv = deploymentsCsv(rows);
  const lines = csv.split('\r\n');

  it("has Octopus's seventeen columns, named and ordered as Octopus's export; ours follow only when asked for", () => {
    // docs/octopus-api.md §1.6, written out here rather than taken from the module under test.
    const octopus = [
      'Deployment',
      'Project',
      'Release',
      'Channel',
      'Completed',
      'Environment',
      'Tenant',
      'State',
      'Had Guided Failure',
      'Lead Time',
      'Lead Time Calculated From',
      'Since Previous Successful',
      'Previous Successful',
      'Time to Recovery',
      'Deployments Until Recovery',
      'Recovery From',
      'Recovery From Version',
    ];
    // The default is Octopus's column set, nothing more.
    expect(lines[0].split(',')).toEqual(octopus);
    const extra = deploymentsCsv(rows, { beyondOctopusColumns: true }).split('\r\n')[0].split(',');
    expect(extra.slice(0, 17)).toEqual(octopus);
    expect(extra.slice(17)).toEqual([
      'Lead Time (seconds)',
      'Since Previous Successful (seconds)',
      'Time to Recovery (seconds)',
      'Outcome (DORA Lens)',
      'Failure Kind (DORA Lens)',
      'Delivery (DORA Lens)',
      'Flags (DORA Lens)',
      'Rework (DORA Lens)',
      'Rework Reasons (DORA Lens)',
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines).toHaveLength(5); // header, 3 rows, empty after the final CRLF
  });

  it('writes a failed row with empty metric cells and neutralised, quoted names', () => {
    expect(lines[1]).toBe(`Deployments-1,'=cmd|calc,1.1,Default,2024-01-02T10:00:00.000Z,"Prod, EU",,Failed,False,,,,,,,,`);
    expect(parseCsv(csv).map((r) => r.length)).toEqual([17, 17, 17, 17]);
  });

  it("writes durations as h:mm:ss in Octopus's columns, the exact seconds in ours after them when asked for", () => {
    // Lead time: from 1.1 (created Jan 2 09:00) to Jan 3 10:00 = 25 h = 90 000 s.
    // Recovery: Jan 2 10:00 → Jan 3 10:00 = 24 h = 86 400 s, after 1 failed deployment.
    const octopusPart = `Deployments-2,'=cmd|calc,1.2,Default,2024-01-03T10:00:00.000Z,"Prod, EU",,Success,False,25:00:00,1.1,,,24:00:00,1,Deployments-1,1.1`;
    expect(lines[2]).toBe(octopusPart);
    // It recovers the stream's failure run: rework.
    expect(deploymentsCsv(rows, { beyondOctopusColumns: true }).split('\r\n')[2]).toBe(`${octopusPart},90000,,86400,success,,first,,True,failureRun`);
  });

  it('writes the tenant quoted and the guided failure as True', () => {
    expect(lines[3]).toBe(
      `Deployments-3,'=cmd|calc,1.2,Default,2024-01-03T11:00:00.000Z,"Prod, EU","Acme ""A""",Success,True,,,,,,,,`,
    );
  });

  it('negative durations keep their sign: text prefixed with an apostrophe, seconds a plain negative number', () => {
    const custom = deploymentsCsv([{ ...rows[1], leadTimeMs: -2 * 3_600_000 - 1_500 }], { beyondOctopusColumns: true });
    // −2 h − 1.5 s → "-2:00:01" (sub-second truncated) and −7201.5 s
    const [head, row] = parseCsv(custom);
    expect(row[head.indexOf('Lead Time')]).toBe("'-2:00:01");
    expect(row[head.indexOf('Lead Time (seconds)')]).toBe('-7201.5');
  });

  it('optional extra columns and BOM', () => {
    const extra = deploymentsCsv(rows, { bom: true, beyondOctopusColumns: true }).split('\r\n');
    expect(extra[0].startsWith('\uFEFFDeployment,')).toBe(true);
    expect(extra[0].endsWith(',Outcome (DORA Lens),Failure Kind (DORA Lens),Delivery (DORA Lens),Flags (DORA Lens),Rework (DORA Lens),Rework Reasons (DORA Lens)')).toBe(true);
    expect(extra[1].endsWith(',failure,taskFailed,,,False,')).toBe(true); // the run's first failure: planned
    expect(extra[2].endsWith(',success,,first,,True,failureRun')).toBe(true);
    expect(extra[3].endsWith(',failure,guidedFailure,,,False,')).toBe(true); // the tenant's stream: its run's first failure
  });
});
