/**
 * What a server offers, from real API roots of several Octopus versions (test/fixtures/octopus-api/roots/,
 * sources in its README) and the request reading it.
 */
import { describe, expect, it } from 'vitest';
import { createOctopusClient } from '@/lib/octopus/client';
import { UnsupportedServer } from '@/lib/octopus/errors';
import { type ApiRoot, ApiRootSchema } from '@/lib/octopus/schemas';
import { describeServer, getServerInfo, requireSupported } from '@/lib/octopus/server-info';
import { fakeFetch, fixture, json, ORIGIN } from './fake-octopus';

const root = (name: string): ApiRoot => ApiRootSchema.parse(fixture(`roots/${name}`));
const SPACES_MESSAGE = 'not supported: DORA Lens needs Spaces, introduced in 2019.1.';

describe('describeServer', () => {
  it('2019.7.12: supported, with Spaces and the event feed’s auto id, but no task date filters', () => {
    expect(describeServer(root('2019.7.12'))).toEqual({
      version: '2019.7.12',
      supported: true,
      capabilities: { spaces: true, taskCompletedDateFilter: false, eventAutoIdFilter: true },
    });
  });

  it('2022.1.2386 (the docs’ example, a few links only): its task link filters by completion date', () => {
    expect(describeServer(root('2022.1.2386')).capabilities.taskCompletedDateFilter).toBe(true);
  });

  it('2023.1.9626: supported, with every capability', () => {
    const info = describeServer(root('2023.1.9626'));
    expect(info.supported).toBe(true);
    expect(info.reason).toBeUndefined();
    expect(info.capabilities).toEqual({ spaces: true, taskCompletedDateFilter: true, eventAutoIdFilter: true });
  });

  it('Octopus 3.x: no Spaces, not supported, and the message says which versions and why', () => {
    const info = describeServer(root('3.x'));
    expect(info.supported).toBe(false);
    expect(info.capabilities.spaces).toBe(false);
    expect(info.reason).toBe(`Octopus 3.x and older is ${SPACES_MESSAGE} Ask your Octopus administrator about upgrading to 2019.1 or later.`);
  });

  it('2018.10: the message the user sees', () => {
    const info = describeServer({ ...root('3.x'), Version: '2018.10.12' });
    expect(info.reason).toMatch(/^Octopus 2018\.x and older is not supported: DORA Lens needs Spaces, introduced in 2019\.1\. /);
  });

  it('decides by the links, not the version number (development builds are 0.0.0-local)', () => {
    expect(describeServer({ ...root('2023.1.9626'), Version: '0.0.0-local' }).supported).toBe(true);
    const noSpaces = root('2019.7.12');
    delete noSpaces.Links.Spaces;
    delete noSpaces.Links.SpaceHome;
    expect(describeServer(noSpaces).reason).toMatch(/^This Octopus server \(2019\.7\.12\) is not supported: DORA Lens needs Spaces/);
  });

  it('needs the event feed’s fromAutoId filter', () => {
    const noAutoId = root('2023.1.9626');
    noAutoId.Links.Events = '/api/events{/id}{?skip,take,from,to}';
    const info = describeServer(noAutoId);
    expect(info.supported).toBe(false);
    expect(info.capabilities.eventAutoIdFilter).toBe(false);
    expect(info.reason).toContain('fromAutoId');
  });

  it('reads a task link without a query template as offering no filters', () => {
    const bare = root('2023.1.9626');
    bare.Links.Tasks = '/api/tasks';
    expect(describeServer(bare).capabilities.taskCompletedDateFilter).toBe(false);
  });
});

describe('getServerInfo / requireSupported', () => {
  it('asks the API root only, without a session, under the server’s base path', async () => {
    const fake = fakeFetch(() => json(fixture('roots/3.x')));
    const client = createOctopusClient({ origin: `${ORIGIN}/octopus`, fetch: fake.fetch });
    const info = await getServerInfo(client);
    expect(fake.calls.map((c) => c.url.pathname)).toEqual(['/octopus/api']);
    expect(info.supported).toBe(false);
    const error = (() => {
      try {
        requireSupported(info, `${client.origin}/api`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnsupportedServer);
    const unsupported = error as UnsupportedServer;
    expect(unsupported).toMatchObject({ kind: 'unsupported-version', transient: false, version: '3.17.4', url: `${ORIGIN}/octopus/api` });
    expect(unsupported.message).toBe(info.reason);
    // Survives runtime messaging (pages get the error as JSON).
    expect(JSON.parse(JSON.stringify(unsupported))).toMatchObject({ kind: 'unsupported-version', version: '3.17.4', message: info.reason });
  });

  it('lets a supported server through', () => {
    expect(() => requireSupported(describeServer(root('2019.7.12')))).not.toThrow();
  });
});
