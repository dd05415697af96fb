import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { depthOf, flowDepth, MAX_DEPTH, parseUpload } from "./upload.ts";
import { IN_PLACE_BYTES, parseUploadOffThread } from "./upload-off-thread.ts";

const NOW = "2026-11-21T12:00:00.000000";
const report = (checkedAt: string, extra = "") =>
  Buffer.from(
    `subject: c\nchecked_at: ${checkedAt}\nspec: {uuid: s}\nrun:\n  uuid: r\n  invocations:\n    i: {results: {t1: 1}}\n${extra}`,
  );

describe("upload limits", () => {
  it("counts nesting outside strings, in one pass", () => {
    assert.equal(flowDepth(Buffer.from('{"a": [[1], {"b": "[[[[{{{{"}]}')), 3);
    assert.equal(flowDepth(Buffer.from('"\\"[[[" [')), 1);
    assert.equal(depthOf({ a: [[1], { b: "x" }] }), 3);
    assert.equal(depthOf("scalar"), 0);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.ok(depthOf(deep) > MAX_DEPTH, "stops early, no recursion");
  });

  it("takes a report and names its subject", () => {
    const parsed = parseUpload(report("2026-11-21 11:00:00"), "yaml", NOW);
    assert.equal(parsed.problem, undefined);
    assert.deepEqual(parsed.subjects, ["c"]);
    assert.equal(parsed.reports[0]?.checkedAt, "2026-11-21T11:00:00.000000");
  });

  it("refuses a checked_at more than a day ahead of now, keeping the subjects for authorisation", () => {
    const parsed = parseUpload(report("2026-11-22 12:00:01"), "yaml", NOW);
    assert.deepEqual(parsed.subjects, ["c"]);
    assert.deepEqual(parsed.reports, []);
    assert.match(
      parsed.problem ?? "",
      /^report document 1: checked_at 2026-11-22T12:00:01.000000 is more than a day/,
    );
    assert.equal(parseUpload(report("2026-11-22 12:00:00"), "yaml", NOW).problem, undefined);
  });

  it("parses a large body in a worker thread: the event loop turns meanwhile", async () => {
    const big = report("2026-11-21 11:00:00", `padding: "${"x".repeat(IN_PLACE_BYTES)}"\n`);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    const parsed = await parseUploadOffThread(big, "yaml", NOW);
    assert.equal(parsed.problem, undefined);
    assert.equal(parsed.reports[0]?.subject, "c");
    assert.ok(turned, "in place, the answer would come before the next turn of the event loop");
    let inPlaceTurned = false;
    setImmediate(() => {
      inPlaceTurned = true;
    });
    await parseUploadOffThread(report("2026-11-21 11:00:00"), "yaml", NOW);
    assert.equal(inPlaceTurned, false, "a small body is parsed in place");
  });
});
