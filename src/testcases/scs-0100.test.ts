import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { roundedRamGiB } from "./scs-0100.ts";
import { errors, facts, flavor, runTestcase } from "./testing.ts";

describe("scs-0100-syntax-check", () => {
  it("passes valid v3 names and tolerates v2 and v1 names, ignores non-SCS flavors", async () => {
    const outcome = await runTestcase(
      "scs-0100-syntax-check",
      facts({
        flavors: [
          flavor("SCS-2V-4-20s", 2, 4096, 20),
          flavor("SCS-2V:4:20s", 2, 4096, 20),
          flavor("m1.small", 1, 2048, 20),
          flavor("", 1, 1),
        ],
      }),
    );
    assert.equal(outcome.verdict, "PASS");
  });

  it("fails invalid names and lists them sorted", async () => {
    const outcome = await runTestcase(
      "scs-0100-syntax-check",
      facts({
        flavors: [flavor("SCS-2V-4-20s_foo", 2, 4096), flavor("SCS-1V-2", 1, 2048), flavor("SCS-", 1, 1)],
      }),
    );
    assert.equal(outcome.verdict, "FAIL");
    assert.equal(errors(outcome).at(-1), "scs-100-syntax-check: flavor(s) failed: SCS-, SCS-2V-4-20s_foo");
    assert.ok(errors(outcome).some((line) => line.startsWith('flavor "SCS-2V-4-20s_foo": ')));
  });

  it("aborts when the flavors cannot be read", async () => {
    const outcome = await runTestcase(
      "scs-0100-syntax-check",
      facts({}, { failing: { flavors: new Error("HTTP 500 from compute") } }),
    );
    assert.equal(outcome.verdict, "ABORT");
    assert.deepEqual(errors(outcome), ["could not read flavors: HTTP 500 from compute"]);
  });
});

describe("scs-0100-semantics-check", () => {
  const run = (...flavors: ReturnType<typeof flavor>[]) =>
    runTestcase("scs-0100-semantics-check", facts({ flavors }));

  it("passes flavors with at least what their names promise", async () => {
    const outcome = await run(
      flavor("SCS-2V-4-20s", 2, 4096, 20),
      flavor("SCS-4V-16", 8, 32768, 50),
      flavor("SCS-1L-1", 1, 1024),
    );
    assert.equal(outcome.verdict, "PASS");
  });

  it("accepts up to 51 MiB less RAM than advertised", async () => {
    assert.equal((await run(flavor("SCS-1V-4", 1, 4045))).verdict, "PASS");
    const outcome = await run(flavor("SCS-1V-4", 1, 4044));
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), [
      'flavor "SCS-1V-4": 4044 MiB RAM (3.9 GiB) < 4 GiB',
      "scs-100-semantics-check: flavor(s) failed: SCS-1V-4",
    ]);
  });

  it("fails too few vCPUs and too small disks, sorted", async () => {
    const outcome = await run(flavor("SCS-4V-8-50", 4, 8192, 40), flavor("SCS-2V-4", 1, 4096));
    assert.equal(outcome.verdict, "FAIL");
    assert.equal(errors(outcome).at(-1), "scs-100-semantics-check: flavor(s) failed: SCS-2V-4, SCS-4V-8-50");
    assert.ok(errors(outcome).includes('flavor "SCS-4V-8-50": 40 GB disk < 50 GB'));
  });

  it("skips names that fail the syntax check", async () => {
    assert.equal((await run(flavor("SCS-2V-4-20s_foo", 1, 1))).verdict, "PASS");
  });

  it("aborts when a disk part has no size", async () => {
    const outcome = await run(flavor("SCS-2V-4-20s", 2, 4096, 20), flavor("SCS-2V-4-s", 2, 4096, 20));
    assert.equal(outcome.verdict, "ABORT");
    assert.match(errors(outcome)[0]!, /SCS-2V-4-s.*disk part without size/);
  });

  it("rounds RAM like the reference", () => {
    assert.equal(roundedRamGiB(4096), 4);
    assert.equal(roundedRamGiB(4045), 4);
    assert.equal(roundedRamGiB(4044), 3.9);
    assert.equal(roundedRamGiB(1536), 1.5);
  });
});

describe("scs-0100 RAM overflow", () => {
  it("aborts both testcases, as the reference's non-value error does", async () => {
    const on = facts({ flavors: [flavor("SCS-1V-2", 1, 2048), flavor(`SCS-2V-${"9".repeat(400)}`, 2, 1)] });
    for (const id of ["scs-0100-syntax-check", "scs-0100-semantics-check"]) {
      const outcome = await runTestcase(id, on);
      assert.equal(outcome.verdict, "ABORT", id);
      assert.match(errors(outcome)[0]!, /cannot convert float infinity to integer/);
    }
  });
});
