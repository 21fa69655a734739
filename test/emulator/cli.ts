/**
 * npm run emulator -- [--scale tiny|demo|large|huge] [--seed N] [--now ISO|ms] [--data history.json]
 *                     [--port N] [--host H] [--faults SPEC] [--same-site Lax|Strict]
 *                     [--session-timeout MIN] [--base-path /octopus] [--octopus-version V] [--write FILE]
 *
 * Serves the emulator until interrupted; with `--write FILE` writes the history file and exits instead.
 */
import { normaliseBasePath } from './base-path';
import { parseFaultSpec } from './faults';
import { octopusProfile, profileNames } from './profiles';
import { isScaleName } from './generator/scales';
import { HistoryFileError } from './history-load';
import { writeHistoryFile } from './history-write';
import { parseDate } from './octopus-time';
import { createStore, type EmulatorOptions, startEmulator } from './server';
import { EMULATOR_USERS } from './users';

const USAGE = `usage: npm run emulator -- [options]
  --scale tiny|demo|large|huge   generated history size (default demo)
  --seed N                       generator seed (default 1)
  --now ISO|ms                   the clock; history ends here (default: now, rounded down to the minute)
  --data FILE                    serve a history file instead of generating one
  --write FILE                   write the history file and exit
  --port N                       default 8080 (0 = any free port)
  --host H                       default 127.0.0.1
  --faults SPEC                  e.g. 503:rate=0.1,429:every=20:retryAfter=1,latency=50ms
  --same-site Lax|Strict         session cookies' SameSite (default Lax)
  --session-timeout MIN          sliding session timeout in minutes (default 20)
  --base-path PATH               serve Octopus under a path, as behind a reverse proxy (e.g. /octopus)
  --octopus-version V            behave as that Octopus release: ${profileNames().join(', ')} (default current)`;

function fail(message: string): never {
  console.error(`emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): EmulatorOptions & { write?: string } {
  const opts: EmulatorOptions & { write?: string } = { port: 8080 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${name} needs a value`);
      return v;
    };
    const int = (v: string) => {
      if (!/^\d+$/.test(v)) fail(`${name} must be a whole number, got "${v}"`);
      return Number(v);
    };
    switch (name) {
      case '--scale': {
        const v = value();
        if (!isScaleName(v)) fail(`unknown scale "${v}"`);
        opts.scale = v;
        break;
      }
      case '--seed':
        opts.seed = int(value());
        break;
      case '--now': {
        const v = value();
        const ms = /^\d+$/.test(v) ? Number(v) : parseDate(v);
        if (Number.isNaN(ms)) fail(`--now must be epoch milliseconds or an ISO date, got "${v}"`);
        opts.now = ms;
        break;
      }
      case '--data':
        opts.data = value();
        break;
      case '--write':
        opts.write = value();
        break;
      case '--port':
        opts.port = int(value());
        break;
      case '--host':
        opts.host = value();
        break;
      case '--faults': {
        const v = value();
        try {
          parseFaultSpec(v);
        } catch (e) {
          fail((e as Error).message);
        }
        opts.faults = v;
        break;
      }
      case '--same-site': {
        const v = value();
        const norm = v.charAt(0).toUpperCase() + v.slice(1).toLowerCase();
        if (norm !== 'Lax' && norm !== 'Strict') fail(`--same-site must be Lax or Strict, got "${v}"`);
        opts.sameSite = norm;
        break;
      }
      case '--session-timeout': {
        const v = Number(value());
        if (!(v > 0)) fail('--session-timeout must be a positive number of minutes');
        opts.sessionTimeoutMinutes = v;
        break;
      }
      case '--base-path': {
        try {
          opts.basePath = normaliseBasePath(value());
        } catch (e) {
          fail((e as Error).message);
        }
        break;
      }
      case '--octopus-version': {
        const v = value();
        try {
          opts.octopusVersion = octopusProfile(v).name;
        } catch (e) {
          fail((e as Error).message);
        }
        break;
      }
      default:
        fail(`unknown option "${arg}"`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  try {
    if (opts.write) {
      const store = createStore(opts);
      console.log(`generated ${store.deployments.length} deployments in ${Math.round(performance.now() - started)} ms`);
      await writeHistoryFile(store, opts.write);
      console.log(`wrote ${opts.write} in ${Math.round(performance.now() - started)} ms`);
      return;
    }
    const emu = await startEmulator(opts);
    const s = emu.store;
    console.log(`Octopus emulator at ${emu.url}  (web UI ${emu.url}/app, API ${emu.url}/api)`);
    console.log(
      `  ${opts.data ? `history ${opts.data}` : `scale ${opts.scale ?? 'demo'}, seed ${opts.seed ?? 1}`}, now ${new Date(emu.now()).toISOString()}, ` +
        `${s.deployments.length} deployments, ${s.releases.length} releases, ${s.events.length} events ` +
        `(ready in ${Math.round(performance.now() - started)} ms)`,
    );
    console.log(`  behaves as Octopus ${octopusProfile(opts.octopusVersion).version}${opts.basePath ? `, under ${opts.basePath}` : ''}; InstallationId ${emu.installationId}`);
    for (const u of Object.values(EMULATOR_USERS)) console.log(`  sign in as ${u.username} / ${u.password}: ${u.description}`);
    console.log(`  control: ${emu.url}/__emulator`);
    if (opts.faults) console.log(`  faults: ${opts.faults}`);
    const stop = async () => {
      await emu.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    if (e instanceof HistoryFileError) {
      console.error(`emulator: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

await main();
