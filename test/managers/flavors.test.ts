/**
 * `scs flavors apply` on the OpenStack lab, from the populated sample (scripts/lab/populate):
 * afterwards a member's `scs check` passes every scs-0100 and scs-0103 testcase and a second
 * plan is empty. The sample is restored at the end. Run under the lab lock (CONTRIBUTING.md).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { deleteFlavor } from "../../src/openstack/compute.ts";
import { listAllFlavors } from "../../src/openstack/flavor-admin.ts";
import { openSession } from "../../src/openstack/index.ts";
import { parseReport } from "../../src/standards/scope/index.ts";
import { ADMIN, LAB_WHY, labAvailable, MEMBER } from "../openstack/lab.ts";
import { scs } from "../support/cli.ts";
import { requirePart } from "../support/require.ts";

const POPULATE = fileURLToPath(new URL("../../scripts/lab/populate", import.meta.url));
const FLAGS = ["--add-extra-specs", "--replace-mismatched", "--retire-invalid", "--recommended"];

/** Deletes the private copies apply made and loads the sample again. */
async function restoreSample(): Promise<void> {
  const session = openSession(ADMIN);
  try {
    for (const f of await listAllFlavors(session)) {
      if (f.name.startsWith("retired-") && f.description?.includes("retired by scs flavors apply")) {
        await deleteFlavor(session, f.id);
      }
    }
  } finally {
    await session.close();
  }
  execFileSync(POPULATE, ["--flavors", "0", "--images", "0"], { stdio: "ignore" });
}

describe("scs flavors on the lab", { timeout: 900_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-flavors-lab-"));
  let touched = false;
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (touched) await restoreSample();
  });

  it("apply brings the sample in line: scs-0100 and scs-0103 pass, a second plan is empty", async (t) => {
    if (!requirePart(t, await labAvailable(), LAB_WHY)) return;
    const before = scs(["flavors", "plan", "--os-cloud", ADMIN, ...FLAGS, "-f", "json", "-q"]);
    assert.equal(before.status, 1, before.stderr);
    const plan = JSON.parse(before.stdout) as { changes: { action: string; name: string }[] };
    const actions = new Map(plan.changes.map((c) => [c.name, c.action]));
    // The sample's deliberate defects, each planned for what it is.
    assert.equal(actions.get("SCS-16V-32"), "create");
    assert.equal(actions.get("SCS-2V-4-20s"), "update");
    assert.equal(actions.get("SCS-4V-12"), "replace");
    assert.equal(actions.get("SCS-2X-8"), "retire");

    touched = true;
    const apply = scs(["flavors", "apply", "--os-cloud", ADMIN, ...FLAGS, "--yes"]);
    assert.equal(apply.status, 0, apply.stderr);
    assert.match(apply.stderr, new RegExp(`applied ${plan.changes.length} changes`));

    const again = scs(["flavors", "plan", "--os-cloud", ADMIN, ...FLAGS, "-f", "json", "-q"]);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.deepEqual(JSON.parse(again.stdout).changes, []);

    const report = join(dir, "report.yaml");
    const check = scs([
      "check",
      "-s",
      "lab",
      "--os-cloud",
      MEMBER,
      "-t",
      "scs-0100|scs-0103",
      "-o",
      report,
      "-q",
    ]);
    const parsed = parseReport(readFileSync(report, "utf8"));
    assert.ok(parsed.ok);
    const results = Object.values(parsed.value.run.invocations)[0]!.results;
    const failing = Object.entries(results).filter(([, r]) => r !== 1);
    assert.ok(Object.keys(results).length >= 17, JSON.stringify(results));
    assert.deepEqual(failing, [], check.stderr);
    assert.equal(check.status, 0);
  });
});
