import MarkdownIt, { type StateBlock, type StateCore, type Token } from "markdown-it";
import { htmlText } from "./escape.ts";

/**
 * Markdown → HTML for the `fragment` and `page` views, by markdown-it with raw HTML off, images
 * off and links limited to relative paths and http(s). Three small rules add what the reference's
 * Python-Markdown `extra` gives its templates: attribute lists (`{: #id }`, `{ title="…" }`), and
 * the few fixed HTML lines the templates write (`<details>`, `<a name>`, `<pre class="line">`),
 * recognised by exact shape, so no markup that came from data reaches the page.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.disable(["image"]);

/** Relative links and http(s) only; parsed like a browser would (control characters, case). */
export function isSafeLink(url: string): boolean {
  try {
    const { protocol } = new URL(url, "http://relative.invalid/");
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
md.validateLink = isSafeLink;

// The templates' own HTML lines. Text parts admit no `<`/`>` (data in them is escaped) and
// attribute values no quote, so a line of this shape cannot open any other element.
const TEMPLATE_LINE = [
  /^<details( open)?>(<summary>[^<>]*<\/summary>)?$/,
  /^<\/details>$/,
  /^<a name="[^"<>]*"><\/a>$/,
  /^<pre class="line">(<strong>[^<>]*<\/strong>|[^<>]*)<\/pre>$/,
];

function templateHtml(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const line = state.src.slice(start, state.eMarks[startLine]).trimEnd();
  if (!TEMPLATE_LINE.some((re) => re.test(line))) return false;
  if (silent) return true;
  const token = state.push("html_block", "", 0);
  token.map = [startLine, startLine + 1];
  token.content = `${line}\n`;
  state.line = startLine + 1;
  return true;
}
md.block.ruler.before("html_block", "template_html", templateHtml, {
  alt: ["paragraph", "reference", "blockquote"],
});

// `{: #id }`, `{ title="…" }`, or both, ending a heading, table cell or (on its own line) list item.
const ATTRIBUTES = /\s*\{:?((?:\s*(?:#[\w.:-]+|title="[^"]*"))+)\s*\}$/;

/**
 * Moves a trailing attribute list into the attributes of the enclosing block. Runs before
 * text_join: the list is read from the trailing text and entity tokens in their source form,
 * so an escaped `\{` from data (a token of its own) ends the run and never opens a list.
 */
function attributeLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const children = tokens[i]!.children;
    if (children == null) continue;
    let first = children.length;
    let source = "";
    for (; first > 0; first--) {
      const t = children[first - 1]!;
      if (t.type === "text") source = t.content + source;
      else if (t.type === "text_special" && t.info === "entity") source = t.markup + source;
      else break;
    }
    const m = ATTRIBUTES.exec(source);
    if (m === null) continue;
    let target = tokens[i - 1];
    if (target?.type === "paragraph_open" && tokens[i - 2]?.type === "list_item_open") target = tokens[i - 2];
    if (target === undefined || !/_open$/.test(target.type)) continue;
    // Keep the tokens before the list; cut the one it starts in (a text token: `{` is no entity).
    let at = 0;
    let keep = first;
    for (; keep < children.length; keep++) {
      const t = children[keep]!;
      const length = t.type === "text" ? t.content.length : t.markup.length;
      if (at + length > m.index) {
        t.content = t.content.slice(0, m.index - at);
        if (t.content !== "") keep++;
        break;
      }
      at += length;
    }
    children.splice(keep);
    if (children[children.length - 1]?.type === "softbreak") children.pop();
    for (const a of m[1]!.matchAll(/#([\w.:-]+)|title="([^"]*)"/g)) {
      if (a[1] !== undefined) target.attrSet("id", a[1]);
      else target.attrSet("title", md.utils.unescapeAll(a[2]!));
    }
  }
}
md.core.ruler.before("text_join", "attribute_lists", attributeLists);

// Code spans hold HTML-escaped text (as the reference's Markdown does): shown as the original.
const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
md.renderer.rules.code_inline = (tokens: Token[], idx: number) =>
  `<code>${htmlText(tokens[idx]!.content.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITY[e]!))}</code>`;

// Rendering costs more than the hand-written converter did: the views repeat their Markdown
// (the overview until the next upload, a report for every visitor), so recent HTML is kept, up
// to 64 texts and 16 M characters of Markdown and HTML together (reports can be large).
const CACHE_ENTRIES = 64;
const CACHE_CHARS = 16 << 20;
const cache = new Map<string, string>();
let cachedChars = 0;

export function markdownToHtml(markdown: string): string {
  const hit = cache.get(markdown);
  if (hit !== undefined) {
    cache.delete(markdown);
    cache.set(markdown, hit);
    return hit;
  }
  const html = md.render(markdown);
  const size = markdown.length + html.length;
  if (size <= CACHE_CHARS / 4) {
    cache.set(markdown, html);
    cachedChars += size;
    while (cache.size > CACHE_ENTRIES || cachedChars > CACHE_CHARS) {
      const [oldest, oldHtml] = cache.entries().next().value!;
      cache.delete(oldest);
      cachedChars -= oldest.length + oldHtml.length;
    }
  }
  return html;
}
