/** scs-0100 flavor naming: every `SCS-` flavor name parses, and the flavor delivers what it promises. */
import type { Flavor } from "../facts/model.ts";
import { type FlavorName, parseFlavorName } from "../standards/flavor-name/index.ts";
import { Abort, defineTestcase, type IaasTestcase, type Log, quote } from "./define.ts";

interface Parsed {
  readonly flavor: Flavor;
  readonly name: FlavorName;
}

/** Parses every `SCS-` flavor; returns the parsed ones and logs the rest. Overflow ABORTs. */
function parseScsFlavors(
  flavors: readonly Flavor[],
  log: Log | undefined,
): { parsed: Parsed[]; failed: string[] } {
  const parsed: Parsed[] = [];
  const failed: string[] = [];
  for (const flavor of flavors) {
    if (!flavor.name.startsWith("SCS-")) continue;
    const outcome = parseFlavorName(flavor.name, "syntax-check");
    if (outcome.status === "valid") {
      if (outcome.tolerated)
        log?.warning(`flavor ${quote(flavor.name)}: tolerated ${outcome.tolerated} name`);
      parsed.push({ flavor, name: outcome.flavor });
    } else if (outcome.status === "invalid") {
      // The reference raises a non-value error here, which aborts both scs-0100 testcases.
      if (outcome.overflow) throw new Abort(`flavor ${quote(flavor.name)}: ${outcome.error}`);
      log?.error(`flavor ${quote(flavor.name)}: ${outcome.error}`);
      failed.push(flavor.name);
    }
  }
  return { parsed, failed };
}

const syntaxCheck = defineTestcase({
  id: "scs-0100-syntax-check",
  needs: ["flavors"],
  async check(facts, log) {
    const { failed } = parseScsFlavors(await facts.get("flavors"), log);
    if (failed.length === 0) return true;
    log.error(`scs-100-syntax-check: flavor(s) failed: ${failed.sort().join(", ")}`);
    return false;
  },
});

/** RAM in GiB as advertised by rounding: up to 51 MiB less than the name says still passes. */
export function roundedRamGiB(ramMiB: number): number {
  return Math.trunc((ramMiB + 51) / 102.4) / 10;
}

/** What a flavor lacks against its name (empty = fine); throws Abort for a disk without size. */
export function semanticProblems({ flavor, name }: Parsed): string[] {
  if (name.disk && name.disk.disksize === null) {
    throw new Abort(`flavor ${quote(flavor.name)}: disk part without size cannot be compared`);
  }
  const problems: string[] = [];
  if (BigInt(flavor.vcpus) < name.cpuram.cpus) problems.push(`${flavor.vcpus} vCPUs < ${name.cpuram.cpus}`);
  const ram = roundedRamGiB(flavor.ram);
  if (ram < name.cpuram.ram) problems.push(`${flavor.ram} MiB RAM (${ram} GiB) < ${name.cpuram.ram} GiB`);
  const disk = name.disk?.disksize ?? 0n;
  if (BigInt(flavor.disk) < disk) problems.push(`${flavor.disk} GB disk < ${disk} GB`);
  return problems;
}

const semanticsCheck = defineTestcase({
  id: "scs-0100-semantics-check",
  needs: ["flavors"],
  async check(facts, log) {
    const { parsed } = parseScsFlavors(await facts.get("flavors"), undefined);
    const failed: string[] = [];
    for (const problems of parsed.map((p) => [p.flavor.name, semanticProblems(p)] as const)) {
      const [name, list] = problems;
      if (list.length === 0) continue;
      log.error(`flavor ${quote(name)}: ${list.join("; ")}`);
      failed.push(name);
    }
    if (failed.length === 0) return true;
    log.error(`scs-100-semantics-check: flavor(s) failed: ${failed.sort().join(", ")}`);
    return false;
  },
});

export const testcases: readonly IaasTestcase[] = [syntaxCheck, semanticsCheck];
