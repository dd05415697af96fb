import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { htmlAttribute, htmlText, markdownCode, markdownText, urlSegment } from "./escape.ts";

describe("escape", () => {
  it("escapes HTML text and attributes, entities included", () => {
    assert.equal(htmlText(`<a href="x">&amp;'</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;amp;&#39;&lt;/a&gt;");
    assert.equal(htmlAttribute('" onmouseover="x'), "&quot; onmouseover=&quot;x");
  });

  it("encodes a raw value as one URL path segment", () => {
    assert.equal(urlSegment("example-cloud"), "example-cloud");
    assert.equal(urlSegment("fa07165e-1dc6-44f8-8d86-d22376328c51"), "fa07165e-1dc6-44f8-8d86-d22376328c51");
    assert.equal(urlSegment("a/b?c#d e"), "a%2Fb%3Fc%23d%20e");
    assert.equal(urlSegment("x)(javascript:'!*"), "x%29%28javascript%3A%27%21%2A");
    assert.equal(urlSegment('<x>"'), "%3Cx%3E%22");
    assert.equal(urlSegment(".."), "%2E%2E");
    assert.equal(urlSegment("."), "%2E");
    assert.equal(urlSegment("%2e"), "%252e");
    assert.equal(urlSegment("a..b"), "a..b");
  });

  it("leaves ordinary Markdown text as it is and neutralises link, code and table syntax", () => {
    for (const plain of ["example-cloud", "2026-11-21 05:34:25.047475", "scs-0100-syntax-check", "a_b c.d"])
      assert.equal(markdownText(plain), plain);
    assert.equal(markdownText("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
    assert.equal(markdownText("a|b`c{d}\\"), "a\\|b\\`c\\{d\\}\\\\");
    assert.equal(markdownText("<b>&\"'"), "&lt;b&gt;&amp;&quot;'");
    assert.equal(markdownText("one\r\ntwo\u2028three"), "one two three");
  });

  it("delimits code spans by more backticks than the value holds", () => {
    assert.equal(markdownCode("./iaas/openstack_test.py"), "`./iaas/openstack_test.py`");
    assert.equal(markdownCode("a`b"), "``a`b``");
    assert.equal(markdownCode("``x"), "``` ``x ```");
    assert.equal(markdownCode("a<b"), "`a&lt;b`");
  });
});
