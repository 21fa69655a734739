/**
 * Measures the emulator: generation time and peak memory (RSS) per scale, each in a fresh process, and
 * how fast it serves pages of 1000 items on the `large` scale. Figures go into README.md.
 *
 *   npx tsx test/emulator/measure.ts            # demo, large and huge, then serving at large
 *   npx tsx test/emulator/measure.ts --scales large
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateStore } from './generator/index';
import type { ScaleName } from './generator/scales';
import { startEmulator } from './server';

const NOW = Date.UTC(2025, 5, 18, 14, 37);
const args = process.argv.slice(2);

function generateInThisProcess(scale: ScaleName): void {
  const started = performance.now();
  const store = generateStore({ scale, seed: 1, now: NOW });
  const ms = performance.now() - started;
  console.log(
    JSON.stringify({
      scale,
      ms: Math.round(ms),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1e6),
      deployments: store.deployments.length,
      releases: store.releases.length,
      tasks: store.tasks.length,
      events: store.events.length,
    }),
  );
}

async function serving(): Promise<void> {
  const emu = await startEmulator({ scale: 'large', seed: 1, now: NOW, port: 0 });
  const { headers } = await emu.signIn('admin');
  console.log(`\nserving pages of 1000 on large (${emu.store.deployments.length} deployments), client parsing included:`);
  for (const path of ['/api/Spaces-1/deployments', '/api/Spaces-1/tasks', '/api/Spaces-1/events', '/api/Spaces-1/releases']) {
    let items = 0;
    let bytes = 0;
    // One warm-up page, then 30.
    await fetch(`${emu.url}${path}?take=1000`, { headers });
    const started = performance.now();
    for (let skip = 0; skip < 30_000; skip += 1000) {
      const text = await (await fetch(`${emu.url}${path}?skip=${skip}&take=1000`, { headers })).text();
      bytes += text.length;
      items += (JSON.parse(text) as { Items: unknown[] }).Items.length;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  ${path.padEnd(28)} ${String(Math.round(items / seconds)).padStart(7)} items/s  ${Math.round(bytes / items)} bytes/item`,
    );
  }
  await emu.close();
}

if (args[0] === '--child') {
  generateInThisProcess(args[1] as ScaleName);
} else {
  const at = args.indexOf('--scales');
  const scales = (at >= 0 ? args[at + 1] : 'demo,large,huge').split(',') as ScaleName[];
  console.log(`generation (seed 1), each in a fresh process, ${process.version}:`);
  const self = fileURLToPath(import.meta.url);
  for (const scale of scales) {
    const out = execFileSync(process.execPath, [...process.execArgv, self, '--child', scale], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').at(-1)!);
    console.log(
      `  ${scale.padEnd(6)} ${String(r.deployments).padStart(8)} deployments ${String(r.events).padStart(8)} events  ` +
        `${(r.ms / 1000).toFixed(1)} s  peak RSS ${r.maxRssMB} MB`,
    );
  }
  await serving();
}
