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
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    env: { E2E_BROWSER: browser },
    fileParallelism: false,
    sequence: { groupOrder },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/emulator/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/unit/setup.ts'],
          testTimeout: 20_000,
        },
      },
      e2e('chromium', 1),
      e2e('firefox', 2),
    ],
  },
});
