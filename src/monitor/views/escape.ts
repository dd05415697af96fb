/**
 * The one place where values from a report, a URL or the database are made safe for where they
 * land. Every view goes through these; none writes such a value into markup on its own.
 */

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text inside an HTML element or a quoted attribute value (always quote attributes). */
export function htmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** Alias that reads better at call sites building `attr="…"`. */
export const htmlAttribute = htmlText;

/**
 * One URL path segment (or fragment) from a raw value: everything but unreserved characters is
 * percent-encoded, `(`, `)`, `'`, `!`, `*` too (they end or confuse a Markdown link destination),
 * and a segment of only dots, which a browser would resolve as `.`/`..`, has its dots encoded.
 * (Browsers still read `%2E%2E` as `..`, so such a subject is shown but cannot be linked.)
 */
export function urlSegment(value: string): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return /^\.+$/.test(value) ? encoded.replace(/\./g, "%2E") : encoded;
}

const oneLine = (value: string) => value.replace(/[\r\n\u2028\u2029]+/g, " ");
// The Markdown views have always HTML-escaped `&<>"` (not `'`): kept, so ordinary text stays byte-equal.
const markdownEntities = (value: string) => value.replace(/[&<>"]/g, (c) => HTML[c]!);

/**
 * Text from data placed in the Markdown views' running text (lists, headings, table cells):
 * on one line (a line break would start new blocks), HTML-escaped as the Markdown views
 * always were, and Markdown's link, code, table and attribute syntax backslash-escaped, so that
 * `[x](javascript:…)` stays text. Ordinary ids, names and dates come out unchanged.
 */
export function markdownText(value: string): string {
  return markdownEntities(oneLine(value)).replace(/[\\`[\]|{}]/g, (c) => `\\${c}`);
}

/** Text from data inside one of the templates' HTML lines in the Markdown (`<pre class="line">`). */
export function markdownHtmlText(value: string): string {
  return markdownEntities(oneLine(value));
}

/**
 * Text from data in a Markdown code span: delimited by more backticks than it contains, so it
 * cannot end the span. HTML-escaped like the rest of the Markdown (the HTML step decodes it again).
 */
export function markdownCode(value: string): string {
  const text = markdownEntities(oneLine(value));
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The fence of a code block holding raw `lines`: longer than any backtick fence among them. */
export function markdownFence(lines: readonly string[]): string {
  let longest = 2;
  for (const line of lines.flatMap((l) => l.split(/\r\n?|\n/))) {
    const m = /^ {0,3}(`{3,})/.exec(line);
    if (m !== null) longest = Math.max(longest, m[1]!.length);
  }
  return "`".repeat(longest + 1);
}
