/**
 * The README's quick start: `npm start` builds the extension, starts the emulator and opens a project's
 * panel in Chromium. Without a display it runs headless, saves a screenshot and exits; it exits 1 when the
 * panel draws no chart. Run here exactly so (a free port, headless), so that the demo cannot break unseen:
 * it once waited for the panel's frame through the host element's shadow root after that root was closed.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/browser';

describe('npm start (the demo)', () => {
  it('opens the busiest project’s panel, draws its charts, saves a screenshot and exits', async () => {
    const started = Date.now();
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, HEADLESS: '1', PORT: '0' } });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, output }));
    });
    expect(output).not.toContain('drew no chart');
    expect(code, output).toBe(0);
    const shot = /Screenshot of (.+) with DORA Lens: (\S+)/.exec(output);
    expect(shot, output).not.toBeNull();
    expect(statSync(path.join(ROOT, shot![2])).mtimeMs).toBeGreaterThanOrEqual(started);
  }, 300_000);
});
