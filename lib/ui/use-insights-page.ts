/**
 * The insights page's own state: what its address claims (lib/panel/page-address.ts) and, in the panel, the
 * view parameters it keeps in that address and shares with the Octopus page around it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { nextPanelParams, type PanelParams, readPanelParams, writePanelParams } from '@/lib/panel/panel-params';
import type { ThemeMessage } from '@/lib/host/panel-frame';
import { type PageClaim, readPageHash } from '@/lib/panel/page-address';

export interface InsightsPage {
  /** The hash as the page opened, the ticket taken out. */
  hash: URLSearchParams;
  claim: PageClaim;
  dark: boolean;
}

/** Read once as the page opens; the colour scheme is set on the document from it. */
export function useInsightsPage(): InsightsPage {
  const hash = useMemo(() => new URLSearchParams(location.hash.slice(1)), []);
  const claim = useMemo(() => readPageHash(hash), [hash]);
  // The opening ticket is presented once; it must not stay in the address (reloads are served by tab).
  useMemo(() => {
    if (!claim.ticket) return;
    const rest = new URLSearchParams(hash);
    rest.delete('ticket');
    history.replaceState(null, '', `#${rest}`);
  }, [hash, claim.ticket]);
  const [theme, setTheme] = useState(claim.theme);
  const [systemDark, setSystemDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => followTheme(claim.server, setTheme, setSystemDark), [claim.server]);
  const dark = theme === 'dark' || (theme !== 'light' && systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }, [dark]);
  return { hash, claim, dark };
}

/**
 * Live theme changes: the Octopus page around the panel switching light/dark (posted by the content script,
 * lib/host/panel-frame.ts — taken only from the parent window, sent from the server's origin), and the
 * system's scheme for a page that follows it.
 */
function followTheme(server: string, setTheme: (theme: 'light' | 'dark') => void, setSystemDark: (dark: boolean) => void): () => void {
  let serverOrigin: string | undefined;
  try {
    serverOrigin = server ? new URL(server).origin : undefined;
  } catch {
    serverOrigin = undefined;
  }
  const onMessage = (event: MessageEvent) => {
    if (window.parent === window || event.source !== window.parent || event.origin !== serverOrigin) return;
    const data = event.data as Partial<ThemeMessage> | null;
    if (data?.type === 'dora-lens:theme' && (data.theme === 'dark' || data.theme === 'light')) setTheme(data.theme);
  };
  const system = matchMedia('(prefers-color-scheme: dark)');
  const onSystem = () => setSystemDark(system.matches);
  window.addEventListener('message', onMessage);
  system.addEventListener('change', onSystem);
  return () => {
    window.removeEventListener('message', onMessage);
    system.removeEventListener('change', onSystem);
  };
}

/**
 * The panel's view parameters, in the page's own hash (reloading keeps them) and — `share`, once the worker
 * has confirmed the page is on `server` — posted to the Octopus page, which keeps them in its route so the
 * Octopus address can be shared. Only ever posted to the server's origin.
 */
export function usePanelParams(page: InsightsPage, now: number, share: boolean): [PanelParams, (patch: Partial<PanelParams>) => void] {
  const [params, setParams] = useState<PanelParams>(() => readPanelParams(page.hash));
  const update = (patch: Partial<PanelParams>) => {
    const next = nextPanelParams(params, patch, now);
    setParams(next);
    history.replaceState(null, '', `#${writePanelParams(next, new URLSearchParams(page.hash)).toString()}`);
    if (window.parent !== window && share) {
      window.parent.postMessage({ type: 'dora-lens:params', params: writePanelParams(next).toString() }, new URL(page.claim.server).origin);
    }
  };
  return [params, update];
}
