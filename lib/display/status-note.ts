/** The outcome of the user's last action in a section (options page, popup, report page), for `<StatusMessage>`. */
export interface StatusNote {
  tone: 'success' | 'error' | 'info';
  text: string;
}

/** What a failure says: an Error's message, or anything else thrown as text. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
