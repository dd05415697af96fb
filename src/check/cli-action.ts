/** Glue between commander's parsed options and `check()`: real sources, real terminal. */
import { UsageError } from "../errors.ts";
import type { SampleVmFactOptions } from "../facts/index.ts";
import { VERSION } from "../version.ts";
import { type CheckOptions, check } from "./command.ts";
import { iaasRegistry, openSource } from "./sources.ts";

/** Options as commander hands them over (names in camelCase). */
export function checkOptionsOf(
  spec: string | undefined,
  opts: Record<string, unknown>,
  argv: readonly string[],
): CheckOptions {
  const text = (key: string) => (typeof opts[key] === "string" ? (opts[key] as string) : undefined);
  const pick = <K extends keyof CheckOptions>(key: K, value: CheckOptions[K] | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Pick<CheckOptions, K>);
  return {
    argv,
    ...pick("spec", spec),
    ...pick("subject", text("subject")),
    assign: Array.isArray(opts["assign"]) ? (opts["assign"] as string[]) : [],
    ...pick("osCloud", text("osCloud")),
    ...pick("snapshot", text("snapshot")),
    ...pick("output", text("output")),
    ...pick("format", text("format")),
    ...pick("junit", text("junit")),
    ...pick("date", text("date")),
    ...pick("version", text("version")),
    ...pick("sections", text("sections")),
    ...pick("tests", text("tests")),
    criticalOnly: opts["criticalOnly"] === true,
    verbose: typeof opts["verbose"] === "number" ? opts["verbose"] : 0,
    quiet: opts["quiet"] === true,
    // -v twice is the reference's debug logging
    debug: opts["debug"] === true || (typeof opts["verbose"] === "number" && opts["verbose"] >= 2),
    ...pick("sign", text("sign")),
    ...pick("timeout", text("timeout")),
    ...pick("upload", text("upload")),
  };
}

/** `--vm-timeout 600` as milliseconds; a positive number of seconds. */
export function timeoutOption(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (typeof value !== "string" || !/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0)) {
    throw new UsageError(`--${name} ${JSON.stringify(value)}: give a positive number of seconds`);
  }
  return seconds * 1000;
}

/** Time-outs and progress lines of the scs-0101 sample VM, from the command line. */
export function sampleVmOptions(
  opts: Record<string, unknown>,
  stderr: (text: string) => void,
): SampleVmFactOptions {
  const boot = timeoutOption("vm-boot-timeout", opts["vmBootTimeout"]);
  const guest = timeoutOption("vm-timeout", opts["vmTimeout"]);
  return {
    timeouts: {
      ...(boot === undefined ? {} : { volumeMs: boot, activeMs: boot }),
      ...(guest === undefined ? {} : { guestMs: guest }),
    },
    ...(opts["quiet"] === true ? {} : { progress: (line: string) => stderr(`${line}\n`) }),
  };
}

/** Runs `scs check` on this terminal; resolves to the exit status. Ctrl-C lets testcases clean up. */
export async function runCheckCommand(
  spec: string | undefined,
  opts: Record<string, unknown>,
  argv: readonly string[],
): Promise<number> {
  const options = checkOptionsOf(spec, opts, argv);
  const sampleVm = sampleVmOptions(opts, (t) => process.stderr.write(t));
  const abort = new AbortController();
  const onSigint = () => abort.abort(new Error("interrupted"));
  process.once("SIGINT", onSigint);
  try {
    const { exitStatus } = await check(options, {
      registry: iaasRegistry(),
      openSource: (request, signal, budget) =>
        openSource(request, {
          sampleVm,
          ...(signal ? { signal } : {}),
          ...(budget ? { budget } : {}),
          ...(options.debug ? { trace: (line: string) => process.stderr.write(`${line}\n`) } : {}),
        }),
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      color: Boolean(process.stdout.isTTY) && !process.env["NO_COLOR"],
      signal: abort.signal,
      runner: `scs ${VERSION}`,
      openSigner: async (key) => {
        const { openSigningKey } = await import("../ssh/signing-key.ts");
        const { passphraseSource } = await import("../cli/secret-input.ts");
        const { reportSigner } = await import("./sign.ts");
        const passphraseFile =
          typeof opts["passphraseFile"] === "string" ? opts["passphraseFile"] : undefined;
        return reportSigner(
          await openSigningKey(key, {
            agentSocket: process.env["SSH_AUTH_SOCK"],
            passphrase: passphraseSource(passphraseFile, key),
          }),
        );
      },
      openUploader: async (monitorUrl) => {
        const { uploadTarget } = await import("../cli/upload-target.ts");
        const { readSignedReport } = await import("../upload/signed-report.ts");
        const { deliverOrKeep, flushSpool, formatUploadLine } = await import("../upload/upload.ts");
        const target = await uploadTarget(monitorUrl, {
          tokenFile: typeof opts["tokenFile"] === "string" ? opts["tokenFile"] : undefined,
          spool: typeof opts["spool"] === "string" ? opts["spool"] : undefined,
        });
        return async (reportPath) => {
          const lines = [
            ...(await flushSpool(target)),
            await deliverOrKeep(target, await readSignedReport(reportPath), reportPath),
          ];
          return {
            delivered: lines.every((l) => l.outcome === "stored" || l.outcome === "present"),
            message: lines.map(formatUploadLine).join("\n"),
          };
        };
      },
    });
    return exitStatus;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
