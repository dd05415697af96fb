import { type Command, Option } from "commander";

interface FlavorsCliOptions {
  osCloud?: string;
  spec?: string;
  recommended?: boolean;
  addExtraSpecs?: boolean;
  replaceMismatched?: boolean;
  retireInvalid?: boolean;
  force?: boolean;
  hwRng?: boolean;
  format?: "table" | "json" | "yaml";
  yes?: boolean;
  quiet?: boolean;
  debug?: boolean;
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

function withOptions(command: Command): Command {
  return command
    .option("-c, --os-cloud <NAME>", "admin cloud from clouds.yaml (default: $OS_CLOUD)")
    .option("--spec <FILE>", 'flavor spec file instead of the scs-0103 standard flavors ("-": stdin)')
    .option("--recommended", "also the scs-0103 recommended flavors")
    .option(
      "--add-extra-specs",
      "add the missing scs:* extra_specs to every other flavor with a valid SCS name",
    )
    .option("--replace-mismatched", "replace flavors whose vCPUs, RAM, disk, id or visibility are wrong")
    .option("--retire-invalid", "retire SCS- flavors whose names do not parse (kept private, renamed)")
    .option("--force", "also replace or retire flavors that servers use")
    .option("--no-hw-rng", "do not add hw_rng:allowed=True")
    .addOption(
      new Option("-f, --format <FORMAT>", "plan output format")
        .choices(["table", "json", "yaml"])
        .default("table"),
    )
    .option("-q, --quiet", "no progress lines on stderr")
    .option("--debug", "trace each HTTP request and print the request count on stderr");
}

async function action(mode: "plan" | "apply", opts: FlavorsCliOptions): Promise<void> {
  const { flavorsCommand } = await import("../managers/flavors/command.ts");
  const { osCloud, ...rest } = opts;
  const { exitCode } = await flavorsCommand(
    mode,
    { ...rest, ...(osCloud ? { cloud: osCloud } : {}) },
    { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
  );
  process.exitCode = exitCode;
}

export function registerFlavors(program: Command): void {
  const flavors = program
    .command("flavors")
    .description("bring a cloud's flavors in line with scs-0100/scs-0103: plan (default), then apply");
  withOptions(
    flavors.command("plan", { isDefault: true }).description("show what apply would change; change nothing"),
  )
    .addHelpText("after", HELP)
    .action((opts: FlavorsCliOptions) => action("plan", opts));
  withOptions(flavors.command("apply").description("carry out the plan; asks on a terminal unless --yes"))
    .option("-y, --yes", "apply without asking")
    .addHelpText("after", HELP)
    .action((opts: FlavorsCliOptions) => action("apply", opts));
}
