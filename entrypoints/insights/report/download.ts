/**
 * Saves text — one string or chunks, which go into the Blob as they are — as a file through a temporary link
 * (an extension page needs no download permission for this).
 */
export function downloadText(text: string | Iterable<string>, fileName: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(typeof text === 'string' ? [text] : [...text], { type }));
  link.download = fileName;
  link.click();
  // The download has started by then; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
