import { createHash } from "node:crypto";
import { htmlAttribute, htmlText } from "./escape.ts";
import type { Links } from "./links.ts";

const STYLE = `
:root { color-scheme: light dark; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif,
  "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"; margin: 0 auto; padding: 1rem; max-width: 90rem; line-height: 1.4; }
nav { display: flex; gap: 1rem; flex-wrap: wrap; padding-bottom: .5rem; border-bottom: 1px solid #dadde1; margin-bottom: 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; }
td, th { vertical-align: top; padding: 0.75rem; border: 1px solid #dadde1; }
th { font-weight: bold; background-color: #00000008; }
li { margin: 0.33em 0; }
pre.line { margin: 0; white-space: pre-wrap; }
a:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
.legend { font-size: .9rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: Canvas; padding: .25rem .5rem; }
.links { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
.timeline rect { shape-rendering: crispEdges; }
.swatch-pass { color: #2da44e; } .swatch-dnf { color: #8ddb8c; } .swatch-fail { color: #cf222e; } .swatch-missing { color: #f0a020; }
@media (max-width: 40rem) { td, th { padding: .4rem; } body { padding: .5rem; } }
`;

/** The CSP source that allows exactly this stylesheet (the pages have no other style, no script). */
export const STYLE_SOURCE = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/** The full HTML page around a fragment (§9.1), with navigation and a responsive stylesheet. */
export function page(title: string | undefined, fragment: string, links: Links): string {
  const heading = title === undefined ? "" : `<h1>${htmlText(title)}</h1>\n`;
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title ?? "SCS compliance overview")}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<nav aria-label="main"><a href="${htmlAttribute(links.table())}">Overview</a><a href="${htmlAttribute(links.table(true))}">Overview incl. drafts</a></nav>
<main id="content">
${heading}<div class="scroll">
${fragment}</div>
</main>
</body>
</html>
`;
}

export const LEGEND = `<p class="legend">Legend: ✅ passed · ✅* passed, but some tests did not finish ·
🟧 results missing, or the version will expire soon · 🛑 failed, or only deprecated versions passed ·
version suffixes: * draft, † warn, †† deprecated.</p>
`;
