import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestEmulator } from './test-helpers';

type Item = { Id: string; Category: string; RelatedDocumentIds: string[]; Occurred: string; Message: string };

let emu: Awaited<ReturnType<typeof startTestEmulator>>['emu'];
let admin: Client;

beforeAll(async () => {
  ({ emu, admin } = await startTestEmulator());
});
afterAll(() => emu.close());

const feed = async (query: string) => (await admin.get(`/api/Spaces-1/events?${query}`)).json as { Items: Item[]; TotalResults: number };

describe('a project’s configuration changes in the event feed', () => {
  it('are served for their document types only, newest first, up to the clock, each lifecycle once', async () => {
    const all = await feed('documentTypes=DeploymentProcesses,Lifecycles,Channels&take=1000');
    expect(all.TotalResults).toBeGreaterThan(0);
    const times = all.Items.map((e) => Date.parse(e.Occurred));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const t of times) expect(t).toBeLessThanOrEqual(emu.now());
    expect(new Set(all.Items.map((e) => e.Id)).size).toBe(all.Items.length);
    for (const e of all.Items) expect(e.Category).toBe('Modified');
    const lifecycleEvents = all.Items.filter((e) => e.RelatedDocumentIds[0].startsWith('Lifecycles-'));
    expect(new Set(lifecycleEvents.map((e) => `${e.RelatedDocumentIds[0]}@${e.Occurred}`)).size).toBe(lifecycleEvents.length);
    // The feed the sync reads has none of them.
    const sync = await feed('eventCategories=Modified&take=1000');
    expect(sync.Items.some((e) => Number(e.Id.slice(7)) >= 900_000_000)).toBe(false);
  });

  it('filter by the project and its lifecycle (regardingAny) and by date', async () => {
    const any = await feed('documentTypes=DeploymentProcesses&take=1');
    const project = emu.history().Spaces[0].Projects.find((p) => p.Id === any.Items[0].RelatedDocumentIds[1])!;
    const mine = await feed(`documentTypes=DeploymentProcesses,Lifecycles,Channels&regardingAny=${project.Id},${project.LifecycleId}&take=1000`);
    expect(mine.Items.length).toBeGreaterThan(0);
    for (const e of mine.Items) expect(e.RelatedDocumentIds.some((id) => id === project.Id || id === project.LifecycleId)).toBe(true);
    const process = mine.Items.filter((e) => e.RelatedDocumentIds[0] === `deploymentprocess-${project.Id}`);
    expect(process.length).toBeGreaterThan(0);
    const cut = process[0].Occurred;
    const before = await feed(`documentTypes=DeploymentProcesses&regardingAny=${project.Id}&to=${encodeURIComponent(cut)}&take=1000`);
    expect(before.Items.map((e) => e.Id)).toEqual(process.slice(1).map((e) => e.Id));
  });
});
