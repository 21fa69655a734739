/** Whether DORA Lens supports a server's Octopus version, asked of the worker (which reads the server's public API root). */
import { useEffect, useState } from 'preact/hooks';
import { askWorker } from '@/lib/ui/ask-worker';
import type { ServerSupport } from '@/lib/messages/protocol';

/** `undefined` until the worker answers; `'refused'` when it would not ask (a server it may not act for) or failed. */
export function useServerSupport(server: string): ServerSupport | 'refused' | undefined {
  const [support, setSupport] = useState<ServerSupport | 'refused'>();
  useEffect(() => {
    askWorker({ type: 'server-info', server }).then(setSupport, (error: unknown) => {
      console.error('DORA Lens: reading the server version failed', error);
      setSupport('refused');
    });
  }, [server]);
  return support;
}
