/**
 * A duration as Octopus's Insights CSV writes it: `h:mm:ss` with unbounded hours (`426:53:44`), a leading
 * minus for negative durations (`-426:53:44`), sub-second parts truncated toward zero (like .NET's
 * `TimeSpan` formatting). `null`, `undefined`, NaN and infinities give an empty string.
 *
 * @example
 * formatDuration(((426 * 60 + 53) * 60 + 44) * 1000)
 * //=> '426:53:44'
 * formatDuration(-90_500)
 * //=> '-0:01:30'
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const total = Math.trunc(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const sign = ms < 0 && total > 0 ? '-' : '';
  return `${sign}${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
