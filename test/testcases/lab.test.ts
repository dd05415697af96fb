/**
 * Every IaaS testcase on the real lab (scripts/lab/up.sh + scripts/lab/populate), as lab-member:
 * the verdicts match scripts/lab/expected-verdicts.yaml for the variant the lab holds, each fact is
 * read once, and the testcases that create resources leave nothing behind.
 * With SCS_TEST_LAB_POPULATE=1 the test loads both variants itself (sample, then --fixed, then
 * the sample again); otherwise it checks the variant it finds.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { liveFacts } from "../../src/facts/index.ts";
import {
  listBackups,
  listSecurityGroups,
  listVolumes,
  openSession,
  type Session,
} from "../../src/openstack/index.ts";
import { IAAS_TESTCASES } from "../../src/testcases/registry.ts";
import type { Outcome } from "../../src/testcases/testcase.ts";
import { requirePart } from "../support/require.ts";
import { loadExpectedVerdicts, type Variant, verdictDifferences } from "./expected.ts";

const CLOUD = "lab-member";
const VM_TESTCASES = new Set(["scs-0101-entropy-avail", "scs-0101-fips-test", "scs-0101-rngd"]);
const REPO = fileURLToPath(new URL("../..", import.meta.url));

async function labAvailable(): Promise<boolean> {
  const config = process.env["OS_CLIENT_CONFIG_FILE"] ?? "/etc/openstack/clouds.yaml";
  if (!existsSync(config)) return false;
  try {
    const res = await fetch("http://127.0.0.1:5000/v3", { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function runAll(
  session: Session,
): Promise<{ outcomes: Map<string, Outcome>; variant: Variant | undefined }> {
  const facts = liveFacts(session);
  const signal = AbortSignal.timeout(600_000);
  // The VM testcases have their own lab test (sample-vm.test.ts): they need the VM layer.
  const ids = [...IAAS_TESTCASES.keys()].filter((id) => !VM_TESTCASES.has(id));
  const outcomes = await Promise.all(ids.map((id) => IAAS_TESTCASES.get(id)!.run(facts, { signal })));
  const names = new Set((await facts.get("flavors")).map((f) => f.name));
  const variant =
    names.has("SCS-2X-8") && !names.has("SCS-16V-32")
      ? "sample"
      : names.has("SCS-16V-32") && !names.has("SCS-2X-8")
        ? "fixed"
        : undefined;
  return { outcomes: new Map(ids.map((id, i) => [id, outcomes[i]!])), variant };
}

function populate(...args: string[]): void {
  const result = spawnSync("scripts/lab/populate", args, { cwd: REPO, encoding: "utf8", timeout: 600_000 });
  assert.equal(result.status, 0, `scripts/lab/populate ${args.join(" ")} failed: ${result.stderr}`);
}

async function leftovers(session: Session): Promise<string[]> {
  const [volumes, backups, groups] = await Promise.all([
    listVolumes(session),
    listBackups(session),
    listSecurityGroups(session),
  ]);
  return [
    ...volumes.filter((v) => v.name.startsWith("scs-test-")).map((v) => `volume ${v.name}`),
    ...backups.filter((b) => b.name.startsWith("scs-test-")).map((b) => `backup ${b.name}`),
    ...groups.filter((g) => g.name === "scs-test-default-sg").map((g) => `security group ${g.name}`),
  ];
}

describe("IaaS testcases on the lab", { timeout: 1_800_000 }, () => {
  it("match the expected verdicts and clean up after themselves", async (t) => {
    if (!requirePart(t, await labAvailable(), "OpenStack lab (scripts/lab/up.sh, then scripts/lab/populate)"))
      return;
    const expected = loadExpectedVerdicts();
    const both = process.env["SCS_TEST_LAB_POPULATE"] === "1";
    const variants: (Variant | "current")[] = both ? ["sample", "fixed"] : ["current"];
    try {
      for (const wanted of variants) {
        if (wanted !== "current") populate(...(wanted === "fixed" ? ["--fixed"] : []));
        const session = openSession(CLOUD);
        try {
          const { outcomes, variant } = await runAll(session);
          assert.ok(variant, "the lab holds neither variant of the sample: run scripts/lab/populate");
          if (wanted !== "current") assert.equal(variant, wanted);
          assert.deepEqual(verdictDifferences(expected, variant, outcomes), [], `variant ${variant}`);
          // Cinder deletes asynchronously: what the testcases deleted may still be listed a while.
          let left = await leftovers(session);
          for (let i = 0; i < 60 && left.length > 0; i++) {
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            left = await leftovers(session);
          }
          assert.deepEqual(left, []);
          const text = JSON.stringify([...outcomes.values()]);
          assert.ok(!/gAAAA|lab-member-secret/.test(text), "no token or password in the log lines");
        } finally {
          await session.close();
        }
      }
    } finally {
      if (both) populate();
    }
  });
});
