/**
 * The scs-0101 VM testcases on the lab's VM layer (scripts/lab/up.sh boots real VMs): both
 * PASS, two checks at once against one project both PASS and leave nothing, and an interrupt
 * during the boot leaves nothing either. Runs only under the lab lock (it boots VMs).
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { liveFacts } from "../../src/facts/index.ts";
import { findLeftovers, listNetworks, openSession, type Session } from "../../src/openstack/index.ts";
import { IAAS_TESTCASES } from "../../src/testcases/registry.ts";
import { requirePart } from "../support/require.ts";
import { loadExpectedVerdicts } from "./expected.ts";

const CLOUD = "lab-member";
const VM_TESTCASES = ["scs-0101-entropy-avail", "scs-0101-fips-test", "scs-0101-rngd"];

/** Whether the lab answers, and whether it has its VM layer (which brings the external network). */
async function lab(): Promise<{ up: boolean; vm: boolean }> {
  const config = process.env["OS_CLIENT_CONFIG_FILE"] ?? "/etc/openstack/clouds.yaml";
  if (!existsSync(config)) return { up: false, vm: false };
  const session = openSession(CLOUD);
  try {
    return { up: true, vm: (await listNetworks(session, { external: true })).length > 0 };
  } catch {
    return { up: false, vm: false };
  } finally {
    await session.close();
  }
}

const NO_VM_LAYER = "the lab has no VM layer (no external network): see docs/lab.md";
const vmLabAvailable = async () => (await lab()).vm;

/** One check of the VM testcases: verdicts by id, and the lines the sample VM printed. */
async function checkVm(session: Session, signal: AbortSignal, progress: string[] = []) {
  const facts = liveFacts(session, { signal, sampleVm: { progress: (line) => progress.push(line) } });
  const outcomes = await Promise.all(
    VM_TESTCASES.map((id) => IAAS_TESTCASES.get(id)!.run(facts, { signal })),
  );
  return new Map(VM_TESTCASES.map((id, i) => [id, outcomes[i]!]));
}

const verdicts = (outcomes: Map<string, { verdict: string; log: readonly { message: string }[] }>) =>
  Object.fromEntries(
    [...outcomes].map(([id, o]) => [id, `${o.verdict} ${o.log.map((l) => l.message).join(" | ")}`]),
  );

describe("scs-0101 VM testcases on the lab", { timeout: 1_800_000 }, () => {
  it("without an external network ABORT before creating anything", async (t) => {
    const state = await lab();
    if (!requirePart(t, state.up, "OpenStack lab (scripts/lab/up.sh)")) return;
    if (state.vm) {
      t.skip("the lab has its VM layer");
      return;
    }
    const session = openSession(CLOUD);
    try {
      const progress: string[] = [];
      const outcomes = await checkVm(session, AbortSignal.timeout(600_000), progress);
      for (const id of VM_TESTCASES) {
        assert.equal(outcomes.get(id)?.verdict, "ABORT");
        assert.deepEqual(
          outcomes.get(id)?.log.map((l) => l.message),
          ["could not read vmOutput: sample VM: No external network found!"],
        );
      }
      assert.match(progress.at(-1) ?? "", /: done: everything removed/);
      assert.deepEqual(await findLeftovers(session, "_scs-"), []);
    } finally {
      await session.close();
    }
  });

  it("PASS as expected, twice at once against one project, and leave nothing", async (t) => {
    // Skipped, not failed, under CI: the lab's VM layer is still to come (docs/lab.md).
    if (!(await vmLabAvailable())) {
      t.skip(NO_VM_LAYER);
      return;
    }
    const expected = loadExpectedVerdicts();
    const session = openSession(CLOUD);
    try {
      const progress: string[][] = [[], []];
      const runs = await Promise.all(
        [0, 1].map((i) => checkVm(session, AbortSignal.timeout(1_200_000), progress[i])),
      );
      for (const outcomes of runs) {
        for (const id of VM_TESTCASES) {
          assert.equal(
            outcomes.get(id)?.verdict,
            expected.get(id)?.sample,
            JSON.stringify(verdicts(outcomes)),
          );
        }
      }
      for (const lines of progress) {
        assert.match(lines.at(-1) ?? "", /: done: everything removed \(\d+\.\d s\)$/, lines.join("\n"));
      }
      assert.deepEqual(await findLeftovers(session, "_scs-"), []);
    } finally {
      await session.close();
    }
  });

  it("an interrupt during the boot leaves nothing", async (t) => {
    // Skipped, not failed, under CI: the lab's VM layer is still to come (docs/lab.md).
    if (!(await vmLabAvailable())) {
      t.skip(NO_VM_LAYER);
      return;
    }
    const session = openSession(CLOUD);
    try {
      const abort = new AbortController();
      const facts = liveFacts(session, {
        signal: abort.signal,
        sampleVm: {
          progress: (line) => {
            if (/: boot: /.test(line))
              setTimeout(() => abort.abort(new Error("interrupted by Ctrl-C")), 2_000);
          },
        },
      });
      const outcome = await IAAS_TESTCASES.get("scs-0101-entropy-avail")!.run(facts, {
        signal: abort.signal,
      });
      assert.equal(outcome.verdict, "ABORT");
      assert.match(outcome.log.map((l) => l.message).join("\n"), /interrupted by Ctrl-C/);
      assert.deepEqual(await findLeftovers(session, "_scs-"), []);
    } finally {
      await session.close();
    }
  });
});
