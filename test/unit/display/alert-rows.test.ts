import { describe, expect, it } from 'vitest';
import { alertRows } from '@/lib/display/alert-rows';

const followed = [
  { server: 'https://o.example', userId: 'Users-1', space: 'Spaces-1', projectId: 'Projects-1', name: 'Web' },
  { server: 'http://o2.example:8080', userId: 'Users-2', space: 'Spaces-3', projectId: 'Projects-1', name: '<b>Api</b>' },
];
const alert = (id: string, at: number, read: boolean) => ({ id, at, server: 'https://o.example', space: 'Spaces-1', projectId: 'Projects-1', projectName: 'Web', title: `t${id}`, message: 'm', read });

describe('alertRows', () => {
  it('lists followed projects with their last alert, and alerts newest first', () => {
    const rows = alertRows(followed, [alert('1', Date.UTC(2026, 11, 1, 9), true), alert('2', Date.UTC(2026, 11, 3, 12), false)], 'UTC');
    expect(rows.followed).toEqual([
      { key: 'https://o.example Users-1 Spaces-1 Projects-1', name: 'Web', where: 'o.example · Spaces-1', lastAlert: '3 Dec 2026, 12:00' },
      // Same project id on another server and user: not the same project, no alert.
      { key: 'http://o2.example:8080 Users-2 Spaces-3 Projects-1', name: '<b>Api</b>', where: 'o2.example:8080 · Spaces-3', lastAlert: 'No alert yet' },
    ]);
    expect(rows.alerts.map((a) => [a.id, a.when, a.unread])).toEqual([
      ['2', '3 Dec 2026, 12:00', true],
      ['1', '1 Dec 2026, 09:00', false],
    ]);
  });
});
