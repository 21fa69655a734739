import { describe, expect, it } from 'vitest';
import { createOctopusClient } from '@/lib/octopus/client';
import { Forbidden, NotFound } from '@/lib/octopus/errors';
import { getProject } from '@/lib/octopus/projects';
import { fakeFetch, fixture, json, ORIGIN, octopusError } from './fake-octopus';

/** Octopus as the restricted user sees it: one project by slug or id, one forbidden, the rest missing. */
function octopus() {
  const fake = fakeFetch((url) => {
    if (url.pathname === '/api/Spaces-1/projects/web' || url.pathname === '/api/Spaces-1/projects/Projects-1') return json(fixture('project'));
    if (url.pathname === '/api/Spaces-1/projects/billing') return octopusError(403, 'You do not have permission to perform this action. Missing permission: ProjectView');
    return octopusError(404, `The resource '${url.pathname}' was not found.`);
  });
  return { client: createOctopusClient({ origin: ORIGIN, fetch: fake.fetch }), calls: fake.calls };
}

describe('getProject', () => {
  it('asks for one project at its own path, by slug or id', async () => {
    const { client, calls } = octopus();
    expect((await getProject(client, 'Spaces-1', 'web')).Id).toBe(fixture<{ Id: string }>('project').Id);
    await getProject(client, 'Spaces-1', 'Projects-1');
    expect(calls.map((c) => c.url.pathname)).toEqual(['/api/Spaces-1/projects/web', '/api/Spaces-1/projects/Projects-1']);
  });

  it('tells a project Octopus forbids (403) from one that does not exist (404)', async () => {
    const { client } = octopus();
    await expect(getProject(client, 'Spaces-1', 'billing')).rejects.toBeInstanceOf(Forbidden);
    await expect(getProject(client, 'Spaces-1', 'gone')).rejects.toBeInstanceOf(NotFound);
  });
});
