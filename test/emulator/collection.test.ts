import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './test-helpers';
import { startTestEmulator } from './test-helpers';

let admin: Client;
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await startTestEmulator();
  admin = t.admin;
  close = () => t.emu.close();
});
afterAll(() => close());

const idNumber = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));

describe('paging envelope', () => {
  it('defaults to take 30 and describes the pages', async () => {
    const { json } = await admin.get('/api/Spaces-1/deployments');
    expect(Object.keys(json)).toEqual(['ItemType', 'TotalResults', 'ItemsPerPage', 'NumberOfPages', 'LastPageNumber', 'Items', 'Links']);
    expect(json.ItemType).toBe('Deployment');
    expect(json.ItemsPerPage).toBe(30);
    expect(json.Items).toHaveLength(30);
    expect(json.TotalResults).toBeGreaterThan(60);
    expect(json.NumberOfPages).toBe(Math.ceil(json.TotalResults / 30));
    expect(json.LastPageNumber).toBe(json.NumberOfPages - 1);
    expect(json.Links['Page.Next']).toBe('/api/Spaces-1/deployments?skip=30&take=30');
    expect(json.Links['Page.Current']).toBe('/api/Spaces-1/deployments?skip=0&take=30');
    expect(json.Links['Page.All']).toBe('/api/Spaces-1/deployments?skip=0&take=2147483647');
    expect(json.Links['Page.Last']).toBe(`/api/Spaces-1/deployments?skip=${json.LastPageNumber * 30}&take=30`);
    expect(json.Links.Template).toBe(
      '/api/Spaces-1/deployments{/id}{?skip,take,ids,projects,environments,tenants,channels,taskState,partialName}',
    );
  });

  it('has Page.Next only while more pages exist', async () => {
    const first = await admin.get('/api/Spaces-1/deployments?take=50');
    const total = first.json.TotalResults;
    const lastSkip = first.json.LastPageNumber * 50;
    const last = await admin.get(`/api/Spaces-1/deployments?skip=${lastSkip}&take=50`);
    expect(last.json.Items.length).toBe(total - lastSkip);
    expect(last.json.Links['Page.Next']).toBeUndefined();
    const exact = await admin.get(`/api/Spaces-1/deployments?take=${total}`);
    expect(exact.json.NumberOfPages).toBe(1);
    expect(exact.json.LastPageNumber).toBe(0);
    expect(exact.json.Links['Page.Next']).toBeUndefined();
    const beyond = await admin.get(`/api/Spaces-1/deployments?skip=${total + 10}`);
    expect(beyond.json.Items).toEqual([]);
    expect(beyond.json.TotalResults).toBe(total);
  });

  it('echoes filters in links, in the template order, commas readable', async () => {
    const { json } = await admin.get('/api/Spaces-1/deployments?take=5&environments=Environments-1,Environments-2&projects=Projects-1');
    expect(json.Links.Self).toBe('/api/Spaces-1/deployments?skip=0&take=5&projects=Projects-1&environments=Environments-1,Environments-2');
  });

  it('pages cover every item exactly once', async () => {
    const total = (await admin.get('/api/Spaces-1/deployments?take=1')).json.TotalResults;
    const ids = (await admin.all('/api/Spaces-1/deployments', 7)).map((d) => d.Id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });

  it('rejects malformed paging with a 400 in Octopus error shape', async () => {
    const r = await admin.get('/api/Spaces-1/deployments?take=abc');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ ErrorMessage: expect.any(String), Errors: [expect.any(String)], ParsedHelpLinks: [], Details: {} });
  });
});

describe('ordering', () => {
  it.each([
    ['/api/Spaces-1/deployments', 'Created'],
    ['/api/Spaces-1/releases', 'Assembled'],
    ['/api/Spaces-1/tasks', 'QueueTime'],
    ['/api/Spaces-1/interruptions', 'Created'],
  ])('%s is newest first', async (path, field) => {
    const items = await admin.all(path, 100);
    expect(items.length).toBeGreaterThan(5);
    for (let i = 1; i < items.length; i++) {
      expect(idNumber(items[i - 1].Id)).toBeGreaterThan(idNumber(items[i].Id));
    }
    if (field !== 'QueueTime') {
      for (let i = 1; i < items.length; i++) {
        expect(Date.parse(items[i - 1][field])).toBeGreaterThanOrEqual(Date.parse(items[i][field]));
      }
    }
  });

  it('events are ordered by AutoId descending, which Occurred only roughly follows', async () => {
    const events = await admin.all('/api/Spaces-1/events', 500);
    for (let i = 1; i < events.length; i++) expect(idNumber(events[i - 1].Id)).toBeGreaterThan(idNumber(events[i].Id));
    const occurred = events.map((e) => Date.parse(e.Occurred));
    const inversions = occurred.filter((t, i) => i > 0 && t > occurred[i - 1]).length;
    expect(inversions).toBeGreaterThan(0);
    // …but never by more than the insertion lag.
    for (let i = 1; i < occurred.length; i++) expect(occurred[i] - occurred[i - 1]).toBeLessThan(1500);
  });
});

describe('Octopus formats', () => {
  it('ids, dates and links look like Octopus', async () => {
    const d = (await admin.get('/api/Spaces-1/deployments?take=1')).json.Items[0];
    expect(d.Id).toMatch(/^Deployments-\d+$/);
    expect(d.TaskId).toMatch(/^ServerTasks-\d+$/);
    expect(d.Created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    expect(d.Links.Web).toBe(`/app#/Spaces-1/deployments/${d.Id}`);
    expect(d.Name).toMatch(/^Deploy to [A-Za-z]+( for .+)?$/);
    const task = (await admin.get(`/api/tasks/${d.TaskId}`)).json;
    expect(task.Arguments).toEqual({ DeploymentId: d.Id });
    const done = (await admin.get('/api/Spaces-1/tasks?states=Success&take=1')).json.Items[0];
    expect(done.Completed).toMatch(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2} [AP]M$/);
    expect(done.Duration).toMatch(/^\d+ (second|minute|hour|day)s?$/);
    expect(done.Description).toMatch(/^Deploy .+ release .+ to .+$/);
  });

  it('404 and 405 use the errors contract', async () => {
    const missing = await admin.get('/api/Spaces-1/deployments/Deployments-999999');
    expect(missing.status).toBe(404);
    expect(missing.json.ErrorMessage).toContain('Deployments-999999');
    const wrongMethod = await admin.request('DELETE', '/api/Spaces-1/deployments');
    expect(wrongMethod.status).toBe(405);
  });

  it('serves legacy and /api/spaces/{id}/… routes from the default space', async () => {
    const a = await admin.get('/api/deployments?take=3');
    const b = await admin.get('/api/spaces/Spaces-1/deployments?take=3');
    const c = await admin.get('/api/Spaces-1/deployments?take=3');
    expect(a.json.Items).toEqual(c.json.Items);
    expect(b.json.Items).toEqual(c.json.Items);
  });
});
