/** `scs flavors plan|apply`: the library call behind the command (the CLI only parses options). */
import { readFileSync } from "node:fs";
import { type Clock, systemClock } from "../../clock.ts";
import { oneLine, ScsError, UsageError } from "../../errors.ts";
import { flavorInUse, listAllFlavors } from "../../openstack/flavor-admin.ts";
import { openSession } from "../../openstack/index.ts";
import type { Session } from "../../openstack/session.ts";
import type { PlanFormat } from "../output.ts";
import { type ManagerIo, runManager, specFileError } from "../run.ts";
import { applyFlavorPlan } from "./apply.ts";
import { type DesiredFlavor, standardFlavors } from "./desired.ts";
import { type FlavorPlan, flavorsToRemove, holdFlavorsInUse, planFlavors } from "./plan.ts";
import { renderPlan, summary } from "./render.ts";
import { parseFlavorSpec } from "./spec-file.ts";

export interface FlavorsCommandOptions {
  /** Cloud name from clouds.yaml; default OS_CLOUD. */
  readonly cloud?: string;
  /** A flavor spec file instead of the scs-0103 standard flavors. */
  readonly spec?: string;
  readonly recommended?: boolean;
  readonly addExtraSpecs?: boolean;
  readonly replaceMismatched?: boolean;
  readonly retireInvalid?: boolean;
  readonly force?: boolean;
  /** Add `hw_rng:allowed` (default true). */
  readonly hwRng?: boolean;
  readonly format?: PlanFormat;
  readonly yes?: boolean;
  readonly quiet?: boolean;
  readonly debug?: boolean;
  /** The clock (for the names of retired flavors); default the machine's. */
  readonly clock?: Clock;
}

export async function loadDesiredFlavors(options: FlavorsCommandOptions): Promise<DesiredFlavor[]> {
  const hwRng = options.hwRng ?? true;
  if (options.spec === undefined)
    return standardFlavors({ recommended: options.recommended ?? false, hwRng });
  if (options.recommended)
    throw new UsageError("--recommended and --spec exclude each other: list the flavors in the spec");
  let text: string;
  try {
    text = readFileSync(options.spec === "-" ? 0 : options.spec, "utf8");
  } catch (err) {
    throw new ScsError(`cannot read the flavor spec ${options.spec}: ${oneLine(err)}`, { cause: err });
  }
  const parsed = parseFlavorSpec(text, { hwRng });
  if (parsed.ok) return parsed.value;
  throw specFileError(parsed.issues, options.spec);
}

/** Reads the cloud's flavors and plans; flavors in use are held back unless --force. */
export async function planCloudFlavors(
  session: Session,
  desired: readonly DesiredFlavor[],
  options: FlavorsCommandOptions,
): Promise<FlavorPlan> {
  const existing = await listAllFlavors(session);
  const plan = planFlavors(desired, existing, {
    addExtraSpecs: options.addExtraSpecs ?? false,
    replaceMismatched: options.replaceMismatched ?? false,
    retireInvalid: options.retireInvalid ?? false,
    hwRng: options.hwRng ?? true,
    today: (options.clock ?? systemClock).now().toISOString().slice(0, 10),
  });
  const used = new Set<string>();
  for (const flavor of flavorsToRemove(plan)) {
    if (await flavorInUse(session, flavor.id)) used.add(flavor.id);
  }
  return holdFlavorsInUse(plan, used, options.force ?? false);
}

export async function flavorsCommand(
  mode: "plan" | "apply",
  options: FlavorsCommandOptions,
  io: ManagerIo,
): Promise<{ exitCode: number; plan: FlavorPlan; requests: number }> {
  const desired = await loadDesiredFlavors(options);
  const session = openSession(
    options.cloud,
    options.debug ? { trace: (l) => io.stderr(`debug: ${l}\n`) } : {},
  );
  return runManager(
    mode,
    {
      name: "flavors",
      plan: (s) => planCloudFlavors(s, desired, options),
      render: renderPlan,
      summary,
      apply: (s, plan, progress) => applyFlavorPlan(s, plan, progress),
    },
    session,
    options,
    io,
  );
}
