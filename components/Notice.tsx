export interface NoticeMessage {
  tone: 'success' | 'error' | 'info';
  text: string;
}

/**
 * The outcome of the user's last action in a section. Always rendered, empty until there is news, so
 * screen readers announce the text when it arrives (a live region added together with its text is not).
 */
export function Notice({ notice, testId }: { notice: NoticeMessage | undefined; testId?: string }) {
  return (
    <p class={`notice notice-${notice?.tone ?? 'info'}`} role="status" data-testid={testId}>
      {notice?.text}
    </p>
  );
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
