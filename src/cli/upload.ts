import type { Command } from "commander";
import { UsageError } from "../errors.ts";

/** `scs upload`: signed reports to a compliance monitor, with retries and a spool. */
export function registerUpload(program: Command): void {
  program
    .command("upload")
    .description("upload signed reports (FILE and FILE.sig) to a compliance monitor")
    .argument(
      "[FILE...]",
      "report files, each with its signature FILE.sig (none: only send what the spool holds)",
    )
    .requiredOption(
      "-m, --monitor <URL>",
      "the monitor's base URL, e.g. https://compliance.sovereignit.cloud/",
    )
    .option(
      "--token-file <FILE>",
      "file with the monitor token: base64 of SUBJECT:API_KEY (env SCS_MONITOR_TOKEN)",
    )
    .option(
      "--spool <DIR>",
      "where undelivered uploads wait (env SCS_UPLOAD_SPOOL; default ~/.local/state/scs/upload-spool)",
    )
    .option("--attempts <N>", "attempts per upload on network errors and 5xx, with back-off", "4")
    .addHelpText(
      "after",
      `
Examples:
  SCS_MONITOR_TOKEN=$(cat .secret/tokenfile) scs upload -m http://localhost:8080/ report.yaml
  scs upload -m https://compliance.sovereignit.cloud/ --token-file .secret/tokenfile reports/*.yaml
  scs upload -m https://compliance.sovereignit.cloud/ --token-file .secret/tokenfile
      only send the uploads that are waiting in the spool

The credentials never come from the command line: SCS_MONITOR_TOKEN or --token-file hold
base64 of SUBJECT:API_KEY (the reference's .secret/tokenfile; SUBJECT:API_KEY is accepted too).
Each FILE goes with FILE.sig (scs sign, scs check --sign or ssh-keygen -Y sign -n report) as
one upload; .json files as signed JSON, others as signed YAML. Network errors, timeouts and 5xx
are retried with back-off; 409 (the monitor already has the report) counts as delivered.
Uploads that still fail wait in the spool and are sent first by the next scs upload to the same
monitor; uploads the monitor refuses (401, 413, …) are reported and not retried.

Exit status: 0 all delivered, 1 the monitor refused an upload, 75 some uploads wait in the
spool (try again later), 2 usage error or unreadable file.`,
    )
    .action(
      async (
        files: string[],
        opts: { monitor: string; tokenFile?: string; spool?: string; attempts: string },
      ) => {
        const { uploadTarget } = await import("./upload-target.ts");
        const { uploadReports, formatUploadLine, uploadExitStatus } = await import("../upload/upload.ts");
        const attempts = Number(opts.attempts);
        if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20)
          throw new UsageError(`--attempts must be 1..20, got ${opts.attempts}`);
        const target = await uploadTarget(opts.monitor, {
          tokenFile: opts.tokenFile,
          spool: opts.spool,
          attempts,
        });
        const lines = await uploadReports(target, files, (line) =>
          process.stderr.write(`${formatUploadLine(line)}\n`),
        );
        if (lines.length === 0)
          process.stderr.write("nothing to upload: no files given and the spool is empty\n");
        process.exitCode = uploadExitStatus(lines);
      },
    );
}
