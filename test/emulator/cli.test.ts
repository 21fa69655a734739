import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('npm run emulator', () => {
  it('--write writes the history of --scale/--seed/--now and exits', () => {
    const file = join(dir, 'tiny.json');
    const r = run('--scale', 'tiny', '--seed', '3', '--now', '2025-06-18T14:37:00Z', '--write', file);
    expect(r.status, r.stderr).toBe(0);
    const history = JSON.parse(readFileSync(file, 'utf8'));
    expect(history).toMatchObject({ Format: 'dora-lens-emulator-history', Now: '2025-06-18T14:37:00.000+00:00', Generator: { Scale: 'tiny', Seed: 3 } });
  });

  it('explains a bad history file and bad options', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ Format: 'dora-lens-emulator-history', Version: 2 }));
    const bad = run('--data', file, '--port', '0');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('$.Version: expected 1, got 2');
    const option = run('--scale', 'gigantic');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('unknown scale "gigantic"');
    const faults = run('--faults', '503:sometimes');
    expect(faults.status).toBe(2);
    expect(faults.stderr).toContain('needs a value');
    const version = run('--octopus-version', '3.17');
    expect(version.status).toBe(2);
    expect(version.stderr).toContain('unknown Octopus version "3.17": use one of 2018.10, 2019.7');
    const base = run('--base-path', '/a b');
    expect(base.status).toBe(2);
    expect(base.stderr).toContain('e.g. /octopus');
  });
});
