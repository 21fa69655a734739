// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsServers } from '@/components/OptionsServers';

afterEach(cleanup);

const setup = (servers: string[] = []) => {
  const enable = vi.fn((_origin: string) => Promise.resolve(true));
  const revoke = vi.fn((_origin: string) => Promise.resolve());
  const forget = vi.fn((_origin: string) => Promise.resolve());
  render(<OptionsServers servers={servers} enable={enable} revoke={revoke} forget={forget} />);
  const input = screen.getByLabelText('Add a server') as HTMLInputElement;
  const submit = (value: string) => {
    fireEvent.input(input, { target: { value } });
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
  };
  return { enable, revoke, forget, input, submit };
};

describe('OptionsServers', () => {
  it('asks for the normalised origin within the click itself (the prompt needs the user gesture)', () => {
    const { enable, submit } = setup();
    submit('octopus.example.com/app#/Spaces-1');
    // Synchronously, before any promise settles: an await first would lose the gesture.
    expect(enable).toHaveBeenCalledExactlyOnceWith('https://octopus.example.com');
  });

  it('says what is wrong with an address, next to the field, and asks for nothing', () => {
    const { enable, input, submit } = setup();
    submit('ftp://octopus.example.com');
    expect(enable).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = screen.getByRole('alert');
    expect(error.textContent).toMatch(/Only http/);
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
  });

  it('needs no grant for Octopus Cloud or a server already enabled', async () => {
    const { enable, submit } = setup(['https://octopus.example.com']);
    submit('https://acme.octopus.app');
    expect(await screen.findByText(/Octopus Cloud, where DORA Lens always works/)).toBeTruthy();
    submit('https://octopus.example.com/app');
    expect(await screen.findByText(/already enabled/)).toBeTruthy();
    expect(enable).not.toHaveBeenCalled();
  });

  it('reports a refused prompt', async () => {
    const { enable, submit } = setup();
    enable.mockResolvedValueOnce(false);
    submit('https://octopus.example.com');
    expect(await screen.findByText(/was not granted/)).toBeTruthy();
  });

  it('lists servers as text with a labelled revoke button each', async () => {
    const { revoke, forget } = setup(['https://a.example.com', 'http://<b>.example.com']);
    expect(screen.getByRole('link', { name: 'https://a.example.com' }).getAttribute('href')).toBe('https://a.example.com/app');
    fireEvent.click(screen.getByRole('button', { name: 'Revoke access to https://a.example.com' }));
    expect(revoke).toHaveBeenCalledWith('https://a.example.com');
    expect(await screen.findByText(/Access to https:\/\/a.example.com removed/)).toBeTruthy();
    expect(document.querySelector('b')).toBeNull();
    // Revoking offers to delete what is kept for that server, and does so only when asked.
    expect(forget).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete its data' }));
    expect(forget).toHaveBeenCalledExactlyOnceWith('https://a.example.com');
    expect(await screen.findByText(/Deleted the cached history and saved reports of https:\/\/a.example.com/)).toBeTruthy();
  });
});
