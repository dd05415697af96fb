import type { Command } from "commander";

export function registerSnapshot(program: Command): void {
  program
    .command("snapshot")
    .description("read every fact the compliance checks need from a cloud into one JSON file (no secrets)")
    .option("-c, --os-cloud <name>", "cloud from clouds.yaml (default: $OS_CLOUD)")
    .option("-o, --output <file>", 'write the snapshot to this file ("-" or none: stdout)')
    .option("--debug", "trace each HTTP request (method, URL, status, ms) and the request count on stderr")
    .option("-q, --quiet", "no progress lines on stderr")
    .option(
      "--timeout <seconds>",
      "time budget of the whole snapshot (default 600); unread facts are then recorded as failed",
    )
    .addHelpText(
      "after",
      `
Examples:
  scs snapshot --os-cloud mycloud -o mycloud.json     take a snapshot into a file
  OS_CLOUD=mycloud scs snapshot | jq '.flavors.value | length'
  scs snapshot -c mycloud -o snap.json --debug        see every request and its timing
  scs check -s mycloud --snapshot mycloud.json       check it later, offline

clouds.yaml and secure.yaml are searched like openstacksdk does: current directory,
~/.config/openstack, /etc/openstack, or the file named by OS_CLIENT_CONFIG_FILE.

A misbehaving cloud cannot hang or exhaust it: each request has 3 x api_timeout, the whole
snapshot --timeout; an answer over 32 MiB, a list over 50,000 items or 1,000 pages, or an
answer of the wrong shape is recorded as a failed fact with the reason.

Exit status: 0 snapshot complete; 1 written, but some facts could not be read (listed on
stderr and recorded in the file); 2 configuration or usage error; 3 the cloud could not be
reached or refused the credentials. Nothing is written on 2 or 3.`,
    )
    .action(
      async (opts: {
        osCloud?: string;
        output?: string;
        debug?: boolean;
        quiet?: boolean;
        timeout?: string;
      }) => {
        const { snapshotCommand } = await import("../snapshot/command.ts");
        const { exitCode } = await snapshotCommand(
          { ...opts, ...(opts.osCloud ? { cloud: opts.osCloud } : {}) },
          { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
        );
        process.exitCode = exitCode;
      },
    );
}
