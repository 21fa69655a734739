/**
 * The time, ticking: for words that age ("Synced 5 min ago"). The numbers of a view keep their own `now`,
 * anchored when their data arrived, so they do not move under the reader.
 */
import { useEffect, useState } from 'preact/hooks';

export function useClock(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
