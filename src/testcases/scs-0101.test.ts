import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { VmOutput } from "../facts/model.ts";
import { GOOD_CONSOLE } from "../standards/entropy/console-output.test.ts";
import { FakeCloud } from "./fake-cloud.ts";
import { errors, facts, runTestcase } from "./testing.ts";

const vm = (console: string, left: string[] = []): VmOutput => ({
  image: "Debian 12",
  flavor: "SCS-1V-2",
  console,
  left,
});
const live = (vmOutput: VmOutput) => facts({ vmOutput }, { cloud: new FakeCloud() });
const VM_TESTCASES = ["scs-0101-entropy-avail", "scs-0101-fips-test", "scs-0101-rngd"];

describe("scs-0101 VM testcases", () => {
  it("pass on the console of a healthy guest, saying what they read", async () => {
    const on = live(vm(GOOD_CONSOLE));
    const outcomes = await Promise.all(VM_TESTCASES.map((id) => runTestcase(id, on)));
    assert.deepEqual(
      outcomes.map((o) => o.verdict),
      ["PASS", "PASS", "PASS"],
    );
    assert.deepEqual(outcomes[0]!.log, [
      { level: "info", message: "VM 'Debian 12' (flavor SCS-1V-2): entropy_avail is 256" },
    ]);
    assert.deepEqual(outcomes[1]!.log, [
      {
        level: "info",
        message: "VM 'Debian 12' (flavor SCS-1V-2): rngtest: 0 of 1000 FIPS 140-2 blocks failed",
      },
    ]);
  });

  const fips = (failures: number) =>
    GOOD_CONSOLE.replace("FIPS 140-2 failures: 0", `FIPS 140-2 failures: ${failures}`);
  const cases: readonly [string, string, string][] = [
    ["scs-0101-entropy-avail", GOOD_CONSOLE.replace("entropy-avail: 256", "entropy-avail: 3712"), "FAIL"],
    ["scs-0101-fips-test", fips(3), "PASS"],
    ["scs-0101-fips-test", fips(5), "PASS"],
    ["scs-0101-fips-test", fips(6), "FAIL"],
    ["scs-0101-fips-test", GOOD_CONSOLE.replace(/^.*failures: 0$/m, ""), "ABORT"],
    ["scs-0101-entropy-avail", GOOD_CONSOLE.replace(/^.*entropy-avail.*$/m, ""), "ABORT"],
    ["scs-0101-rngd", GOOD_CONSOLE.replace(/Loaded: loaded.*$/m, "Loaded: not-found"), "FAIL"],
  ];
  for (const [id, console, verdict] of cases) {
    it(`${id} → ${verdict}`, async () => {
      assert.equal((await runTestcase(id, live(vm(console)))).verdict, verdict);
    });
  }

  it("warns when the failure count is only tolerated", async () => {
    const outcome = await runTestcase("scs-0101-fips-test", live(vm(fips(4))));
    assert.equal(outcome.log[0]?.level, "warning");
  });

  it("ABORTs naming the image and what was missing", async () => {
    const outcome = await runTestcase("scs-0101-fips-test", live(vm("_scs-test-entropy-avail: 256\n")));
    assert.deepEqual(errors(outcome), [
      `VM 'Debian 12': failed to determine fips failures: the console log has no "_scs-test-fips-test:" line (sections seen: entropy-avail)`,
    ]);
  });

  it("warn about what the sample VM's teardown left behind", async () => {
    const outcome = await runTestcase(
      "scs-0101-entropy-avail",
      live(vm(GOOD_CONSOLE, ["router _scs-1-router (r1): HTTP 409"])),
    );
    assert.equal(outcome.verdict, "PASS");
    assert.deepEqual(
      outcome.log.filter((l) => l.level === "warning").map((l) => l.message),
      ["sample VM: could not remove router _scs-1-router (r1): HTTP 409 (remove with scs cleanup)"],
    );
  });

  it("share one VM: every VM testcase reads the one fact, a failure ABORTs all with its reason", async () => {
    const failing = facts(
      {},
      { cloud: new FakeCloud(), failing: { vmOutput: new Error("sample VM: No external network found!") } },
    );
    const outcomes = await Promise.all(VM_TESTCASES.map((id) => runTestcase(id, failing)));
    for (const outcome of outcomes) {
      assert.equal(outcome.verdict, "ABORT");
      assert.deepEqual(errors(outcome), ["could not read vmOutput: sample VM: No external network found!"]);
    }
    assert.deepEqual(failing.fetched(), ["vmOutput"]);
  });

  it("ABORT on a snapshot: the VM needs a live cloud", async () => {
    const outcome = await runTestcase("scs-0101-entropy-avail", facts({ vmOutput: vm(GOOD_CONSOLE) }));
    assert.equal(outcome.verdict, "ABORT");
    assert.match(errors(outcome)[0] ?? "", /needs a live cloud/);
  });
});
