import { describe, expect, it } from 'vitest';
import { createOctopusClient } from '@/lib/octopus/client';
import { projectChanges } from '@/lib/octopus/events';
import { fakeFetch, ORIGIN, pagedResponse } from './fake-octopus';

const event = (id: number, occurred: string, related: string[], message: string) => ({ Id: `Events-${id}`, Category: 'Modified', RelatedDocumentIds: related, Occurred: occurred, Message: message });

describe('projectChanges', () => {
  it('asks once for the project’s and its lifecycle’s process, lifecycle and channel changes, and tells them apart', async () => {
    const items = [
      event(3, '2026-10-21T15:17:00.000+00:00', ['Channels-4', 'Projects-1'], 'Channel Default modified'),
      event(2, '2026-10-20T18:04:00.000+00:00', ['deploymentprocess-Projects-1', 'Projects-1'], 'Deployment process modified'),
      event(1, '2026-09-10T18:10:00.000+10:00', ['Lifecycles-1'], 'Lifecycle modified'),
      event(0, 'not a date', ['Lifecycles-1'], 'Damaged'),
      event(9, '2026-09-01T00:00:00Z', ['Projects-1'], 'Something else'),
    ];
    const fake = fakeFetch((url) => pagedResponse(items, url, 'Event'));
    const client = createOctopusClient({ origin: ORIGIN, fetch: fake.fetch });
    const changes = await projectChanges(client, 'Spaces-1', { project: 'Projects-1', lifecycle: 'Lifecycles-1' });
    expect(changes).toEqual([
      { id: 'Events-3', occurred: Date.UTC(2026, 9, 21, 15, 17), kind: 'channel', message: 'Channel Default modified' },
      { id: 'Events-2', occurred: Date.UTC(2026, 9, 20, 18, 4), kind: 'process', message: 'Deployment process modified' },
      { id: 'Events-1', occurred: Date.UTC(2026, 8, 10, 8, 10), kind: 'lifecycle', message: 'Lifecycle modified' },
    ]);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0].rawUrl).toBe(`${ORIGIN}/api/Spaces-1/events?documentTypes=DeploymentProcesses,Lifecycles,Channels&regardingAny=Projects-1,Lifecycles-1&skip=0&take=30`);
  });
});
