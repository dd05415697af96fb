/**
 * Markdown → HTML for exactly the constructs the monitor's own templates emit (headings with
 * `{: #id }`, bullet lists with nested items and attribute lines, pipe tables with `{ title="…" }`
 * cells, links, bold, code, fenced code, raw HTML lines). Not a general Markdown engine: the
 * templates are ours, and untrusted text (report output) is escaped before it gets here.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&(?![a-zA-Z]+;|#\d+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Inline Markdown: code spans, links, bold; raw inline HTML tags kept. */
export function inline(text: string): string {
  const parts: string[] = [];
  const re = /`([^`]*)`|\[([^\]]*)\]\(([^)\s]*)\)|\*\*([^*]+)\*\*|(<\/?[a-zA-Z][^<>]*>)/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    parts.push(escapeHtml(text.slice(last, m.index)));
    if (m[1] !== undefined) parts.push(`<code>${escapeHtml(m[1])}</code>`);
    else if (m[2] !== undefined) parts.push(`<a href="${escapeHtml(m[3]!)}">${inline(m[2])}</a>`);
    else if (m[4] !== undefined) parts.push(`<strong>${inline(m[4])}</strong>`);
    else parts.push(m[5]!);
    last = m.index + m[0].length;
  }
  parts.push(escapeHtml(text.slice(last)));
  return parts.join("");
}

/** `text { title="x" }` / `text {: #id }` → text and an HTML attribute string. */
function attributes(text: string): { text: string; attrs: string } {
  const m = /\s*\{:?\s*([^{}]*)\}\s*$/.exec(text);
  if (m === null || !/^(#[\w.:-]+|\w+="[^"]*"|\s)+$/.test(m[1]!.trim() || "x")) return { text, attrs: "" };
  const attrs = [...m[1]!.matchAll(/#([\w.:-]+)|(\w+)="([^"]*)"/g)]
    .map((a) => (a[1] !== undefined ? ` id="${escapeHtml(a[1])}"` : ` ${a[2]}="${escapeHtml(a[3]!)}"`))
    .join("");
  return { text: text.slice(0, m.index), attrs };
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}

export function markdownToHtml(markdown: string): string {
  const lines = markdown.split("\n");
  const out: string[] = [];
  let i = 0;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.map(inline).join("\n")}</p>`);
    paragraph = [];
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      flush();
      i++;
    } else if (line.startsWith("```")) {
      flush();
      const lang = line.slice(3).trim();
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) body.push(lines[i]!);
      i++;
      const cls = lang ? ` class="language-${escapeHtml(lang)}"` : "";
      out.push(`<pre><code${cls}>${body.map(escapeHtml).join("\n")}</code></pre>`);
    } else if (/^#{1,6} /.test(line)) {
      flush();
      const level = line.indexOf(" ");
      const { text, attrs } = attributes(line.slice(level + 1));
      out.push(`<h${level}${attrs}>${inline(text.trim())}</h${level}>`);
      i++;
    } else if (line.startsWith("|") && i + 1 < lines.length && /^\|?\s*:?-+/.test(lines[i + 1]!)) {
      flush();
      const head = splitRow(line);
      out.push(
        "<table>",
        "<thead>",
        `<tr>${head.map((h) => `<th>${inline(h)}</th>`).join("")}</tr>`,
        "</thead>",
        "<tbody>",
      );
      for (i += 2; i < lines.length && lines[i]!.startsWith("|"); i++) {
        const cells = splitRow(lines[i]!).map((c) => {
          const { text, attrs } = attributes(c);
          return `<td${attrs}>${inline(text)}</td>`;
        });
        out.push(`<tr>${cells.join("")}</tr>`);
      }
      out.push("</tbody>", "</table>");
    } else if (/^\s*- /.test(line)) {
      flush();
      i = list(lines, i, out);
    } else if (/^\s*</.test(line)) {
      flush();
      out.push(line);
      i++;
    } else {
      paragraph.push(line);
      i++;
    }
  }
  flush();
  return `${out.join("\n")}\n`;
}

/** A (nested) bullet list starting at line i; returns the index after it. */
function list(lines: string[], start: number, out: string[]): number {
  const indent = lines[start]!.search(/\S/);
  out.push("<ul>");
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const here = line.search(/\S/);
    if (line.trim() === "" || here < indent || !line.slice(here).startsWith("- ")) break;
    if (here > indent) break;
    let text = line.slice(here + 2);
    i++;
    let attrs = "";
    const nested: string[] = [];
    while (i < lines.length) {
      const next = lines[i]!;
      const at = next.search(/\S/);
      if (next.trim() !== "" && at >= indent && /^\{:.*\}$/.test(next.trim())) {
        attrs = attributes(next.trim()).attrs;
        i++;
        continue;
      }
      if (next.trim() === "" || at <= indent) break;
      if (next.slice(at).startsWith("- ")) {
        i = list(lines, i, nested);
      } else if (next.trim().startsWith("<")) {
        nested.push(next.trim());
        i++;
      } else {
        text += `\n${next.trim()}`;
        i++;
      }
    }
    out.push(`<li${attrs}>${inline(text)}${nested.length ? `\n${nested.join("\n")}\n` : ""}</li>`);
  }
  out.push("</ul>");
  return i;
}
