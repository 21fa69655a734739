/**
 * Saves text as a file through a temporary blob link: the one way every page downloads (the panel's and the
 * popup's CSV, the report's CSV and JSON, a chart's PNG). An extension page needs no `downloads` permission for this.
 */

/**
 * How long the blob's URL outlives the click. The download has started by then; revoking at once can cancel
 * it in some browsers, and a large CSV from a slow disk takes a while to start.
 */
const REVOKE_AFTER_MS = 60_000;

/**
 * Text given as one string or in chunks (strings, or UTF-8 bytes as the CSV writers give them); the chunks go
 * into the Blob as they are, never joined into one string (a space's CSV can be tens of megabytes).
 */
export function downloadText(text: string | Iterable<string | Uint8Array<ArrayBuffer>>, fileName: string, type: string): void {
  downloadBlob(new Blob(typeof text === 'string' ? [text] : [...text], { type }), fileName);
}

/** A file made in the page (a chart's PNG). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  // In the document while it is clicked: Chromium keeps the popup open while such a download starts.
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), REVOKE_AFTER_MS);
}
