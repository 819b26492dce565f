export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The simulator's pages (consent, meeting start/join), styled alike and marked as not zoom.us. */
export function simPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Zoom (simulator): ${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:560px;margin:3rem auto;padding:0 1rem;color:#232333}button{padding:.6rem 1.2rem;border-radius:8px;border:1px solid #0b5cff;font:inherit}
.approve{background:#0b5cff;color:#fff}.deny{background:#fff;color:#0b5cff}li{margin:.2rem 0}</style></head><body>
${body}
<p><small>This is the Switchboard Zoom simulator, not zoom.us.</small></p></body></html>`;
}
