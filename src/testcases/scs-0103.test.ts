import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IAAS_TESTCASES } from "./registry.ts";
import { MANDATORY_FLAVORS, RECOMMENDED_FLAVORS, standardFlavorMismatches, testcaseId } from "./scs-0103.ts";
import { errors, facts, flavor, runTestcase } from "./testing.ts";

const good = (name: string, vcpus: number, ram: number, disk: number, extra: Record<string, string>) =>
  flavor(name, vcpus, ram, disk, extra);
const STD_2V_4_20S = {
  "scs:cpu-type": "shared-core",
  "scs:disk0-type": "ssd",
  "scs:name-v1": "SCS-2V:4:20s",
  "scs:name-v2": "SCS-2V-4-20s",
};

describe("scs-0103 standard flavors", () => {
  it("declares one testcase per standard flavor, ids from the names", () => {
    assert.equal(testcaseId("SCS-2V-4-20s"), "scs-0103-flavor-2v-4-20s");
    for (const name of [...MANDATORY_FLAVORS, ...RECOMMENDED_FLAVORS])
      assert.ok(IAAS_TESTCASES.has(testcaseId(name)), name);
    assert.equal([...IAAS_TESTCASES.keys()].filter((id) => id.startsWith("scs-0103-")).length, 31);
  });

  it("passes an exact flavor with its extra_specs (extra keys ignored)", async () => {
    const f = good("SCS-2V-4-20s", 2, 4096, 20, { ...STD_2V_4_20S, "hw_rng:allowed": "true" });
    assert.equal((await runTestcase("scs-0103-flavor-2v-4-20s", facts({ flavors: [f] }))).verdict, "PASS");
  });

  it("derives the expected values like the verbose spec (diskless, crowded, recommended with network disk)", () => {
    assert.deepEqual(
      standardFlavorMismatches(
        "SCS-1L-1",
        flavor("x", 1, 1024, 0, {
          "scs:cpu-type": "crowded-core",
          "scs:name-v1": "SCS-1L:1",
          "scs:name-v2": "SCS-1L-1",
        }),
      ),
      [],
    );
    assert.deepEqual(
      standardFlavorMismatches(
        "SCS-1V-4-10",
        flavor("x", 1, 4096, 10, {
          "scs:cpu-type": "shared-core",
          "scs:disk0-type": "network",
          "scs:name-v1": "SCS-1V:4:10",
          "scs:name-v2": "SCS-1V-4-10",
        }),
      ),
      [],
    );
  });

  it("fails a missing flavor", async () => {
    const outcome = await runTestcase(
      "scs-0103-flavor-1v-4",
      facts({ flavors: [flavor("SCS-1V-8", 1, 8192)] }),
    );
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), ["standard flavor missing: SCS-1V-4"]);
  });

  it("lists every mismatch, strictly (more is not better here)", async () => {
    const f = good("SCS-2V-4-20s", 4, 4000, 20, { ...STD_2V_4_20S, "scs:disk0-type": "network" });
    delete (f.extraSpecs as Record<string, string>)["scs:name-v1"];
    const outcome = await runTestcase("scs-0103-flavor-2v-4-20s", facts({ flavors: [f] }));
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), [
      `flavor "SCS-2V-4-20s" (standard SCS-2V-4-20s): cpus: 4 should be 2; ram: 4000 should be 4096; ` +
        `scs:disk0-type: 'network' should be 'ssd'; scs:name-v1: None should be 'SCS-2V:4:20s'`,
    ]);
  });

  it("finds a flavor by scs:name-v2 before its name, last one wins", async () => {
    const wrongByName = flavor("SCS-2V-4-20s", 1, 1, 1);
    const first = good("other-1", 1, 1, 1, { "scs:name-v2": "SCS-2V-4-20s" });
    const last = good("my-2v-4-20s", 2, 4096, 20, STD_2V_4_20S);
    const outcome = await runTestcase(
      "scs-0103-flavor-2v-4-20s",
      facts({ flavors: [wrongByName, first, last] }),
    );
    assert.equal(outcome.verdict, "PASS");
  });

  it("fails v1 names in the v2 key (and v2 names in the v1 key)", async () => {
    const swapped = good("SCS-2V-4-20s", 2, 4096, 20, {
      ...STD_2V_4_20S,
      "scs:name-v1": "SCS-2V-4-20s",
      "scs:name-v2": "SCS-2V:4:20s",
    });
    const outcome = await runTestcase("scs-0103-flavor-2v-4-20s", facts({ flavors: [swapped] }));
    assert.equal(outcome.verdict, "FAIL");
    assert.match(
      errors(outcome)[0]!,
      /scs:name-v1: 'SCS-2V-4-20s' should be 'SCS-2V:4:20s'; scs:name-v2: 'SCS-2V:4:20s' should be 'SCS-2V-4-20s'$/,
    );
  });

  it("aborts when the flavors cannot be read", async () => {
    const outcome = await runTestcase(
      "scs-0103-flavor-1v-2",
      facts({}, { failing: { flavors: new Error("timeout") } }),
    );
    assert.equal(outcome.verdict, "ABORT");
  });
});
