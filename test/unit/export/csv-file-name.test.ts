import { describe, expect, it } from 'vitest';
import { csvFileName } from '../../../lib/export/csv-file-name';

describe('csvFileName', () => {
  it('dora-lens_<project>_<environment>_<from>_<to>.csv with the last included day', () => {
    expect(
      csvFileName({ project: 'Web', environment: 'Production', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 3, 1) }),
    ).toBe('dora-lens_Web_Production_2024-01-01_2024-03-31.csv');
  });

  it('sanitises separators, reserved and control characters, leading dots; keeps letters of any script', () => {
    expect(
      csvFileName({ project: '../Acme / Web\u0000', environment: 'Prod: "EU"?', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 2) }),
    ).toBe('dora-lens_Acme-Web_Prod-EU_2024-01-01_2024-01-01.csv');
    expect(csvFileName({ project: 'Zürich 東京', from: 0, to: 1 })).toBe('dora-lens_Zürich-東京_all-environments_1970-01-01_1970-01-01.csv');
  });

  it('defaults and limits', () => {
    expect(csvFileName({ from: 0, to: 0 })).toBe('dora-lens_all-projects_all-environments_1970-01-01_1970-01-01.csv');
    expect(csvFileName({ project: '***', from: 0, to: 1 })).toContain('_all-projects_');
    const long = csvFileName({ project: 'x'.repeat(200), from: 0, to: 1 });
    expect(long).toBe(`dora-lens_${'x'.repeat(60)}_all-environments_1970-01-01_1970-01-01.csv`);
  });

  it('dates in a time zone', () => {
    // 2024-03-31T23:30Z is 1 April 00:30 in London
    expect(
      csvFileName({ from: Date.UTC(2024, 2, 31, 23, 30), to: Date.UTC(2024, 3, 2, 23, 30), timeZone: 'Europe/London' }),
    ).toBe('dora-lens_all-projects_all-environments_2024-04-01_2024-04-03.csv');
  });
});
