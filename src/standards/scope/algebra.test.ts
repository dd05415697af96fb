import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bucket, consoleVerdict, evaluate, lookupIn, type Result } from "./algebra.ts";

describe("result algebra", () => {
  // results given as "id=r" with r one of 1 0 -1; ids evaluated: a b c
  const table: Array<[string, string, string]> = [
    ["", "missing", "TENTATIVE pass"],
    ["a=1 b=1 c=1", "PASS", "PASS"],
    ["a=1 b=0 c=1", "ABORT", "FAIL"],
    ["a=1 b=0", "missing", "FAIL"],
    ["a=1 b=1", "missing", "TENTATIVE pass"],
    ["a=-1 b=0", "FAIL", "FAIL"],
    ["a=-1 b=1 c=1", "FAIL", "FAIL"],
    ["a=0 b=0 c=0", "ABORT", "FAIL"],
    ["x=-1 a=1 b=1 c=1", "PASS", "PASS"],
  ];
  for (const [given, evaluation, verdict] of table) {
    it(`{${given}} → ${evaluation} / ${verdict}`, () => {
      const results = new Map(
        given
          .split(" ")
          .filter(Boolean)
          .map((p) => [p.split("=")[0]!, Number(p.split("=")[1]) as Result] as const),
      );
      const lookup = lookupIn(results);
      assert.equal(evaluate(lookup, ["a", "b", "c"]), evaluation);
      assert.equal(consoleVerdict(bucket(lookup, ["a", "b", "c"])), verdict);
    });
  }
  it("an empty id list passes", () => {
    assert.equal(evaluate(lookupIn({}), []), "PASS");
  });
  it("buckets keep the order of the ids and read records too", () => {
    const b = bucket(lookupIn({ c: -1, a: -1, b: 0 }), ["c", "b", "a", "d"]);
    assert.deepEqual(b, { passed: [], failed: ["c", "a"], aborted: ["b"], missing: ["d"] });
    // inherited properties are not results
    assert.equal(lookupIn({})("toString"), undefined);
  });
});
