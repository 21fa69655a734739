import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HISTORY_FORMAT } from './history-file';
import { HistoryFileError, loadHistory, readHistoryFile } from './history-load';
import { startEmulator } from './server';
import { Client, NOW } from './test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'emulator-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENDPOINTS = [
  '/api',
  '/api/spaces',
  '/api/Spaces-1',
  '/api/Spaces-1/projects/all',
  '/api/Spaces-1/projectgroups',
  '/api/Spaces-1/environments',
  '/api/Spaces-1/channels?take=100',
  '/api/Spaces-1/tenants',
  '/api/Spaces-1/tagsets',
  '/api/Spaces-1/lifecycles',
  '/api/Spaces-1/releases?take=1000',
  '/api/Spaces-1/deployments?take=1000',
  '/api/Spaces-2/deployments?take=1000',
  '/api/Spaces-1/tasks?take=2000',
  '/api/tasks?take=3000',
  '/api/Spaces-1/interruptions?take=1000',
  '/api/Spaces-1/events?take=3000',
  '/api/events?take=5000',
  '/api/Spaces-1/dashboard',
  '/api/users/Users-1/permissions',
];

describe('history file', () => {
  it('round trip: written, then served with --data, gives identical responses (admin and restricted)', async () => {
    const original = await startEmulator({ scale: 'tiny', seed: 5, now: NOW, port: 0 });
    const file = join(dir, 'tiny.json');
    await original.writeHistory(file);
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    expect(parsed.Format).toBe(HISTORY_FORMAT);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(original.history())));

    const copy = await startEmulator({ data: file, port: 0 });
    try {
      expect(copy.installationId).toBe(original.installationId);
      expect(copy.now()).toBe(original.now());
      for (const who of ['admin', 'restricted'] as const) {
        const a = new Client(original, await original.signIn(who));
        const b = new Client(copy, await copy.signIn(who));
        for (const path of ENDPOINTS) {
          const [x, y] = await Promise.all([a.get(path), b.get(path)]);
          expect(y.status, `${who} ${path}`).toBe(x.status);
          expect(y.text, `${who} ${path}`).toBe(x.text);
        }
      }
      expect(JSON.stringify(copy.history())).toBe(JSON.stringify(original.history()));
      // Release creations are derived from the releases, so the loaded copy has them too.
      const created = await new Client(copy, await copy.signIn('admin')).all('/api/events?eventCategories=ReleaseCreated', 1000);
      expect(created).toHaveLength(parsed.Spaces.reduce((a: number, s: { Releases: unknown[] }) => a + s.Releases.length, 0));
    } finally {
      await original.close();
      await copy.close();
    }
  });

  it('serves a terse hand-made scenario, filling Octopus defaults', async () => {
    const file = join(dir, 'hand-made.json');
    const at = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
    writeFileSync(
      file,
      JSON.stringify({
        Format: HISTORY_FORMAT,
        Version: 1,
        InstallationId: '11111111-2222-4333-8444-555555555555',
        Now: new Date(NOW).toISOString(),
        Spaces: [
          {
            Space: { Id: 'Spaces-1', Name: 'Default' },
            Environments: [
              { Id: 'Environments-1', Name: 'Test' },
              { Id: 'Environments-2', Name: 'Production' },
            ],
            ProjectGroups: [{ Id: 'ProjectGroups-1', Name: 'Apps' }],
            Lifecycles: [
              {
                Id: 'Lifecycles-1',
                Name: 'Default',
                Phases: [
                  { Name: 'Test', AutomaticDeploymentTargets: ['Environments-1'] },
                  { Name: 'Production', OptionalDeploymentTargets: ['Environments-2'] },
                ],
              },
            ],
            Projects: [{ Id: 'Projects-1', Name: 'Shop', ProjectGroupId: 'ProjectGroups-1', LifecycleId: 'Lifecycles-1' }],
            Channels: [{ Id: 'Channels-1', Name: 'Default', ProjectId: 'Projects-1', IsDefault: true }],
            Releases: [{ Id: 'Releases-1', ProjectId: 'Projects-1', ChannelId: 'Channels-1', Version: '1.0.0', Assembled: at(120) }],
            Deployments: [
              {
                Id: 'Deployments-1',
                ReleaseId: 'Releases-1',
                EnvironmentId: 'Environments-1',
                TenantId: null,
                TaskId: 'ServerTasks-1',
                Created: at(100),
              },
              {
                Id: 'Deployments-2',
                ReleaseId: 'Releases-1',
                EnvironmentId: 'Environments-2',
                TaskId: 'ServerTasks-2',
                Created: at(10),
              },
            ],
            Tasks: [
              {
                Id: 'ServerTasks-1',
                Name: 'Deploy',
                Arguments: { DeploymentId: 'Deployments-1' },
                State: 'Failed',
                QueueTime: at(100),
                StartTime: at(99),
                CompletedTime: at(95),
              },
              {
                Id: 'ServerTasks-2',
                Name: 'Deploy',
                Arguments: { DeploymentId: 'Deployments-2' },
                State: 'Executing',
                QueueTime: at(10),
                StartTime: at(9),
              },
            ],
          },
        ],
      }),
    );
    const emu = await startEmulator({ data: file, port: 0 });
    try {
      const admin = new Client(emu, await emu.signIn('admin'));
      const project = (await admin.get('/api/Spaces-1/projects/shop')).json;
      expect(project).toMatchObject({ Id: 'Projects-1', TenantedDeploymentMode: 'Untenanted', Links: { Web: '/app#/Spaces-1/projects/Projects-1' } });
      const deployments = (await admin.get('/api/Spaces-1/deployments')).json;
      expect(deployments.Items.map((d: { Id: string; Name: string }) => [d.Id, d.Name])).toEqual([
        ['Deployments-2', 'Deploy to Production'],
        ['Deployments-1', 'Deploy to Test'],
      ]);
      const task = (await admin.get('/api/tasks/ServerTasks-1')).json;
      expect(task).toMatchObject({ State: 'Failed', Description: 'Deploy Shop release 1.0.0 to Test', Duration: '4 minutes' });
      const events = (await admin.get('/api/Spaces-1/events')).json.Items.map((e: { Category: string }) => e.Category);
      expect(events.sort()).toEqual(
        ['DeploymentFailed', 'DeploymentQueued', 'DeploymentQueued', 'DeploymentStarted', 'DeploymentStarted', 'ReleaseCreated'].sort(),
      );
      // The running task gets a plan and finishes when the clock moves.
      emu.advance({ minutes: 60 });
      expect(['Success', 'Failed']).toContain((await admin.get('/api/tasks/ServerTasks-2')).json.State);
      // Without Users in the file, both emulator users exist.
      expect((await emu.signIn('restricted')).cookie).toContain('OctopusIdentificationToken_');
    } finally {
      await emu.close();
    }
  });

  it('rejects an invalid file with messages naming what is wrong and where', () => {
    const base = {
      Format: HISTORY_FORMAT,
      Version: 1,
      InstallationId: '11111111-2222-4333-8444-555555555555',
      Now: new Date(NOW).toISOString(),
    };
    const problems = (json: unknown) => {
      try {
        loadHistory(json);
      } catch (e) {
        expect(e).toBeInstanceOf(HistoryFileError);
        return (e as HistoryFileError).problems;
      }
      throw new Error('expected the file to be rejected');
    };
    expect(problems({ ...base, Format: 'other' })).toContain('$.Format: expected "dora-lens-emulator-history", got "other"');
    expect(problems({ ...base, Now: 'yesterday' })[0]).toMatch(/^\$\.Now: expected a date/);
    expect(problems({ ...base, Spaces: [] })).toContain('$.Spaces: expected at least one space');
    const space = {
      Space: { Id: 'Spaces-1', Name: 'Default' },
      Environments: [{ Id: 'Environments-1', Name: 'Test' }],
      ProjectGroups: [{ Id: 'ProjectGroups-1', Name: 'Apps' }],
      Lifecycles: [{ Id: 'Lifecycles-1', Name: 'L', Phases: [] }],
      Projects: [{ Id: 'Projects-1', Name: 'Shop', ProjectGroupId: 'ProjectGroups-9', LifecycleId: 'Lifecycles-1' }],
    };
    expect(problems({ ...base, Spaces: [space] })).toContain(
      '$.Spaces[0].Projects[0].ProjectGroupId: "ProjectGroups-9" does not match any project group in Spaces-1',
    );
    const good = { ...space, Projects: [{ ...space.Projects[0], ProjectGroupId: 'ProjectGroups-1' }], Channels: [{ Id: 'Channels-1', Name: 'Default', ProjectId: 'Projects-1' }] };
    const deployment = {
      ...base,
      Spaces: [
        {
          ...good,
          Releases: [{ Id: 'Releases-1', ProjectId: 'Projects-1', ChannelId: 'Channels-1', Version: '1', Assembled: base.Now }],
          Tasks: [{ Id: 'ServerTasks-1', Name: 'Deploy', Arguments: { DeploymentId: 'Deployments-1' }, State: 'Success', QueueTime: base.Now }],
          Deployments: [{ Id: 'Deployments-1', ReleaseId: 'Releases-1', EnvironmentId: 'Environments-7', TaskId: 'ServerTasks-1', Created: base.Now }],
        },
      ],
    };
    const found = problems(deployment);
    expect(found).toContain('$.Spaces[0].Tasks[0].CompletedTime: is required when State is Success');
    expect(() => readHistoryFile(join(dir, 'missing.json'))).toThrow(/cannot be read/);
  });
});
