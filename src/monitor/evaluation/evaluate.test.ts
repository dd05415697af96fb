import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateScope, keepResults, statusJson } from "./evaluate.ts";
import { BUILTIN_DATA, ScopeCatalog } from "./scope-catalog.ts";

const catalog = ScopeCatalog.load(BUILTIN_DATA, new Date(2026, 10, 21));
const iaas = catalog.get("scs-compatible-iaas")!;
const NOW = "2026-11-21T12:00:00.000000";

/** Every v5.1 main testcase passing, with overrides. */
function rows(overrides: Record<string, number | undefined> = {}, checkedAt = "2026-11-20T10:00:00.000000") {
  const v51 = iaas.valid.find((v) => v.version.name === "v5.1")!.version;
  const ids = new Set([...v51.targets.get("main")!, ...Object.keys(overrides)]);
  return [...ids]
    .filter((id) => !(id in overrides) || overrides[id] !== undefined)
    .map((testcase) => ({ testcase, result: overrides[testcase] ?? 1, checkedAt, reportuuid: "r1" }));
}

describe("evaluation of a subject (§6)", () => {
  it("knows the scopes by alias and freezes validity at load", () => {
    assert.equal(iaas.scope.uuid, "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f");
    assert.deepEqual(
      iaas.valid.map((v) => [v.version.name, v.validity]),
      [
        ["next", "draft"],
        ["v5.1", "effective"],
      ],
    );
    assert.equal(catalog.get("scs-compatible-kaas")?.scope.uuid, "1fffebe6-fd4b-44d3-a36c-fc58b4bb0180");
  });

  it("one ABORT in v5.1: result 0 and v5.1 passed", () => {
    const e = evaluateScope(iaas, keepResults(iaas, rows({ "scs-0117-test-backup": 0 }), NOW), false);
    assert.equal(e.result, 0);
    assert.deepEqual(e.passed, ["v5.1"]);
    assert.equal(e.passedStr, "v5.1");
    assert.equal(e.bestPassed, 1);
    assert.equal(e.validity, "effective");
  });

  it("only a few results: result null and still v5.1 passed", () => {
    const few = rows().slice(0, 5);
    const e = evaluateScope(iaas, keepResults(iaas, few, NOW), false);
    assert.equal(e.result, null);
    assert.deepEqual(e.passed, ["v5.1"]);
  });

  it("one FAIL in a v5.1 main testcase: result -1, nothing passed, validity deprecated", () => {
    const e = evaluateScope(iaas, keepResults(iaas, rows({ "scs-0100-syntax-check": -1 }), NOW), false);
    assert.equal(e.result, -1);
    assert.deepEqual(e.passed, []);
    assert.equal(e.bestPassed, null);
    assert.equal(e.validity, "deprecated");
    assert.deepEqual(e.buckets["-1"], ["scs-0100-syntax-check"]);
  });

  it("drafts count only when included, marked with *", () => {
    const all = rows({
      "scs-0102-prop-os_purpose": 1,
      "scs-0102-os_purpose-uniqueness": 1,
      "scs-0123-service-s3": 1,
    });
    const e = evaluateScope(iaas, keepResults(iaas, all, NOW), true);
    assert.deepEqual(e.relevant, ["next", "v5.1"]);
    assert.equal(e.passedStr, "next*, v5.1");
    assert.equal(e.bestPassed, 1);
  });

  it("ignores expired results (week: until the Monday after next) and unknown testcases", () => {
    const unknown: string[] = [];
    // Monday 2026-11-09 → valid until Monday 2026-11-23 00:00; Sunday 2026-11-08 → until 2026-11-16.
    const kept = keepResults(
      iaas,
      [
        {
          testcase: "scs-0100-syntax-check",
          result: 1,
          checkedAt: "2026-11-09T00:00:00.000000",
          reportuuid: "a",
        },
        {
          testcase: "scs-0100-semantics-check",
          result: 1,
          checkedAt: "2026-11-08T23:59:59.000000",
          reportuuid: "b",
        },
        { testcase: "no-such-testcase", result: 1, checkedAt: "2026-11-20T00:00:00.000000", reportuuid: "c" },
      ],
      NOW,
      (tc) => unknown.push(tc),
    );
    assert.deepEqual([...kept.keys()], ["scs-0100-syntax-check"]);
    assert.deepEqual(unknown, ["no-such-testcase"]);
  });

  it("renders /status JSON with exactly the reference keys and ISO timestamps", () => {
    const e = evaluateScope(iaas, keepResults(iaas, rows(), NOW), false);
    const json = statusJson(e);
    assert.deepEqual(Object.keys(json), [
      "name",
      "testcases",
      "results",
      "buckets",
      "versions",
      "relevant",
      "result",
      "passed",
      "passed_str",
      "best_passed",
      "validity",
    ]);
    const results = json["results"] as Record<string, { checked_at: string }>;
    assert.equal(results["scs-0100-syntax-check"]!.checked_at, "2026-11-20T10:00:00");
  });
});
