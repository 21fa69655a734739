import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * The browser tests, once per browser: the same files, with `E2E_BROWSER` telling test/e2e/browser.ts which
 * browser to launch. The browsers take turns (`groupOrder`), and each runs one file at a time: one browser at
 * a time on a 2-core machine.
 */
const e2e = (browser: 'chromium' | 'firefox', groupOrder: number): TestProjectInlineConfiguration => ({
  test: {
    name: `e2e-${browser}`,
    // The demo (`npm start`) is Chromium's only: it is checked once, with Chromium's run.
    include: ['test/e2e/**/*.e2e.ts', ...(browser === 'chromium' ? ['test/demo/**/*.e2e.ts'] : [])],
    environment: 'node',
    env: { E2E_BROWSER: browser },
    fileParallelism: false,
    sequence: { groupOrder },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

const UNIT = ['test/unit/**/*.test.{ts,tsx}'];

/**
 * The unit tests of the parts that compute with dates — metrics, export, the chart, display, panel, report
 * and summary models — again in two other time zones, so nothing depends on the machine's: behind UTC with
 * daylight saving (New York) and ahead of it by a half hour (Kolkata). These parts are pure, so they run
 * without the browser's fakes (the `@/` alias is all they need of WXT's setup), which keeps the two extra
 * runs to about 20 s each on two cores.
 */
const ZONED = ['metrics', 'export', 'chart', 'display', 'panel', 'report', 'summary'].map((part) => `test/unit/${part}/**/*.test.{ts,tsx}`);
const unitInZone = (name: string, timeZone: string): TestProjectInlineConfiguration => ({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    name,
    include: ZONED,
    environment: 'node',
    env: { TZ: timeZone },
    testTimeout: 20_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: [...UNIT, 'test/emulator/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/unit/setup.ts'],
          testTimeout: 20_000,
        },
      },
      unitInZone('unit-new-york', 'America/New_York'),
      unitInZone('unit-kolkata', 'Asia/Kolkata'),
      e2e('chromium', 1),
      e2e('firefox', 2),
    ],
  },
});
