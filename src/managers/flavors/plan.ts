/**
 * The flavor plan: what must change so that a cloud has the desired flavors and its `SCS-`
 * flavors keep their names' promises (scs-0100, scs-0103). Pure: flavors in, changes out.
 *
 * Nova cannot change a flavor's vCPUs, RAM, disk, id or visibility, nor its name. A flavor that
 * is wrong in those is replaced: a private copy under a `retired-` name keeps what it was, the
 * old one is deleted and the right one created. That only happens with --replace-mismatched
 * (and for names that do not parse, --retire-invalid); otherwise the plan names the problem.
 */
import type { Flavor } from "../../openstack/compute.ts";
import { type FlavorName, parseFlavorName } from "../../standards/flavor-name/index.ts";
import { semanticProblems } from "../../testcases/scs-0100.ts";
import { standardFlavorLookup } from "../../testcases/scs-0103.ts";
import { type DesiredFlavor, HW_RNG_KEY, scsExtraSpecs } from "./desired.ts";

export type ExistingFlavor = Pick<
  Flavor,
  "id" | "name" | "vcpus" | "ram" | "disk" | "isPublic" | "description" | "extraSpecs"
>;

export type FlavorChange =
  | { readonly action: "create"; readonly name: string; readonly flavor: DesiredFlavor }
  | {
      readonly action: "update";
      readonly name: string;
      readonly id: string;
      /** The extra_specs to set. */
      readonly extraSpecs: Readonly<Record<string, string>>;
      /** Their values before (null: absent). */
      readonly was: Readonly<Record<string, string | null>>;
    }
  | {
      readonly action: "replace";
      readonly name: string;
      readonly old: ExistingFlavor;
      readonly flavor: DesiredFlavor;
      readonly reasons: readonly string[];
      /** The private copy that keeps the old flavor's values. */
      readonly retiredName: string;
      readonly inUse?: boolean;
    }
  | {
      readonly action: "retire";
      readonly name: string;
      readonly old: ExistingFlavor;
      readonly reasons: readonly string[];
      readonly retiredName: string;
      readonly inUse?: boolean;
    };

/** A problem the plan does not fix (yet): `fix` says which option would. */
export interface FlavorNotice {
  readonly name: string;
  readonly problem: string;
  readonly fix?: string;
}

export interface FlavorPlan {
  readonly changes: readonly FlavorChange[];
  readonly notices: readonly FlavorNotice[];
}

export interface FlavorPlanOptions {
  /** Add the missing `scs:*` extra_specs to every other flavor with a valid SCS name. */
  readonly addExtraSpecs?: boolean;
  /** Replace flavors whose vCPUs, RAM, disk, id or visibility are wrong. */
  readonly replaceMismatched?: boolean;
  /** Retire (make private under another name) `SCS-` flavors whose names do not parse. */
  readonly retireInvalid?: boolean;
  /** With addExtraSpecs: also add `hw_rng:allowed`. Default true. */
  readonly hwRng?: boolean;
  /** The day of the run (YYYY-MM-DD), for the names of retired flavors. */
  readonly today: string;
}

export const RETIRED_PREFIX = "retired-";

/** `retired-20261202-SCS-4V-12`: not an SCS name, so the naming checks leave it alone. */
export function retiredName(name: string, today: string): string {
  return `${RETIRED_PREFIX}${today.replaceAll("-", "")}-${name}`;
}

export function planFlavors(
  desired: readonly DesiredFlavor[],
  existing: readonly ExistingFlavor[],
  options: FlavorPlanOptions,
): FlavorPlan {
  const lookup = standardFlavorLookup(existing);
  const byName = new Map(existing.map((f) => [f.name, f]));
  const handled = new Set<string>();
  const removals: FlavorChange[] = [];
  const creates: FlavorChange[] = [];
  const updates: FlavorChange[] = [];
  const notices: FlavorNotice[] = [];

  for (const want of desired) {
    const have = lookup.get(want.name) ?? byName.get(want.name);
    if (!have) {
      creates.push({ action: "create", name: want.name, flavor: want });
      continue;
    }
    handled.add(have.id);
    const reasons = fixedFieldMismatches(want, have);
    if (reasons.length > 0 && options.replaceMismatched) {
      removals.push(replace(have, want, reasons, options.today));
      continue;
    }
    if (reasons.length > 0) {
      notices.push({
        name: have.name,
        problem: `${reasons.join(", ")}; Nova cannot change these`,
        fix: "--replace-mismatched",
      });
    }
    const update = extraSpecUpdate(have, want.extraSpecs);
    if (update) updates.push(update);
  }

  for (const have of [...existing].sort((a, b) => compare(a.name, b.name))) {
    if (handled.has(have.id) || !have.name.startsWith("SCS-")) continue;
    // The scs-0100 checks' own strategy: v2/v3 names, v1 tolerated.
    const parsed = parseFlavorName(have.name, "syntax-check");
    if (parsed.status !== "valid") {
      const reason = `the name is no valid SCS name (${parsed.status === "invalid" ? parsed.error : "not SCS"})`;
      if (options.retireInvalid) {
        removals.push({
          action: "retire",
          name: have.name,
          old: have,
          reasons: [reason],
          retiredName: retiredName(have.name, options.today),
        });
      } else notices.push({ name: have.name, problem: reason, fix: "--retire-invalid" });
      continue;
    }
    const add = options.addExtraSpecs
      ? missingExtraSpecs(have, parsed.flavor, options.hwRng ?? true, notices)
      : {};
    if (parsed.flavor.disk && parsed.flavor.disk.disksize === null) {
      notices.push({
        name: have.name,
        problem: "the disk part has no size: scs-0100-semantics-check cannot judge it",
      });
    } else {
      const problems = semanticProblems({ flavor: have, name: parsed.flavor });
      if (problems.length > 0) {
        if (options.replaceMismatched) {
          removals.push(replace(have, keepPromise(have, parsed.flavor, add), problems, options.today));
          continue;
        }
        notices.push({
          name: have.name,
          problem: `less than the name promises: ${problems.join("; ")}`,
          fix: "--replace-mismatched",
        });
      }
    }
    if (Object.keys(add).length > 0) {
      updates.push({
        action: "update",
        name: have.name,
        id: have.id,
        extraSpecs: add,
        was: Object.fromEntries(Object.keys(add).map((k) => [k, null])),
      });
    }
  }
  return { changes: [...removals, ...creates, ...updates], notices };
}

