// The page the window shows while the core keeps failing: what went wrong, in the core's own words,
// that Régie keeps trying, and where the logs are. A data: URL, so it needs no server.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function errorPageHtml(o: {
  error: string;
  failures: number;
  retryInMs: number;
  logDir: string;
}): string {
  const retry = Math.max(1, Math.round(o.retryInMs / 1000));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Régie: the core is not running</title>
<style>
body { background: #111316; color: #e6e8eb; font: 15px/1.5 system-ui, sans-serif; margin: 0; padding: 48px; }
h1 { font-size: 22px; color: #ff6b5e; margin: 0 0 16px; }
pre { background: #1c1f24; padding: 12px 16px; border-radius: 6px; white-space: pre-wrap; word-break: break-word; }
p { color: #aab0b8; }
</style></head>
<body>
<h1>The Régie core is not running</h1>
<p>It stopped ${o.failures} times in a row. The last error was:</p>
<pre>${escapeHtml(o.error)}</pre>
<p>Régie tries again in ${retry} s and comes back here by itself when the core starts.</p>
<p>Logs: <code>${escapeHtml(o.logDir)}</code></p>
</body></html>`;
}

export function errorPageUrl(o: {
  error: string;
  failures: number;
  retryInMs: number;
  logDir: string;
}): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(errorPageHtml(o))}`;
}
