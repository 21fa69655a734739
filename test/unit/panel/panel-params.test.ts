import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, readPanelParams, writePanelParams } from '@/lib/panel/panel-params';

describe('panel parameters', () => {
  it('defaults to Octopus’s last quarter, weekly, all tenants', () => {
    expect(readPanelParams(new URLSearchParams())).toEqual({ range: 'lastQuarter', granularity: 'week', tenant: 'all' });
  });

  it('round-trips a full view and writes only what differs from the defaults', () => {
    const params = { range: 'custom' as const, from: '2026-01-01', to: '2026-03-31', granularity: 'month' as const, channel: 'Channels-3', environment: 'Environments-4', tenant: 'Tenants-2', zone: 'Asia/Kolkata' };
    const written = writePanelParams(params);
    expect(readPanelParams(written)).toEqual(params);
    expect(writePanelParams(DEFAULT_PARAMS).toString()).toBe('');
  });

  it('drops malformed or hostile values instead of failing', () => {
    const read = readPanelParams(new URLSearchParams('range=forever&granularity=hour&channel=<script>&environment=Environments-x&tenant=javascript:alert(1)&zone=Mars/Olympus'));
    expect(read).toEqual(DEFAULT_PARAMS);
    expect(readPanelParams(new URLSearchParams('zone=<img src=x>')).zone).toBeUndefined();
    expect(readPanelParams(new URLSearchParams('zone=America/New_York')).zone).toBe('America/New_York');
    // A custom range needs two valid dates in order.
    expect(readPanelParams(new URLSearchParams('range=custom&from=2026-05-01&to=2026-04-01')).range).toBe('lastQuarter');
  });

  it('keeps unrelated parameters when writing into an existing query', () => {
    const into = new URLSearchParams('doraLens=insights&range=lastYear');
    writePanelParams({ ...DEFAULT_PARAMS, granularity: 'day' }, into);
    expect(into.toString()).toBe('doraLens=insights&granularity=day');
  });
});
