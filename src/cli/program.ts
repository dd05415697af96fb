import { Command, CommanderError } from "commander";
import { oneLine, ScsError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { registerCheck } from "./check.ts";
import { registerCleanup } from "./cleanup.ts";
import { registerFlavor } from "./flavor.ts";
import { registerFlavors } from "./flavors.ts";
import { registerImages } from "./images.ts";
import { registerMonitor } from "./monitor.ts";
import { registerRun } from "./run.ts";
import { registerSign } from "./sign.ts";
import { registerSnapshot } from "./snapshot.ts";
import { registerSubject } from "./subject.ts";
import { registerUpload } from "./upload.ts";

/** Every command of `scs`. Command modules are light; heavy layers are imported in their actions. */
export function buildProgram(): Command {
  const program = new Command("scs")
    .description(
      "Sovereign Cloud Stack compliance tooling for OpenStack clouds:\n" +
        "flavor names (scs-0100), compliance check, snapshots, certification of many\n" +
        "clouds (signing, upload, onboarding), the flavor and image managers and the\n" +
        "compliance monitor.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .showSuggestionAfterError(true)
    // Set before the commands are added, so that every subcommand inherits it.
    .exitOverride()
    .addHelpText(
      "after",
      `
Examples:
  scs flavor parse SCS-2V-4-20s              validate a flavor name
  scs flavor describe SCS-8C-32-2x200p_z4    explain a flavor name in prose
  scs flavor generate                        build a flavor name interactively
  scs flavors plan --os-cloud admin          what the cloud lacks of the standard flavors
  scs check -s mycloud --os-cloud mycloud    check a cloud of clouds.yaml
  scs run -c config.toml --preset iaas       check, sign and upload many clouds

Run "scs <command> --help" for the options and examples of each command.`,
    );
  registerFlavor(program);
  registerFlavors(program);
  registerImages(program);
  registerMonitor(program);
  registerCheck(program);
  registerSnapshot(program);
  registerCleanup(program);
  registerSign(program);
  registerUpload(program);
  registerSubject(program);
  registerRun(program);
  return program;
}

const QUIET_EXITS = new Set(["commander.helpDisplayed", "commander.help", "commander.version"]);

/** Runs the CLI and returns the exit status; never throws. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed the help, the version or its own one-line error.
      return QUIET_EXITS.has(err.code) ? 0 : 2;
    }
    if (err instanceof ScsError) {
      process.stderr.write(`scs: error: ${oneLine(err)}\n`);
      if (process.env["SCS_DEBUG"] && err.cause !== undefined) {
        const cause = err.cause instanceof Error ? (err.cause.stack ?? err.cause.message) : String(err.cause);
        process.stderr.write(`caused by: ${cause}\n`);
      }
      return err.exitCode;
    }
    process.stderr.write(`scs: internal error (a bug, please report it): ${oneLine(err)}\n`);
    if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 70;
  }
}
