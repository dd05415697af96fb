import type { Command } from "commander";
import { type PlanApplyCliOptions, processIo, registerPlanApply } from "./plan-apply.ts";

interface FlavorsCliOptions extends PlanApplyCliOptions {
  spec?: string;
  recommended?: boolean;
  addExtraSpecs?: boolean;
  replaceMismatched?: boolean;
  retireInvalid?: boolean;
  force?: boolean;
  hwRng?: boolean;
}

const HELP = `
Desired flavors: the scs-0103 mandatory flavors (with --recommended also the recommended ones),
or the flavors of a spec file (--spec), each described by its SCS name: vCPUs, RAM, disk and the
scs:* extra_specs follow from the name, hw_rng:allowed=True is added (scs-0101).
A spec file lists names, optionally with id, public, description and extra_specs:
  flavors:
    - SCS-2V-4
    - { name: SCS-4V-16-100s, id: "4-16-100s", extra_specs: { "hw:cpu_policy": shared } }
The scs-0103 SCS-Spec.MandatoryFlavors.verbose.yaml is read as well.

Every SCS- flavor of the cloud is looked at too: names that do not parse (scs-0100 syntax) and
flavors with less than their name promises (semantics) are listed; --retire-invalid and
--replace-mismatched fix them. Nova cannot change a flavor's vCPUs, RAM, disk, id or visibility:
a replacement keeps the old flavor as a private copy named retired-YYYYMMDD-NAME, deletes it and
creates the right one. A flavor in use by servers is never deleted without --force.

Examples:
  scs flavors plan --os-cloud admin                 what would change for the mandatory flavors
  scs flavors apply --os-cloud admin --recommended --yes
  scs flavors plan --os-cloud admin --add-extra-specs -f json
  scs flavors apply --os-cloud admin --spec flavors.yaml --replace-mismatched --retire-invalid

Exit status: plan 0 nothing to change, 1 changes pending or problems left; apply 0 applied,
1 a change failed (the message names the flavor and the step) or not confirmed; 2 usage or spec
file error (with file:line); 3 the cloud could not be reached or refused the credentials.`;

export function registerFlavors(program: Command): void {
  registerPlanApply<FlavorsCliOptions>(program, {
    name: "flavors",
    description: "bring a cloud's flavors in line with scs-0100/scs-0103: plan (default), then apply",
    help: HELP,
    own: (command) =>
      command
        .option("--spec <FILE>", 'flavor spec file instead of the scs-0103 standard flavors ("-": stdin)')
        .option("--recommended", "also the scs-0103 recommended flavors")
        .option(
          "--add-extra-specs",
          "add the missing scs:* extra_specs to every other flavor with a valid SCS name",
        )
        .option("--replace-mismatched", "replace flavors whose vCPUs, RAM, disk, id or visibility are wrong")
        .option("--retire-invalid", "retire SCS- flavors whose names do not parse (kept private, renamed)")
        .option("--force", "also replace or retire flavors that servers use")
        .option("--no-hw-rng", "do not add hw_rng:allowed=True"),
    run: async (mode, options) => {
      const { flavorsCommand } = await import("../managers/flavors/command.ts");
      return (await flavorsCommand(mode, options, processIo)).exitCode;
    },
  });
}
