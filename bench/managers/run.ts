/**
 * Benchmark of the flavor manager on the OpenStack lab (run it under the lab lock; it changes the
 * lab and restores the sample at the end):
 *
 * 1. a full `apply` of the scs-0103 mandatory + recommended flavors on a lab without them (they
 *    are deleted first): wall time and HTTP requests (authentication included);
 * 2. a `plan` against 2000 flavors (`scripts/lab/populate --flavors 2000`): wall time and requests.
 *
 * The OSISM flavor manager is not installed here, so no ratio against it is printed; for scale:
 * it makes one create call and one extra_specs call per flavor too, but lists the flavors once per
 * flavor it checks.
 *
 * Run: flock /tmp/scs-real-parts.lock node --import tsx bench/managers/run.ts [--cloud lab-admin] [--runs 3]
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyFlavorPlan } from "../../src/managers/flavors/apply.ts";
import { planCloudFlavors } from "../../src/managers/flavors/command.ts";
import { standardFlavors } from "../../src/managers/flavors/desired.ts";
import { deleteFlavor } from "../../src/openstack/compute.ts";
import { listAllFlavors } from "../../src/openstack/flavor-admin.ts";
import { loadCloudConfig, Session } from "../../src/openstack/index.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const { values } = parseArgs({
  options: { cloud: { type: "string", default: "lab-admin" }, runs: { type: "string", default: "3" } },
});
const config = loadCloudConfig(values.cloud!);
const runs = Math.max(1, Number(values.runs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const desired = standardFlavors({ recommended: true });

function populate(...args: string[]): void {
  const r = spawnSync(join(REPO, "scripts/lab/populate"), args, { stdio: "ignore" });
  if (r.status !== 0) throw new Error(`scripts/lab/populate ${args.join(" ")} failed`);
}

/** Deletes every standard flavor (by name), so that apply has all of them to create. */
async function removeStandardFlavors(): Promise<void> {
  const session = new Session(config);
  const names = new Set(desired.map((d) => d.name));
  for (const f of await listAllFlavors(session)) if (names.has(f.name)) await deleteFlavor(session, f.id);
  await session.close();
}

try {
  const apply: { ms: number; requests: number; changes: number }[] = [];
  for (let i = 0; i < runs; i++) {
    await removeStandardFlavors();
    const session = new Session(config);
    const t0 = performance.now();
    const plan = await planCloudFlavors(session, desired, { hwRng: true });
    await applyFlavorPlan(session, plan);
    apply.push({ ms: performance.now() - t0, requests: session.requestCount, changes: plan.changes.length });
    await session.close();
  }
  const a = median(apply.map((r) => r.ms));
  const ar = apply[0]!;
  console.log(
    `apply of ${desired.length} standard flavors on a lab without them: median ${(a / 1000).toFixed(2)} s over ${runs} runs, ${ar.requests} requests for ${ar.changes} changes (${(ar.requests / desired.length).toFixed(2)} per flavor)`,
  );

  populate("--flavors", "2000", "--images", "0");
  const plan: { ms: number; requests: number; flavors: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const session = new Session(config);
    const t0 = performance.now();
    await planCloudFlavors(session, desired, { hwRng: true, addExtraSpecs: true });
    const ms = performance.now() - t0;
    const requests = session.requestCount;
    const flavors = (await listAllFlavors(session)).length;
    plan.push({ ms, requests, flavors });
    await session.close();
  }
  console.log(
    `plan (--add-extra-specs) against ${plan[0]!.flavors} flavors: median ${(median(plan.map((r) => r.ms)) / 1000).toFixed(2)} s over ${runs} runs, ${plan[0]!.requests} requests`,
  );
} finally {
  populate("--flavors", "0", "--images", "0");
  console.log("lab restored: scripts/lab/populate --flavors 0 --images 0");
}
