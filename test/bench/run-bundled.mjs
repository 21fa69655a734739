/**
 * Runs a benchmark as the extension ships its code: one bundle (esbuild, ESM, a single module scope, as
 * Vite/Rollup builds the extension's pages and worker), not module by module through tsx. Through tsx each
 * module's exports are reached through accessor functions at every use — in the metrics' hot loops
 * (`Outcome.Success`, `Has.LeadTime`, …) that alone cost more than the stream walk itself — so timing the
 * unbundled modules measured the test runner, not DORA Lens.
 *
 *   node test/bench/run-bundled.mjs test/bench/metrics.ts [args…]
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [entry, ...args] = process.argv.slice(2);
const outdir = join(root, 'node_modules/.cache/dora-lens-bench');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, `${basename(entry, '.ts')}.bundle.mjs`);
await build({
  entryPoints: [resolve(root, entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  alias: { '@': root },
  // Native and heavy peers stay outside the bundle; CommonJS dependencies need `require` in an ES module.
  packages: 'external',
  banner: { js: "import { createRequire as __bundledRequire } from 'node:module'; const require = __bundledRequire(import.meta.url);" },
  logLevel: 'warning',
});
const child = spawn(process.execPath, [outfile, ...args], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
