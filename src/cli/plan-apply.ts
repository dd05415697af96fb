import { type Command, Option } from "commander";

/** The options both managers take besides their own. */
export interface PlanApplyCliOptions {
  osCloud?: string;
  format?: "table" | "json" | "yaml";
  yes?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/**
 * `scs NAME plan|apply` (plan the default) with the options every manager shares; `own` adds the
 * manager's options, `run` calls its library command and returns the exit code.
 */
export function registerPlanApply<O extends PlanApplyCliOptions>(
  program: Command,
  spec: {
    readonly name: string;
    readonly description: string;
    readonly help: string;
    readonly own: (command: Command) => Command;
    readonly run: (
      mode: "plan" | "apply",
      options: Omit<O, "osCloud"> & { cloud?: string },
    ) => Promise<number>;
  },
): void {
  const withOptions = (command: Command) =>
    spec
      .own(command.option("-c, --os-cloud <NAME>", "admin cloud from clouds.yaml (default: $OS_CLOUD)"))
      .addOption(
        new Option("-f, --format <FORMAT>", "plan output format")
          .choices(["table", "json", "yaml"])
          .default("table"),
      )
      .option("-q, --quiet", "no progress lines on stderr")
      .option("--debug", "trace each HTTP request and print the request count on stderr")
      .addHelpText("after", spec.help);
  const action = (mode: "plan" | "apply") => async (opts: O) => {
    const { osCloud, ...rest } = opts;
    process.exitCode = await spec.run(mode, { ...rest, ...(osCloud ? { cloud: osCloud } : {}) });
  };
  const parent = program.command(spec.name).description(spec.description);
  withOptions(
    parent.command("plan", { isDefault: true }).description("show what apply would change; change nothing"),
  ).action(action("plan"));
  withOptions(parent.command("apply").description("carry out the plan; asks on a terminal unless --yes"))
    .option("-y, --yes", "apply without asking")
    .action(action("apply"));
}

/** Where a manager writes. */
export const processIo = {
  stdout: (t: string) => process.stdout.write(t),
  stderr: (t: string) => process.stderr.write(t),
};
