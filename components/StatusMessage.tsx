export interface StatusNote {
  tone: 'success' | 'error' | 'info';
  text: string;
}

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

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
