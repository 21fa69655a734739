/**
 * "Copy summary": text onto the clipboard from a click. The Clipboard API first (the panel's frame is
 * allowed `clipboard-write` by the content script, lib/host/panel-frame.ts); where a browser refuses it in a
 * frame, the older copy command on a selected, off-screen text area, which a click also permits.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.left = '-9999px';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}
