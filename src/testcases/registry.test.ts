import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { findTestcase, IAAS_TESTCASES } from "./registry.ts";

/** The testcases of the IaaS scope's OpenStack script (the first `scripts` entry). */
function scopeScriptTestcases(): string[] {
  const scope = parse(
    readFileSync(new URL("../../data/scs-compatible-iaas.yaml", import.meta.url), "utf8"),
  ) as {
    scripts: { executable?: string; testcases: { id: string }[] }[];
  };
  const script = scope.scripts.find((s) => s.executable?.endsWith("openstack_test.py"));
  assert.ok(script, "the scope has the OpenStack script");
  return script.testcases.map((t) => t.id);
}

/** Implemented by the reference although no scope lists them. */
const EXTRA = new Set([
  "scs-0104-image-ubuntu-2004",
  "scs-0104-image-debian-10",
  "scs-0104-source-debian-10",
]);

describe("IaaS testcase registry", () => {
  it("has every automated testcase of the scope, and nothing unknown", () => {
    const scope = scopeScriptTestcases();
    const missing = scope.filter((id) => !IAAS_TESTCASES.has(id));
    assert.deepEqual(missing, []);
    const unknown = [...IAAS_TESTCASES.keys()].filter((id) => !scope.includes(id) && !EXTRA.has(id));
    assert.deepEqual(unknown, []);
    assert.equal(findTestcase("scs-0101-entropy-avail")?.id, "scs-0101-entropy-avail");
  });

  it("declares what each testcase needs", () => {
    for (const testcase of IAAS_TESTCASES.values()) {
      assert.ok(testcase.needs.length > 0 || testcase.needsLiveCloud, testcase.id);
    }
    assert.deepEqual(
      [...IAAS_TESTCASES.values()].filter((t) => t.needsLiveCloud).map((t) => t.id),
      ["scs-0101-entropy-avail", "scs-0101-fips-test", "scs-0101-rngd", "scs-0117-test-backup"],
    );
  });
});

describe("every testcase without its facts", () => {
  it("ABORTs with the reason in an error line", async () => {
    const { facts } = await import("./testing.ts");
    const broken = facts(
      {},
      {
        failing: {
          flavors: new Error("HTTP 500"),
          images: new Error("HTTP 500"),
          catalog: new Error("HTTP 500"),
          roles: new Error("HTTP 500"),
          volumeTypes: new Error("HTTP 500"),
          defaultSecurityGroupRules: new Error("HTTP 500"),
          s3Probe: new Error("HTTP 500"),
          vmOutput: new Error("HTTP 500"),
        },
      },
    );
    for (const testcase of IAAS_TESTCASES.values()) {
      const outcome = await testcase.run(broken, { signal: new AbortController().signal });
      assert.equal(outcome.verdict, "ABORT", testcase.id);
      assert.ok(
        outcome.log.some((line) => line.level === "error" && line.message.length > 0),
        testcase.id,
      );
    }
  });
});
