import { describe, expect, it } from 'vitest';
import { editorLists, environmentGroupOf, problemLabel, toggled } from '@/lib/report/editor-model';
import { resolveReport } from '@/lib/report/resolve-report';
import { definition, reportHistory } from './fixture';

const dims = reportHistory().dims;
const id = (list: { id: string; name: string }[], name: string) => list.find((x) => x.name === name)!.id;

describe('the report editor’s lists', () => {
  it('offer every visible project group, project, channel, environment and tenant, by name', () => {
    const draft = definition();
    const lists = editorLists(dims, draft, resolveReport(dims, draft));
    expect(lists.projectGroups.map((g) => g.label)).toEqual(['Data', 'Default Project Group', 'Services', 'Web']);
    expect(lists.projects).toHaveLength(13);
    expect(lists.projects[0]).toEqual({ id: id(dims.projects, 'P01'), label: 'P01', note: 'Web' });
    expect(lists.channels[0]).toEqual({ id: expect.any(String), label: 'P01 — Default', note: '(default)' });
    expect(lists.environments.map((e) => e.name)).toEqual(['Development', 'Test', 'Staging', 'Production']);
    expect(lists.tenants.find((t) => t.label === 'Acme')).toMatchObject({ note: 'Region/EU, Tier/Gold' });
    expect(lists.tenants.find((t) => t.label === 'Internal')?.note).toBeUndefined();
    expect(lists.tagSets.map(([set]) => set)).toEqual(['Region', 'Tier']);
    expect(lists.hidden).toBe(0);
  });

  it('say which projects and default channels come in through a chosen group or project', () => {
    const draft = definition({ projectGroupIds: [id(dims.projectGroups, 'Web')] });
    const lists = editorLists(dims, draft, resolveReport(dims, draft));
    expect(lists.projects.find((p) => p.label === 'P01')?.note).toBe('Web · included');
    expect(lists.projects.find((p) => p.label === 'P02')?.note).toBe('Services');
    expect(lists.channels.find((c) => c.label === 'P01 — Default')?.note).toBe('(default, included through its project)');
    expect(lists.channels.find((c) => c.label === 'P01 — Hotfix')?.note).toBeUndefined();
  });

  it('count the selections the user cannot see, and keep them', () => {
    const draft = definition({ projectIds: ['Projects-999'], tenantIds: ['Tenants-404'] });
    expect(editorLists(dims, draft, resolveReport(dims, draft)).hidden).toBe(2);
  });

  it('give an environment to one group only, the first that has it', () => {
    const draft = definition({
      environmentGroups: [
        { name: 'Pre', environmentIds: ['Environments-1', 'Environments-2'] },
        { name: 'Prod', environmentIds: ['Environments-2', 'Environments-4'] },
      ],
    });
    expect([...environmentGroupOf(draft)]).toEqual([
      ['Environments-1', 0],
      ['Environments-2', 0],
      ['Environments-4', 1],
    ]);
  });
});

describe('editor helpers', () => {
  it('toggle a choice, keeping the order chosen', () => {
    expect(toggled(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it('name where a problem is in the editor’s words', () => {
    expect(problemLabel('name')).toBe('Name');
    expect(problemLabel('timeZone')).toBe('Time zone');
    expect(problemLabel('tenantTags.3')).toBe('Tenant tags');
    expect(problemLabel('environmentGroups')).toBe('Environment groups');
    expect(problemLabel('environmentGroups.1.name')).toBe('Environment group 2');
    expect(problemLabel('')).toBe('Report');
  });
});
