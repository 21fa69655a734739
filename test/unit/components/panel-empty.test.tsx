// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelEmpty } from '@/components/InsightsNotices';

afterEach(cleanup);

describe('PanelEmpty', () => {
  it('offers the channels and the environments the project was deployed through and to, each named for what it is', () => {
    const onChannel = vi.fn();
    const onChoose = vi.fn();
    render(
      <PanelEmpty
        title="No deployments to Production in the Default channel"
        text="Web reached Production through Hotfix."
        channels={[{ id: 'Channels-2', name: '<b>Hotfix</b>', environment: 'Environments-3' }]}
        choices={[{ id: 'Environments-1', name: 'Dev' }]}
        onChannel={onChannel}
        onChoose={onChoose}
      />,
    );
    // Server-supplied names are text.
    fireEvent.click(screen.getByRole('button', { name: '<b>Hotfix</b> channel' }));
    expect(onChannel).toHaveBeenCalledExactlyOnceWith({ id: 'Channels-2', name: '<b>Hotfix</b>', environment: 'Environments-3' });
    fireEvent.click(screen.getByRole('button', { name: 'Dev' }));
    expect(onChoose).toHaveBeenCalledExactlyOnceWith('Environments-1');
    expect(document.querySelector('b')).toBeNull();
  });

  it('offers nothing when there is nothing to switch to', () => {
    render(<PanelEmpty title="Web has never been deployed" text="…" channels={[]} choices={[]} onChannel={vi.fn()} onChoose={vi.fn()} />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
