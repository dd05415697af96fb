import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeHtml, markdownToHtml } from "./markdown-html.ts";

describe("markdownToHtml", () => {
  it("renders headings with ids, links, bold and code", () => {
    assert.equal(
      markdownToHtml("## Invocation abc {: #abc }\n\nsee [x](https://e/a?b=1&c=2) and **bold** `k`=`v`"),
      '<h2 id="abc">Invocation abc</h2>\n<p>see <a href="https://e/a?b=1&amp;c=2">x</a> and <strong>bold</strong> <code>k</code>=<code>v</code></p>\n',
    );
  });

  it("renders tables with cell titles", () => {
    const html = markdownToHtml('| a | b |\n|---|---|\n| [x](u) | X { title="main" } |\n');
    assert.match(html, /<th>a<\/th><th>b<\/th>/);
    assert.match(html, /<td><a href="u">x<\/a><\/td><td title="main">X<\/td>/);
  });

  it("renders nested lists with attribute lines", () => {
    const html = markdownToHtml("- results:\n    - t1: ✔\n    {: #t1 }\n    - t2: ✘\n- rc: 0\n");
    assert.equal(
      html,
      '<ul>\n<li>results:\n<ul>\n<li id="t1">t1: ✔</li>\n<li>t2: ✘</li>\n</ul>\n</li>\n<li>rc: 0</li>\n</ul>\n',
    );
  });

  it("escapes text and fenced code, never runs script", () => {
    const html = markdownToHtml("```text\n<script>alert(1)</script>\n```\n");
    assert.equal(
      html,
      '<pre><code class="language-text">&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>\n',
    );
    assert.equal(escapeHtml('a<b>&"'), "a&lt;b&gt;&amp;&quot;");
  });
});
