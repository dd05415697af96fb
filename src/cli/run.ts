import type { Command } from "commander";

/** `scs run`: the reference's scs-test-runner.py run, in one process. */
export function registerRun(program: Command): void {
  program
    .command("run")
    .description("check many subjects concurrently from a config.toml; sign and upload their reports")
    .option(
      "-c, --config <FILE>",
      "the runner's config (TOML: secrets, presets, scopes, subjects)",
      "config.toml",
    )
    .option("-p, --preset <NAME>", "scopes, subjects and workers of this preset (default: preset default)")
    .option("--scope <LIST>", "comma-separated scope names of the config")
    .option("--subject <LIST>", "comma-separated subjects")
    .option(
      "--section <LIST>",
      'only testcases of these sections; ".auto" = light,medium (+heavy on Saturdays)',
    )
    .option("-t, --tests <REGEX>", "only testcases whose id matches REGEX at its start (as scs check -t)")
    .option("-w, --workers <N>", "subjects checked at the same time (default: the preset's, else 5)")
    .option("--timeout <SECONDS>", "time limit of each subject's check", "1200")
    .option(
      "--monitor-url <URL>",
      "the compliance monitor to upload to",
      "https://compliance.sovereignit.cloud/",
    )
    .option("--no-upload", "write (and sign) the reports, do not upload them")
    .option("-o, --output <DIR>", "folder for the reports: SUBJECT.yaml and SUBJECT.yaml.sig", "reports")
    .option("--spool <DIR>", "where undelivered uploads wait (env SCS_UPLOAD_SPOOL)")
    .option("--passphrase-file <FILE>", "passphrase of an encrypted keyfile (else asked on the terminal)")
    .addHelpText(
      "after",
      `
Examples:
  scs run -c config.toml --preset iaas
      every subject of preset iaas, 16 at a time; reports in ./reports, signed with
      [secrets] keyfile and uploaded as [secrets] tokenfile (or SCS_MONITOR_TOKEN)
  scs run -c config.toml --scope scs-compatible-iaas --subject cloud-a,cloud-b \\
      --monitor-url http://localhost:8080/ -o out
  scs run -c config.toml --subject mycloud --no-upload

Each subject gets the variables of [subjects._.mapping] ({subject} filled in), overridden by
[subjects.NAME.mapping], and runs as "scs check -C" would, under its own --timeout: a cloud that
does not answer ends as ABORT with the reason and does not hold up the others. Each report is
signed and uploaded as soon as it is written; an upload that fails waits in the spool for the
next scs upload or scs run. On a terminal a line per subject shows its state, testcases done
and time; otherwise a line when a subject starts and ends. Then a table of subject × version
(verdicts of draft and deprecated versions in parentheses).

Exit status: 0 every subject passed its effective versions and every report arrived; 1 a
subject failed or ABORTed, or the monitor refused a report (the table says which); 75 reports
wait in the spool; 2 usage error (config, preset, scope file, credentials).`,
    )
    .action(async (opts) => {
      const { runRunCommand } = await import("../run/cli-action.ts");
      process.exitCode = await runRunCommand(opts);
    });
}
