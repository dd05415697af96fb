/** Glue between `scs run`'s options and `runSubjects()`: config, real check, signer, monitor, terminal. */

import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { type CheckEnvironment, check } from "../check/command.ts";
import { BUILTIN_SCOPES, loadScopeFile } from "../check/scope-file.ts";
import type { ReportSigner } from "../check/sign.ts";
import { iaasRegistry, openSource } from "../check/sources.ts";
import { systemClock } from "../clock.ts";
import { oneLine, ScsError, UsageError } from "../errors.ts";
import type { Facts } from "../facts/index.ts";
import type { Scope } from "../standards/scope/index.ts";
import type { UploadTarget } from "../upload/upload.ts";
import { formatUploadLine } from "../upload/upload.ts";
import { VERSION } from "../version.ts";
import { loadRunConfig } from "./config.ts";
import { planRun } from "./plan.ts";
import { type CheckJob, runSubjects } from "./run.ts";
import { liveView, plainView, resultTable } from "./view.ts";

export interface RunCommandOptions {
  readonly config: string;
  readonly preset?: string;
  readonly scope?: string;
  readonly subject?: string;
  readonly section?: string;
  readonly tests?: string;
  readonly workers?: string;
  readonly monitorUrl: string;
  readonly output: string;
  readonly upload: boolean;
  readonly timeout: string;
  readonly spool?: string;
  readonly passphraseFile?: string;
}

const list = (text: string | undefined) =>
  text === undefined
    ? undefined
    : text
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");

export async function runRunCommand(opts: RunCommandOptions): Promise<number> {
  const workers = opts.workers === undefined ? undefined : Number(opts.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 256))
    throw new UsageError(`--workers must be 1..256, got ${opts.workers}`);
  const timeoutS = Number(opts.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0)
    throw new UsageError(`--timeout must be seconds > 0, got ${opts.timeout}`);
  const config = await loadRunConfig(opts.config);
  const scopes = list(opts.scope);
  const subjects = list(opts.subject);
  const planned = planRun(config, {
    ...(opts.preset === undefined ? {} : { preset: opts.preset }),
    ...(scopes === undefined ? {} : { scopes }),
    ...(subjects === undefined ? {} : { subjects }),
    ...(workers === undefined ? {} : { workers }),
    ...(opts.section === undefined ? {} : { section: opts.section }),
    ...(opts.tests === undefined ? {} : { tests: opts.tests }),
    now: systemClock.now(),
  });
  // The reference's config names ./scs-compatible-iaas.yaml beside it: without that file, the built-in one.
  const plan = {
    ...planned,
    jobs: planned.jobs.map((j) =>
      existsSync(j.specPath) || !(basename(j.specPath) in BUILTIN_SCOPES)
        ? j
        : { ...j, specPath: basename(j.specPath) },
    ),
  };
  // Every scope file is read before any cloud is touched: a broken one is a usage error up front.
  const scopeOf = new Map<string, Scope>();
  for (const job of plan.jobs)
    if (!scopeOf.has(job.specPath)) scopeOf.set(job.specPath, loadScopeFile(job.specPath).scope);

  const signer =
    config.secrets.keyfile === undefined
      ? undefined
      : await openSigner(config.secrets.keyfile, opts.passphraseFile);
  if (opts.upload && signer === undefined)
    throw new UsageError(
      `${config.path} names no [secrets] keyfile: reports must be signed to be uploaded (or give --no-upload)`,
    );
  let target: UploadTarget | undefined;
  if (opts.upload) {
    const { uploadTarget } = await import("../cli/upload-target.ts");
    const tokenFile = process.env["SCS_MONITOR_TOKEN"] ? undefined : config.secrets.tokenfile;
    target = await uploadTarget(opts.monitorUrl, { tokenFile, spool: opts.spool });
  }
  const outputDir = resolve(opts.output);
  try {
    await mkdir(outputDir, { recursive: true });
  } catch (err) {
    throw new ScsError(`cannot create the report folder ${outputDir}: ${oneLine(err)}`, { cause: err });
  }

  const registry = iaasRegistry();
  const checkJob: CheckJob = async (job, o) => {
    const env: CheckEnvironment<Facts> = {
      registry,
      openSource: (request, signal) => openSource(request, signal ? { signal } : {}),
      stdout: () => {},
      stderr: () => {},
      signal: o.signal,
      runner: `scs ${VERSION}`,
      progress: { update: o.onProgress, clear() {} },
      ...(signer === undefined ? {} : { openSigner: async () => signer }),
    };
    const argv = [
      job.specPath,
      "-C",
      "-o",
      o.output,
      "-s",
      job.subject,
      ...job.assign.flatMap((a) => ["-a", a]),
    ];
    const outcome = await check(
      {
        spec: job.specPath,
        subject: job.subject,
        assign: job.assign,
        output: o.output,
        quiet: true,
        criticalOnly: true,
        argv: [
          ...argv,
          ...(o.sections === undefined ? [] : ["--sections", o.sections]),
          ...(o.tests === undefined ? [] : ["-t", o.tests]),
        ],
        ...(o.sections === undefined ? {} : { sections: o.sections }),
        ...(o.tests === undefined ? {} : { tests: o.tests }),
        ...(signer === undefined ? {} : { sign: config.secrets.keyfile! }),
      },
      env,
    );
    return { ...outcome, scope: scopeOf.get(job.specPath)! };
  };

  const tty = Boolean(process.stderr.isTTY) && !process.env["CI"];
  const view = tty ? liveView(process.stderr) : plainView((l) => process.stderr.write(`${l}\n`));
  const abort = new AbortController();
  const onSigint = () => abort.abort(new Error("interrupted"));
  process.once("SIGINT", onSigint);
  try {
    const result = await runSubjects(plan, {
      checkJob,
      outputDir,
      timeoutMs: timeoutS * 1000,
      signs: signer !== undefined,
      ...(target === undefined ? {} : { upload: target }),
      onChange: (s) => view.update(s),
      signal: abort.signal,
    });
    view.finish(result.statuses);
    for (const line of result.spooled) process.stderr.write(`${formatUploadLine(line)}\n`);
    for (const s of result.statuses)
      if (s.upload && s.upload.outcome !== "stored" && s.upload.outcome !== "present")
        process.stderr.write(`${formatUploadLine(s.upload)}\n`);
    process.stdout.write(resultTable(result.statuses));
    return result.exitStatus;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

async function openSigner(keyfile: string, passphraseFile: string | undefined): Promise<ReportSigner> {
  const { openSigningKey } = await import("../ssh/signing-key.ts");
  const { passphraseSource } = await import("../cli/secret-input.ts");
  const { reportSigner } = await import("../check/sign.ts");
  return reportSigner(
    await openSigningKey(keyfile, {
      agentSocket: process.env["SSH_AUTH_SOCK"],
      passphrase: passphraseSource(passphraseFile, keyfile),
    }),
  );
}