/** The plan without the replacements of flavors in use, unless `force`: those become notices. */
export function holdFlavorsInUse(plan: FlavorPlan, inUse: ReadonlySet<string>, force: boolean): FlavorPlan {
  const changes: FlavorChange[] = [];
  const notices = [...plan.notices];
  for (const change of plan.changes) {
    if ((change.action === "replace" || change.action === "retire") && inUse.has(change.old.id)) {
      if (force) changes.push({ ...change, inUse: true });
      else {
        notices.push({
          name: change.name,
          problem: `would be ${change.action}d (${change.reasons.join("; ")}), but servers use it`,
          fix: "--force",
        });
      }
    } else changes.push(change);
  }
  return { changes, notices };
}

/** The flavors whose removal the plan proposes: their use by servers must be checked. */
export function flavorsToRemove(plan: FlavorPlan): ExistingFlavor[] {
  return plan.changes.flatMap((c) => (c.action === "replace" || c.action === "retire" ? [c.old] : []));
}

function fixedFieldMismatches(want: DesiredFlavor, have: ExistingFlavor): string[] {
  const out: string[] = [];
  if (have.vcpus !== want.vcpus) out.push(`vcpus ${have.vcpus} should be ${want.vcpus}`);
  if (have.ram !== want.ram) out.push(`ram ${have.ram} MiB should be ${want.ram}`);
  if (have.disk !== want.disk) out.push(`disk ${have.disk} GB should be ${want.disk}`);
  if (want.id !== undefined && have.id !== want.id) out.push(`id ${have.id} should be ${want.id}`);
  if (have.isPublic !== want.isPublic)
    out.push(want.isPublic ? "private, should be public" : "public, should be private");
  return out;
}

function extraSpecUpdate(
  have: ExistingFlavor,
  want: Readonly<Record<string, string>>,
): FlavorChange | undefined {
  const set: Record<string, string> = {};
  const was: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(want)) {
    const current = have.extraSpecs[key];
    if (current === value) continue;
    set[key] = value;
    was[key] = current ?? null;
  }
  if (Object.keys(set).length === 0) return undefined;
  return { action: "update", name: have.name, id: have.id, extraSpecs: set, was };
}

/**
 * The `scs:*` keys the name implies and the flavor lacks. Values a flavor already has are never
 * overwritten (a wrong one is a notice), and name keys are added only when it has none: its
 * `scs:name-vN` may deliberately point at another of its names.
 */
function missingExtraSpecs(
  have: ExistingFlavor,
  name: FlavorName,
  hwRng: boolean,
  notices: FlavorNotice[],
): Record<string, string> {
  const derived = scsExtraSpecs(name);
  if (!derived.ok) {
    notices.push({ name: have.name, problem: derived.error });
    return {};
  }
  const hasNames = Object.keys(have.extraSpecs).some((k) => /^scs:name-v\d+$/.test(k));
  const add: Record<string, string> = {};
  for (const [key, value] of Object.entries(derived.value)) {
    const current = have.extraSpecs[key];
    if (key.startsWith("scs:name-v")) {
      if (!hasNames) add[key] = value;
    } else if (current === undefined) add[key] = value;
    else if (current !== value) {
      notices.push({
        name: have.name,
        problem: `extra_spec ${key} is ${current}, but the name says ${value}`,
      });
    }
  }
  if (hwRng && have.extraSpecs[HW_RNG_KEY] === undefined) add[HW_RNG_KEY] = "True";
  return add;
}

/** The flavor as it should be: at least what its name promises, everything else kept. */
function keepPromise(have: ExistingFlavor, name: FlavorName, add: Record<string, string>): DesiredFlavor {
  const ram = Math.ceil(name.cpuram.ram * 1024);
  return {
    name: have.name,
    vcpus: Math.max(have.vcpus, Number(name.cpuram.cpus)),
    ram: Math.max(have.ram, ram),
    disk: Math.max(have.disk, Number(name.disk?.disksize ?? 0n)),
    isPublic: have.isPublic,
    ...(have.description ? { description: have.description } : {}),
    extraSpecs: { ...have.extraSpecs, ...add },
  };
}

function replace(have: ExistingFlavor, want: DesiredFlavor, reasons: string[], today: string): FlavorChange {
  return {
    action: "replace",
    name: want.name,
    old: have,
    // Keys the name does not govern (hw:…, quotas) move over to the new flavor.
    flavor: { ...want, extraSpecs: { ...have.extraSpecs, ...want.extraSpecs } },
    reasons,
    retiredName: retiredName(have.name, today),
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
