import type { Command } from "commander";

export function registerCleanup(program: Command): void {
  program
    .command("cleanup")
    .description(
      "remove what earlier checks left behind in the project (servers, volumes, routers, networks named _scs-...)",
    )
    .option("-c, --os-cloud <name>", "cloud from clouds.yaml (default: $OS_CLOUD)")
    .option("--older-than <age>", "only resources at least this old: 90s, 30m, 2h, 1d; 0 for all", "1h")
    .option("-n, --dry-run", "list what would be removed, remove nothing")
    .addHelpText(
      "after",
      `
The scs-0101 VM testcases create a network, subnet, router, volume and server named
_scs-<run id>-... and remove them at the end of the run, also when it fails or is interrupted.
What could not be removed is named in the check's log; this command removes it later.
Resources younger than --older-than are kept: they may belong to a check still running.

Examples:
  scs cleanup --os-cloud mycloud              remove _scs- leftovers older than an hour
  scs cleanup -c mycloud --older-than 0 -n    list every _scs- resource, remove nothing

Exit status: 0 nothing old is left; 1 something could not be removed (listed on stdout);
2 configuration or usage error; 3 the cloud could not be reached or refused the credentials.`,
    )
    .action(async (opts: { osCloud?: string; olderThan: string; dryRun?: boolean }) => {
      const { cleanup, cleanupExitCode, parseAge } = await import("../check/cleanup.ts");
      const { openSession } = await import("../openstack/index.ts");
      const olderThanMs = parseAge(opts.olderThan);
      const session = openSession(opts.osCloud ?? process.env["OS_CLOUD"]);
      try {
        const result = await cleanup(session, {
          olderThanMs,
          now: new Date(),
          dryRun: opts.dryRun === true,
          out: (line) => process.stdout.write(`${line}\n`),
        });
        process.exitCode = cleanupExitCode(result);
      } finally {
        await session.close();
      }
    });
}
