import type { StatusNote } from '@/lib/display/status-note';

/**
 * The outcome of the user's last action in a section (options page, popup). Always rendered, empty until
 * there is news, so screen readers announce the text when it arrives (a live region added together with
 * its text is not).
 */
export function StatusMessage({ note, testId }: { note: StatusNote | undefined; testId?: string }) {
  return (
    <p class={`status-message status-${note?.tone ?? 'info'}`} role="status" data-testid={testId}>
      {note?.text}
    </p>
  );
}
