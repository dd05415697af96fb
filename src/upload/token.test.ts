import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseToken, tokenOf, tokenSubject } from "./token.ts";

describe("monitor tokens", () => {
  it("takes the reference's tokenfile (base64 of subject:key) as it is", () => {
    const token = tokenOf("cloud-a", "s3cret:with:colons");
    assert.equal(parseToken(`${token}\n`, "f"), token);
    assert.equal(tokenSubject(token), "cloud-a");
  });

  it("encodes subject:key typed as it is", () => {
    assert.equal(parseToken("cloud-a:s3cret", "f"), tokenOf("cloud-a", "s3cret"));
  });

  it("refuses what is neither, naming where it came from but not the value", () => {
    for (const bad of [
      "notbase64!",
      Buffer.from("nocolon").toString("base64"),
      Buffer.from(":key").toString("base64"),
    ]) {
      assert.throws(
        () => parseToken(bad, "SCS_MONITOR_TOKEN"),
        (err: Error) =>
          err.message.startsWith("SCS_MONITOR_TOKEN is not a monitor token") && !err.message.includes(bad),
      );
    }
  });
});
