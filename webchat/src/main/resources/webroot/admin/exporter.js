// Export: every entry, in any status, as a JSON Lines or CSV file the browser downloads (and import reads back).
// Fetched rather than linked, so that an ended session sends the console back to sign-in instead of saving an
// error as the file.

import { byTestId, el, say } from '../staff/dom.js';

/** Wires the export buttons. */
export function createExporter(api) {
  const status = byTestId('kb-export-status');
  const buttons = [byTestId('kb-export-jsonl'), byTestId('kb-export-csv')];

  async function download(format) {
    say(status, 'Exporting…');
    for (const button of buttons) button.disabled = true;
    try {
      const file = await api.exportFile(format);
      const url = URL.createObjectURL(file.blob);
      const link = el('a', { attrs: { href: url, download: file.name }, text: file.name });
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy once started; the URL is let go a while later.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      say(status, `Exported ${file.name}.`, 'ok');
    } catch (error) {
      say(status, error.status === 401 ? '' : `Export failed: ${error.message}`, 'error');
    } finally {
      for (const button of buttons) button.disabled = false;
    }
  }

  for (const button of buttons) button.addEventListener('click', () => download(button.dataset.format));
}
