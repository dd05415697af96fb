import { type Command, Option } from "commander";

const count = (_: string, previous: number) => previous + 1;
const collect = (value: string, previous: string[]) => [...previous, value];

export function registerCheck(program: Command): void {
  // `scs check -V v5.1` is the reference's "test this version"; the program's own -V (print the
  // version) must then only count before the command name.
  program.enablePositionalOptions();
  program
    .command("check")
    .description("run the compliance check of a certificate scope against a cloud (or a snapshot) and report")
    .argument("[SPEC_YAML]", "scope file (default: the built-in scs-compatible-iaas.yaml)")
    .option(
      "-s, --subject <SUBJECT>",
      "name of the cloud under test, as the report and the monitor know it (required)",
    )
    .option(
      "-a, --assign <KEY=VALUE>",
      "assign a scope variable, e.g. os_cloud=mycloud (repeatable)",
      collect,
      [],
    )
    .option("--os-cloud <NAME>", "cloud from clouds.yaml; the same as -a os_cloud=NAME")
    .option("--snapshot <FILE>", "check a snapshot file (scs snapshot) offline instead of a live cloud")
    .option("-o, --output <PATH>", 'write the report to PATH ("-": stdout instead of the console report)')
    .addOption(
      new Option(
        "--format <FORMAT>",
        "report format (default: by extension of -o: .json, .xml = junit, else yaml)",
      ).choices(["yaml", "json", "junit"]),
    )
    .option("--sign <KEY>", "sign the report (-o FILE) with this private key: writes FILE.sig")
    .option("--passphrase-file <FILE>", "passphrase of an encrypted --sign key (else asked on the terminal)")
    .option("--upload <URL>", "upload the signed report to this compliance monitor (needs --sign)")
    .option(
      "--token-file <FILE>",
      "monitor token for --upload: base64 of SUBJECT:API_KEY (env SCS_MONITOR_TOKEN)",
    )
    .option("--spool <DIR>", "where an upload that failed waits for the next try (env SCS_UPLOAD_SPOOL)")
    .option("--junit <PATH>", "also write the results as JUnit XML, for CI systems")
    .option("-d, --date <YYYY-MM-DD>", "reference date for choosing the versions (default: today)")
    .option("-V, --version <VERSION>", "test exactly this version, even if the timeline does not name it")
    .option("-S, --sections <LIST>", "only testcases of these comma-separated sections")
    .option("-t, --tests <REGEX>", "only testcases whose id matches REGEX at its start")
    .option("-C, --critical-only", "exit status counts only critical problems")
    .option(
      "-v, --verbose",
      "also list passed testcases and echo the testcases' output (twice: like --debug)",
      count,
      0,
    )
    .option("-q, --quiet", "no console report (and no progress lines of the sample VM)")
    .option(
      "--vm-boot-timeout <SECONDS>",
      "scs-0101 sample VM: give up when its boot volume or server is not ready after this long",
      "500",
    )
    .option(
      "--vm-timeout <SECONDS>",
      "scs-0101 sample VM: give up when the guest has not finished this long after it is up",
      "600",
    )
    .option(
      "--timeout <SECONDS>",
      "time budget of the whole run (default 3600); testcases still running then ABORT, the report is written",
    )
    .option(
      "--debug",
      "trace HTTP requests, print timing and request count, list every problem of an invalid scope file",
    )
    .addHelpText(
      "after",
      `
Examples:
  scs check -s mycloud --os-cloud mycloud -o report.yaml
      check the cloud "mycloud" of clouds.yaml against the versions valid today
  scs check scs-compatible-iaas.yaml -s mycloud -a os_cloud=mycloud -V v5.1
      the reference's command line, one version only
  scs check -s mycloud --snapshot mycloud.json -o report.yaml --junit results.xml
      offline, from a snapshot (scs snapshot); testcases that create resources ABORT
  scs check -s mycloud --os-cloud mycloud -o report.yaml --sign .secret/keyfile
      also sign the report for the compliance monitor: writes report.yaml.sig
  SCS_MONITOR_TOKEN=$(cat .secret/tokenfile) scs check -s mycloud --os-cloud mycloud \\
      -o report.yaml --sign .secret/keyfile --upload http://localhost:8080/
      check, sign and upload in one go (a failed upload waits in the spool for scs upload)
  scs check -s mycloud --os-cloud mycloud -t scs-0100 -q -C
      only the flavor-naming testcases, no console report, fail only on critical problems
  scs check -s mycloud --os-cloud mycloud -t 'scs-0101-(entropy-avail|fips-test)' --vm-timeout 900
      only the VM testcases, giving a slow guest 15 minutes; leftovers: scs cleanup

Versions: without -V, every version the scope's timeline names on the reference date
(effective, warn, draft and explicitly deprecated ones); the union of their testcases runs
once. The check refuses credentials with the admin or manager role.

A misbehaving cloud cannot hang the run: each request has 3 x api_timeout (retries and
waits included), the run has --timeout; answers over 32 MiB, lists over 50,000 items or
1,000 pages, and answers of the wrong shape ABORT the testcases that need them.

Exit status: min(127, critical log lines + error log lines + failed testcases); with -C
only critical lines count. ABORTed and missing testcases do not count by themselves.
With --upload, a report that did not reach the monitor makes the status at least 1.
2: usage error (missing subject or variable, unknown version, invalid scope file).`,
    )
    .action(async (spec: string | undefined, opts: Record<string, unknown>, command: Command) => {
      const { runCheckCommand } = await import("../check/cli-action.ts");
      process.exitCode = await runCheckCommand(spec, opts, argsAfter(command));
    });
}

/** The arguments after `check`, as typed (the report records them as run.argv). */
function argsAfter(command: Command): string[] {
  // commander keeps the arguments it parsed in `rawArgs` (not in its typings)
  const all = (command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
  const at = all.indexOf(command.name());
  return all.slice(at + 1);
}
