import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logLine, MAX_LOG_LINE } from "./log-line.ts";

describe("monitor log lines", () => {
  it("keeps a short line as it is", () => {
    assert.equal(
      logLine("monitor: listening on http://127.0.0.1:8080/"),
      "monitor: listening on http://127.0.0.1:8080/",
    );
  });

  it("makes one line of several and cuts a long one to 1 KB, saying so", () => {
    assert.equal(logLine("a\nmonitor: forged\r\tb"), "a\\nmonitor: forged  b");
    const long = logLine(`missing objects: ${"ü".repeat(700_000)}`);
    assert.ok(Buffer.byteLength(long) <= MAX_LOG_LINE, `${Buffer.byteLength(long)} bytes`);
    assert.match(long, /^missing objects: ü+ … \(1400017 bytes, cut\)$/);
  });
});
