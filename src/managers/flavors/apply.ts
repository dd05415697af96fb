/**
 * Carries out a flavor plan, change by change, in the plan's order. The first failure stops the
 * run with one line that names the flavor and the step; what was done before stays done, and a
 * new plan shows what is left.
 */
import { oneLine } from "../../errors.ts";
import { createFlavor, deleteFlavor, type FlavorSpec, setFlavorExtraSpecs } from "../../openstack/compute.ts";
import type { Session } from "../../openstack/session.ts";
import { ApplyError } from "../apply-error.ts";
import type { DesiredFlavor } from "./desired.ts";
import type { ExistingFlavor, FlavorChange, FlavorPlan } from "./plan.ts";

export async function applyFlavorPlan(
  session: Session,
  plan: FlavorPlan,
  progress: (line: string) => void = () => {},
): Promise<{ readonly applied: number }> {
  let applied = 0;
  for (const change of plan.changes) {
    progress(`${change.action} ${change.name} (${applied + 1}/${plan.changes.length})`);
    await applyChange(session, change, (step, err) => {
      const done =
        applied === 0
          ? "nothing applied before"
          : `${applied} of ${plan.changes.length} changes applied before`;
      return new ApplyError(
        `flavor "${change.name}": ${step} failed: ${oneLine(err)} (${done}; run plan again to see what is left)`,
        err,
      );
    });
    applied++;
  }
  return { applied };
}

type Fail = (step: string, err: unknown) => ApplyError;

async function step<T>(what: string, fail: Fail, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw fail(what, err);
  }
}

async function applyChange(session: Session, change: FlavorChange, fail: Fail): Promise<void> {
  switch (change.action) {
    case "create":
      return create(session, change.flavor, fail);
    case "update":
      await step("setting extra_specs", fail, () =>
        setFlavorExtraSpecs(session, change.id, change.extraSpecs),
      );
      return;
    case "replace":
      await retire(session, change.old, change.retiredName, fail);
      return create(session, change.flavor, fail);
    case "retire":
      return retire(session, change.old, change.retiredName, fail);
  }
}

async function create(session: Session, flavor: DesiredFlavor, fail: Fail): Promise<void> {
  const spec: FlavorSpec = {
    name: flavor.name,
    vcpus: flavor.vcpus,
    ram: flavor.ram,
    disk: flavor.disk,
    isPublic: flavor.isPublic,
    ...(flavor.id === undefined ? {} : { id: flavor.id }),
    ...(flavor.description === undefined ? {} : { description: flavor.description }),
  };
  const created = await step("creating it", fail, () => createFlavor(session, spec));
  if (Object.keys(flavor.extraSpecs).length > 0) {
    await step(`setting extra_specs of the new flavor ${created.id}`, fail, () =>
      setFlavorExtraSpecs(session, created.id, flavor.extraSpecs),
    );
  }
}

/** A private copy under the retired name first, so that nothing is lost if the delete fails. */
async function retire(session: Session, old: ExistingFlavor, name: string, fail: Fail): Promise<void> {
  await create(
    session,
    {
      name,
      vcpus: old.vcpus,
      ram: old.ram,
      disk: old.disk,
      isPublic: false,
      description: `was ${old.name} (id ${old.id}), retired by scs flavors apply`,
      // Its old names no longer describe it; kept, they would compete with the new flavor's.
      extraSpecs: Object.fromEntries(
        Object.entries(old.extraSpecs).filter(([key]) => !/^scs:name-v\d+$/.test(key)),
      ),
    },
    (what, err) => fail(`keeping a private copy as ${name}: ${what}`, err),
  );
  await step(`deleting the old flavor ${old.id}`, fail, () => deleteFlavor(session, old.id));
}
