import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodedForms, MIN_FRAGMENT, Redactor } from "./redact.ts";

const PASSWORD = "Sup3r-Secret/pass+word!";

/** Every piece of `secret` of MIN_FRAGMENT characters or more that is left in `text`. */
function fragmentsIn(text: string, secret: string): string[] {
  const found: string[] = [];
  for (const form of encodedForms(secret)) {
    for (let i = 0; i + MIN_FRAGMENT <= form.length; i++) {
      const piece = form.slice(i, i + MIN_FRAGMENT);
      if (text.includes(piece)) found.push(piece);
    }
  }
  return found;
}

describe("Redactor", () => {
  const r = new Redactor();
  r.add(PASSWORD);

  it("removes the whole secret", () => {
    assert.equal(r.redact(`password ${PASSWORD} refused`), "password *** refused");
  });

  it("removes a cut-off prefix, a suffix and a middle part of at least six characters", () => {
    for (const piece of [PASSWORD.slice(0, 14), PASSWORD.slice(-9), PASSWORD.slice(4, 12)]) {
      const out = r.redact(`echo: {"password": "${piece}..."}`);
      assert.deepEqual(fragmentsIn(out, PASSWORD), [], out);
      assert.match(out, /\*\*\*/);
    }
  });

  it("removes URL-encoded, JSON-escaped and base64 forms at every alignment", () => {
    const texts = [
      `q=${encodeURIComponent(PASSWORD)}`,
      JSON.stringify({ p: PASSWORD }),
      Buffer.from(`user:${PASSWORD}`).toString("base64"),
      Buffer.from(`us:${PASSWORD}x`).toString("base64"),
      Buffer.from(`u:${PASSWORD}xy`).toString("base64url"),
    ];
    for (const text of texts) {
      const out = r.redact(text);
      assert.deepEqual(fragmentsIn(out, PASSWORD), [], `${text} -> ${out}`);
      assert.notEqual(out, text);
    }
  });

  it("leaves ordinary text and short common pieces alone", () => {
    assert.equal(r.redact("flavor SCS-2V-4 not found (pass)"), "flavor SCS-2V-4 not found (pass)");
  });

  it("removes anything shaped like a Fernet token, even one it was not told about", () => {
    const out = new Redactor().redact("token gAAAAABlZ3x9_abcDEF-123456789 expired");
    assert.equal(out, "token *** expired");
  });
});
