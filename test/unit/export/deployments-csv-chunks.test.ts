import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvText, deploymentsCsv, deploymentsCsvChunks } from '../../../lib/export/deployments-csv';
import { deploymentRowColumns, deploymentRows } from '../../../lib/metrics/deployment-rows';
import { prepare } from '../../../lib/metrics/prepare';
import { CSV_CASES, csvHistory } from '../../support/csv-history';

const golden = (name: string) => readFileSync(path.join(__dirname, '../../fixtures/csv', `${name}.csv`), 'utf8');

describe('the CSV written from row columns, in chunks', () => {
  // The goldens were written by the object-per-row implementation this writer replaces (commit 77a835e),
  // from histories full of cells to escape: the two must not differ by a byte. When ours became optional
  // and the rework columns came, the goldens' cells were carried over untouched: the default files lost
  // their last three columns (the seconds), the files with ours gained the two rework columns at the end,
  // filled from the row objects' `rework` (checked by hand in test/unit/metrics/rework.test.ts).
  it.each(CSV_CASES)('equals the golden $name byte for byte', (c) => {
    const p = prepare(csvHistory(c.seed), { blockedIsFailure: c.blockedIsFailure });
    const options = { bom: c.bom, beyondOctopusColumns: c.beyondOctopusColumns };
    const expected = golden(c.name);
    expect(expected.length).toBeGreaterThan(1000);
    expect(csvText(deploymentsCsvChunks(deploymentRowColumns(p, c.query), options))).toBe(expected);
    // And the writer for row objects, which tables and tests still use.
    expect(deploymentsCsv(deploymentRows(p, c.query), options)).toBe(expected);
  });

  it('streams many rows as several chunks of whole lines, the header first', () => {
    const p = prepare(csvHistory(5, 12_000));
    const query = { now: Date.UTC(2026, 0, 1), range: { preset: 'lastYear' as const } };
    const rows = deploymentRowColumns(p, query);
    expect(rows.length).toBeGreaterThan(10_000);
    const bytes = [...deploymentsCsvChunks(rows, { bom: true, beyondOctopusColumns: true })];
    // UTF-8 as the file holds it: the BOM's three bytes, then the header.
    expect([...bytes[0].subarray(0, 5)]).toEqual([0xef, 0xbb, 0xbf, 68, 101]);
    const chunks = bytes.map((chunk) => csvText([chunk]));
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0].startsWith('\uFEFFDeployment,Project,')).toBe(true);
    expect(chunks[0].split('\r\n')).toHaveLength(2); // the header alone
    for (const chunk of chunks) expect(chunk.endsWith('\r\n')).toBe(true);
    expect(chunks.join('')).toBe(deploymentsCsv(deploymentRows(p, query), { bom: true, beyondOctopusColumns: true }));
  });

  it('makes room for a row with very long names', () => {
    const p = prepare(csvHistory(5, 300));
    const long = `${'ü'.repeat(300_000)}, "quoted"`;
    p.history.dims.projects[0].name = long;
    const query = { now: Date.UTC(2026, 0, 1), range: { preset: 'lastYear' as const } };
    const chunks = [...deploymentsCsvChunks(deploymentRowColumns(p, query))];
    // Each chunk ends with a whole row, so each is whole UTF-8 (no character split between two).
    expect(chunks.map((chunk) => csvText([chunk])).join('')).toBe(deploymentsCsv(deploymentRows(p, query)));
    expect(csvText(chunks)).toBe(deploymentsCsv(deploymentRows(p, query)));
    expect(csvText(chunks)).toContain('"ü');
    expect(chunks.length).toBeGreaterThan(3); // a chunk holds a few such rows, not 4,096
  });

  it('writes only the header when no deployment completed in the window', () => {
    const p = prepare(csvHistory(5, 50));
    const rows = deploymentRowColumns(p, { now: Date.UTC(2030, 0, 1), range: { preset: 'lastMonth' } });
    expect(rows.length).toBe(0);
    expect(csvText(deploymentsCsvChunks(rows))).toBe(deploymentsCsv([]));
  });
});
