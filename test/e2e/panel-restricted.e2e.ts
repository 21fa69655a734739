/**
 * The panel for a user Octopus restricts: only what the emulator shows that user may appear — in the
 * filters, the numbers and the CSV — and a project they cannot see is explained, not shown.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { parseCsv } from '../support/reference-metrics';
import { type ExtensionBrowser, launchWithExtension, signIn, waitForPanelFrame, waitForDownload } from './browser';

const SPACE = 'Spaces-1';
let emulator: RunningEmulator;
let ext: ExtensionBrowser;
let page: Page;
/** What the emulator shows the restricted user, read through the API with their cookies. */
let visible: { projects: Map<string, string>; environments: Map<string, string>; tenants: Map<string, string> };

async function listAsUser(resource: string): Promise<Map<string, string>> {
  return new Map(
    await page.evaluate(async (url) => {
      const items: [string, string][] = [];
      for (let skip = 0; ; skip += 500) {
        const body = await (await fetch(`${url}&skip=${skip}&take=500`, { credentials: 'include' })).json();
        for (const item of body.Items) items.push([item.Id, item.Name]);
        if (!body.Links['Page.Next']) return items;
      }
    }, `${emulator.url}/api/${SPACE}/${resource}?x=1`),
  );
}

async function openPanel(slug: string): Promise<Frame> {
  await page.goto(`${emulator.url}/app#/${SPACE}/projects/${slug}/deployments?doraLens=insights&range=lastYear`);
  return waitForPanelFrame(page, { project: slug });
}

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'demo', port: 0, seed: 9 });
  ext = await launchWithExtension();
  page = await ext.browser.newPage();
  await signIn(page, emulator.url, EMULATOR_USERS.restricted);
  visible = { projects: await listAsUser('projects'), environments: await listAsUser('environments'), tenants: await listAsUser('tenants') };
});

afterAll(async () => {
  await ext?.close();
  await emulator?.close();
});

describe('panel for a restricted user', () => {
  it('offers only the environments and tenants Octopus lets the user see, and exports only their deployments', async () => {
    const space = emulator.history().Spaces[0];
    const hidden = space.Environments.filter((e) => !visible.environments.has(e.Id));
    expect(hidden.length).toBeGreaterThan(0);
    // A tenanted project the user may see, so the tenant filter is there.
    const project = space.Projects.find((p) => visible.projects.has(p.Id) && p.TenantedDeploymentMode !== 'Untenanted') ?? space.Projects.find((p) => visible.projects.has(p.Id))!;
    const frame = await openPanel(project.Slug);
    await frame.waitForSelector('#f-environment', { timeout: 60_000 });

    const options = (id: string) => frame.$$eval(`${id} option`, (els) => els.map((o) => (o as HTMLOptionElement).value));
    for (const env of await options('#f-environment')) expect(visible.environments.has(env), env).toBe(true);
    if (await frame.$('#f-tenant')) {
      for (const tenant of await options('#f-tenant')) expect(['all', 'untenanted', ...visible.tenants.keys()]).toContain(tenant);
    }
    const text = await frame.evaluate(() => document.body.textContent ?? '');
    for (const p of space.Projects.filter((p) => !visible.projects.has(p.Id))) expect(text).not.toContain(p.Name);
    for (const e of hidden) expect(text).not.toContain(e.Name);

    const downloads = mkdtempSync(path.join(tmpdir(), 'dora-lens-downloads-'));
    await ext.downloadsTo(downloads);
    // The space's sync done first: a panel re-rendered by its end would drop a click on the old button.
    await frame.waitForSelector('[data-testid="sync-bar"] button:not([disabled])', { timeout: 60_000 });
    const exportButton = await frame.$('[data-testid="export-csv"]:not([disabled])');
    expect(exportButton, 'the project has deployments to export in the last year').not.toBeNull();
    {
      await frame.click('[data-testid="export-csv"]:not([disabled])');
      const file = await waitForDownload(downloads);
      const [head, ...rows] = parseCsv(readFileSync(path.join(downloads, file), 'utf8'));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row[head.indexOf('Project')]).toBe(project.Name);
        expect([...visible.environments.values()]).toContain(row[head.indexOf('Environment')]);
        const tenant = row[head.indexOf('Tenant')];
        if (tenant) expect([...visible.tenants.values()]).toContain(tenant);
      }
    }
  });

  it('explains a project the user cannot see instead of showing it', async () => {
    const forbidden = emulator.history().Spaces[0].Projects.find((p) => !visible.projects.has(p.Id))!;
    const frame = await openPanel(forbidden.Slug);
    // Octopus was asked and answered 403: the panel says so, not a guess between "not synced" and "no access".
    const notice = await frame.waitForSelector('[data-testid="project-forbidden"]', { timeout: 60_000 });
    expect(await notice!.evaluate((el) => el.textContent)).toContain('permission');
    expect(await frame.evaluate(() => document.body.textContent ?? '')).not.toContain(forbidden.Name);
  });
});
