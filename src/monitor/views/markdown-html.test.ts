import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownCode, markdownFence, markdownHtmlText, markdownText } from "./escape.ts";
import { isSafeLink, markdownToHtml } from "./markdown-html.ts";

describe("markdownToHtml", () => {
  it("renders headings with ids, links, bold and code", () => {
    assert.equal(
      markdownToHtml("## Invocation abc {: #abc }\n\nsee [x](https://e/a?b=1&c=2) and **bold** `k`=`v`"),
      '<h2 id="abc">Invocation abc</h2>\n<p>see <a href="https://e/a?b=1&amp;c=2">x</a> and <strong>bold</strong> <code>k</code>=<code>v</code></p>\n',
    );
  });

  it("renders tables with cell titles", () => {
    const html = markdownToHtml('| a | b |\n|---|---|\n| [x](u) | X { title="main" } |\n');
    assert.match(html, /<th>a<\/th>\s*<th>b<\/th>/);
    assert.match(html, /<td><a href="u">x<\/a><\/td>\s*<td title="main">X<\/td>/);
  });

  it("renders nested lists with attribute lines on their items", () => {
    const html = markdownToHtml("- results:\n    - t1: ✔\n    {: #t1 }\n    - t2: ✘\n- rc: 0\n");
    assert.equal(
      html,
      '<ul>\n<li>results:\n<ul>\n<li id="t1">t1: ✔</li>\n<li>t2: ✘</li>\n</ul>\n</li>\n<li>rc: 0</li>\n</ul>\n',
    );
  });

  it("keeps the templates' own HTML lines and shows code spans as their text", () => {
    const html = markdownToHtml(
      '<a name="c1"></a>\n\n<details open><summary>Captured stderr</summary>\n<pre class="line"><strong>ERROR: a &lt;b&gt;</strong></pre>\n</details>\n\n- cmd: `x &lt; y &amp;&amp; z`\n',
    );
    assert.match(html, /^<a name="c1"><\/a>\n<details open><summary>Captured stderr<\/summary>\n/);
    assert.match(html, /<pre class="line"><strong>ERROR: a &lt;b&gt;<\/strong><\/pre>\n<\/details>/);
    assert.match(html, /<code>x &lt; y &amp;&amp; z<\/code>/);
  });

  it("escapes fenced code and never emits markup from text", () => {
    const html = markdownToHtml(
      '```text\n<script>alert(1)</script>\n```\n\n<script>alert(2)</script>\n<img src=x onerror=alert(3)>\n<pre class="line"><b>x</b></pre>\n<details ontoggle=alert(4) open>\n<a name="x" onclick="y"></a>\n',
    );
    assert.doesNotMatch(html, /<(script|img|b|details|a)[\s>]/);
    assert.doesNotMatch(html, /<[^>]*\son\w+=/);
    assert.match(
      html,
      /<pre><code class="language-text">&lt;script&gt;alert\(1\)&lt;\/script&gt;\n<\/code><\/pre>/,
    );
  });

  it("links only to relative paths and http(s)", () => {
    const refused = [
      "[a](javascript:alert(1))",
      "[b](JaVaScRiPt:alert(1))",
      "[c](data:text/html;base64,PHNjcmlwdD4=)",
      "[d](vbscript:x)",
      "<javascript:alert(1)>",
    ];
    assert.doesNotMatch(markdownToHtml(refused.join("\n\n")), /<a /);
    // Encoded by markdown-it, these become relative paths, not a scheme.
    const odd = markdownToHtml("[e](%01javascript:alert(1))\n\n[f](<java\tscript:alert(1)>)");
    const hrefs = [...odd.matchAll(/href="([^"]*)"/g)].map(
      (h) => new URL(h[1]!, "http://x.invalid/").protocol,
    );
    assert.deepEqual(hrefs, ["http:", "http:"]);
    assert.doesNotMatch(markdownToHtml("![g](https://e/x.png)"), /<img/);
    const ok = markdownToHtml("[r](/page/x) [h](https://e/) [p](http://e/) [f](#t)");
    assert.equal((ok.match(/<a href=/g) ?? []).length, 4);
    for (const url of [
      "javascript:x",
      " javascript:x",
      "\u0001javascript:x",
      "java\nscript:x",
      "data:x",
      "mailto:a@b",
    ])
      assert.equal(isSafeLink(url), false, url);
    for (const url of ["/a", "a/b", "#x", "?q", "https://e/", "HTTP://e/", "//e/x"])
      assert.equal(isSafeLink(url), true, url);
  });

  it("ignores attribute lists that are escaped or carry anything but an id or a title", () => {
    const html = markdownToHtml(
      `## a ${markdownText("{: #x }")}\n\n## b { onclick="x" }\n\n## c {: #ok title="a &quot;b&quot;" }\n`,
    );
    assert.match(html, /<h2>a {: #x }<\/h2>/);
    assert.match(html, /<h2>b { onclick=&quot;x&quot; }<\/h2>/);
    assert.match(html, /<h2 id="ok" title="a &quot;b&quot;">c<\/h2>/);
  });

  it("renders data escaped by escape.ts as its own text, whatever it holds", () => {
    const hostile = [
      "[x](javascript:alert(1))",
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      "`code` | cell | {: #id }",
      "line\n## heading\n<script>",
      "\\[escaped\\]",
      "&lt;already&gt;",
    ];
    for (const value of hostile) {
      const html = markdownToHtml(`- subject: ${markdownText(value)}\n- cmd: ${markdownCode(value)}\n`);
      assert.doesNotMatch(html, /<(script|img|a|h2|table)\b/, value);
      const shown = value.replace(/\n/g, " ");
      const text = (s: string) =>
        s
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, "&");
      const items = [...html.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => m[1]!);
      assert.equal(text(items[0]!), `subject: ${shown}`, value);
      assert.equal(text(items[1]!.replace(/<\/?code>/g, "")), `cmd: ${shown}`, value);
    }
    assert.equal(markdownHtmlText("a<b>&\"'\nc"), "a&lt;b&gt;&amp;&quot;' c");
  });

  it("keeps output that tries to close the code fence inside the code block", () => {
    const stdout = ["ok", "```", "<script>alert(1)</script>", "````", "~~~"];
    const fence = markdownFence(stdout);
    assert.equal(fence, "`````");
    const html = markdownToHtml([`${fence}text`, ...stdout, fence, ""].join("\n"));
    assert.equal((html.match(/<pre>/g) ?? []).length, 1);
    assert.match(html, /```\n&lt;script&gt;alert\(1\)&lt;\/script&gt;\n````\n~~~\n<\/code>/);
    assert.equal(markdownFence(["plain", "not ``` at start"]), "```");
  });
});
