// The HTML of a run view's page: a strict Content-Security-Policy (nothing remote, scripts only by
// nonce, no eval, styles only from the extension), the page's script and its style sheet. Pure.
import { randomBytes } from 'node:crypto';

export interface PageResources {
  /** The webview's `cspSource`: the origin its local resources are served from. */
  cspSource: string;
  /** Webview URIs of dist/runView.js, media/runView.css and dist/elkWorker.js (the Graph's layout, run in a worker). */
  script: string;
  style: string;
  layoutWorker: string;
}

/** A fresh nonce for each page: a script without it does not run. */
export function nonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, scriptNonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource}`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${scriptNonce}'`,
    // The layout worker: its script is fetched from the extension and started from a blob (a
    // worker must come from the page's own origin, which the extension's files are not).
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

/** The page: the script builds everything else; the title is set by the panel, not in the HTML. */
export function pageHtml(r: PageResources, scriptNonce = nonce()): string {
  const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(r.cspSource, scriptNonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.style)}">
</head>
<body>
<main id="run-view" aria-live="polite" data-layout-worker="${attr(r.layoutWorker)}"></main>
<script nonce="${attr(scriptNonce)}" src="${attr(r.script)}"></script>
</body>
</html>`;
}
