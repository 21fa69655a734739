/**
 * The view's share actions beside its CSV export: "Copy summary" (Markdown for a chat or a wiki) and
 * "Print" (the print stylesheet gives clean pages: filters, cards, charts and notes), with the outcome said
 * where screen readers hear it.
 */
import { useState } from 'preact/hooks';
import type { StatusNote } from '@/lib/display/status-note';
import { StatusMessage } from './StatusMessage';

export interface ShareActionsProps {
  /** Puts the summary on the clipboard; false when the browser refused. */
  onCopy: () => Promise<boolean>;
  onPrint: () => void;
  /** Nothing to summarise yet. */
  disabled?: boolean;
}

export function ShareActions({ onCopy, onPrint, disabled }: ShareActionsProps) {
  const [note, setNote] = useState<StatusNote>();
  const copy = async () => {
    const copied = await onCopy();
    setNote(copied ? { tone: 'success', text: 'Summary copied as Markdown.' } : { tone: 'error', text: 'The browser did not allow copying. Try again, or use Print.' });
  };
  return (
    <div class="share-actions no-print">
      <button type="button" onClick={() => void copy()} disabled={disabled} data-testid="copy-summary">
        Copy summary
      </button>
      <button type="button" onClick={onPrint} data-testid="print">
        Print
      </button>
      <StatusMessage note={note} testId="share-status" />
    </div>
  );
}
