/**
 * `npm start`: the demo. Builds the extension, starts the Octopus emulator with demo data, opens Chromium
 * with the extension loaded, signs in and lands on a project page. Without a display it says so, runs
 * headless and saves a screenshot instead.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { panelRoute } from '../../lib/host/panel-link';
import { startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { ROOT, launchWithExtension, screenshot, signIn, waitForPanelFrame } from '../e2e/browser';

const port = Number(process.env.PORT ?? 8066);
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.HEADLESS !== '1';

console.log('Building the extension…');
execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

console.log('Starting the Octopus emulator (demo scale)…');
const emulator = await startEmulator({ scale: 'demo', port });
// Open the project with the most deployments, so the demo shows a busy history.
const space = emulator.history().Spaces[0];
const counts = new Map<string, number>();
for (const d of space.Deployments) counts.set(d.ProjectId, (counts.get(d.ProjectId) ?? 0) + 1);
const project = [...space.Projects].sort((a, b) => (counts.get(b.Id) ?? 0) - (counts.get(a.Id) ?? 0))[0];
// Straight into the DORA Lens panel of that project (the entry in the project menu opens the same route).
const route = panelRoute('Spaces-1', project.Slug);
console.log(`Emulator: ${emulator.url}/app  (users: admin / ${EMULATOR_USERS.admin.password}, restricted / ${EMULATOR_USERS.restricted.password})`);

if (!hasDisplay) console.log('No display found (DISPLAY is not set): running Chromium headless and saving a screenshot instead.');
const chromium = await launchWithExtension({ headless: !hasDisplay });
const page = (await chromium.browser.pages())[0] ?? (await chromium.browser.newPage());
await signIn(page, emulator.url, EMULATOR_USERS.admin, route);
// Wait for the panel's first chart (the first sync of the demo space takes a moment). The panel's host element
// keeps a closed shadow root (the page cannot reach into it), so the frame is found among the page's frames.
const frame = await waitForPanelFrame(page, { timeout: 30_000 });
const drawn = await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 120_000 }).then(
  () => true,
  () => false,
);
if (!drawn) console.error('The panel drew no chart within two minutes: the extension or the emulator is not working (see the page).');

const stop = async () => {
  await chromium.close();
  await emulator.close();
};

if (hasDisplay) {
  console.log(`Chromium is open on ${project.Name}. Close the browser window (or press Ctrl+C) to stop.`);
  chromium.browser.on('disconnected', () => void emulator.close().then(() => process.exit(0)));
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
} else {
  const file = await screenshot(page, 'demo');
  console.log(`Screenshot of ${project.Name} with DORA Lens: ${path.relative(process.cwd(), file)}`);
  await stop();
  if (!drawn) process.exit(1);
}
