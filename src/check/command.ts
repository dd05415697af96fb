/**
 * `scs check` as a library call: options in, exit status out. The CLI is a thin layer over
 * this; tests call it directly with a fake source and registry.
 */
import { basename, extname } from "node:path";
import { type Clock, systemClock } from "../clock.ts";
import { oneLine, UsageError } from "../errors.ts";
import { writeAtomically } from "../files.ts";
import { CHECK_TIMEOUT_S, RunBudget, timeoutMs } from "../openstack/budget.ts";
import {
  assignVariables,
  commandLine,
  formatIssue,
  isoDate,
  localIsoDate,
  parseSections,
  type Report,
  resultsOf,
  selectRun,
  standings,
} from "../standards/scope/index.ts";
import type { Outcome } from "../testcases/testcase.ts";
import { echoInvocations, referenceConsole, summary } from "./console.ts";
import { exitStatus, logText, type Progress, runCheck } from "./engine.ts";
import { type ProgressLine, progressLine } from "./progress.ts";
import { buildReport, naiveTimestamp } from "./report.ts";
import {
  REPORT_FORMATS,
  type ReportFormat,
  reportToJson,
  reportToJunit,
  reportToYaml,
} from "./report-formats.ts";
import { loadScopeFile, ScopeFileError } from "./scope-file.ts";
import type { ReportSigner } from "./sign.ts";
import type { CheckSource, TestcaseRegistry } from "./source.ts";

export interface CheckOptions {
  /** SPEC_YAML; the built-in IaaS scope when absent. */
  readonly spec?: string;
  readonly subject?: string;
  /** `-a KEY=VALUE`, as typed. */
  readonly assign?: readonly string[];
  /** `--os-cloud NAME`: the same as `-a os_cloud=NAME`. */
  readonly osCloud?: string;
  /** `--snapshot FILE`: facts from a snapshot instead of a live cloud. */
  readonly snapshot?: string;
  readonly output?: string;
  readonly format?: string;
  /** `--junit PATH`: also write JUnit XML (CI systems), whatever `--format` is. */
  readonly junit?: string;
  readonly date?: string;
  readonly version?: string;
  readonly sections?: string;
  readonly tests?: string;
  readonly criticalOnly?: boolean;
  /** 0 normal, 1 `-v` (also PASSED and the scripts' output). */
  readonly verbose?: number;
  readonly quiet?: boolean;
  readonly debug?: boolean;
  /** `--sign KEY`: sign the written report with this key (SSHSIG, `<output>.sig`). */
  readonly sign?: string;
  /** `--timeout SECONDS`: the run's time budget (default CHECK_TIMEOUT_S). */
  readonly timeout?: string;
  /** `--upload URL`: upload the signed report to this compliance monitor. */
  readonly upload?: string;
  /** The command-line arguments after `check`, recorded in the report. */
  readonly argv: readonly string[];
}

/** Where the facts come from: a cloud of clouds.yaml, or a snapshot file. */
export type SourceRequest = { readonly cloud: string } | { readonly snapshot: string };

export interface CheckEnvironment<F> {
  readonly registry: TestcaseRegistry<F>;
  /** Opens the facts source; requests of a live cloud stay within `budget` and end on `signal`. */
  openSource(request: SourceRequest, signal?: AbortSignal, budget?: RunBudget): Promise<CheckSource<F>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly color?: boolean;
  readonly progress?: ProgressLine;
  /** "now" for the reference date and checked_at (default: the machine's clock) */
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** Shown in the invocations' `cmd`. */
  readonly runner: string;
  /** Opens the key of `--sign` (asking for a passphrase if need be), after the arguments are checked. */
  readonly openSigner?: (key: string) => Promise<ReportSigner>;
  /**
   * Resolves the monitor's credentials for `--upload` before the run; the returned function sends
   * the written report with its signature and says whether it arrived (else it waits in the spool).
   */
  readonly openUploader?: (
    monitorUrl: string,
  ) => Promise<(reportPath: string) => Promise<{ readonly delivered: boolean; readonly message: string }>>;
  /** Fixes the report's uuids and time in tests. */
  readonly fixed?: { readonly runUuid: string; readonly checkedAt: string; readonly newId: () => string };
}

export interface CheckOutcome {
  readonly exitStatus: number;
  readonly report: Report;
  /** HTTP requests the run sent (0 offline). */
  readonly requests: number;
  readonly wallMs: number;
}

export async function check<F>(options: CheckOptions, env: CheckEnvironment<F>): Promise<CheckOutcome> {
  // The reference's order of complaints: arguments, subject, scope, variables, versions.
  const format = reportFormat(options);
  const budgetMs = timeoutMs(options.timeout, CHECK_TIMEOUT_S);
  if (options.subject === undefined || options.subject === "") {
    throw new UsageError("You need pass --subject=SUBJECT.");
  }
  const dateText = options.date ?? localIsoDate((env.clock ?? systemClock).now());
  const date = isoDate(dateText);
  if (!date) throw new UsageError(`invalid --date '${dateText}': use YYYY-MM-DD`);

  let loaded: ReturnType<typeof loadScopeFile>;
  try {
    loaded = loadScopeFile(options.spec);
  } catch (err) {
    if (err instanceof ScopeFileError && options.debug) {
      for (const issue of err.issues) env.stderr(`${formatIssue(issue, options.spec ?? "scope")}\n`);
    }
    throw err;
  }
  const { scope } = loaded;

  const given = [
    ...(options.assign ?? []),
    ...(options.osCloud === undefined ? [] : [`os_cloud=${options.osCloud}`]),
  ];
  const implicit = options.snapshot !== undefined && !given.some((a) => a.startsWith("os_cloud="));
  const assigned = assignVariables(
    // a snapshot run needs no cloud name: the snapshot's file name stands in for it
    implicit ? { variables: scope.variables.filter((v) => v.name !== "os_cloud") } : scope,
    given,
  );
  if (!assigned.ok) throw new UsageError(assigned.message);
  const assignment = new Map(assigned.all);
  if (implicit && scope.variables.some((v) => v.name === "os_cloud")) {
    assignment.set("os_cloud", basename(options.snapshot!));
  }

  const sections = options.sections === undefined ? undefined : parseSections(options.sections);
  const selected = selectRun(scope, {
    date,
    ...(options.version === undefined ? {} : { version: options.version }),
    ...(sections === undefined ? {} : { sections }),
    ...(options.tests === undefined ? {} : { tests: options.tests }),
  });
  if (!selected.ok) throw new UsageError(selected.message);
  const selection = selected.value;
  for (const planned of selection.invocations) {
    // A template naming an undeclared variable is a mistake in the scope file: say so before running.
    const cmd = commandLine(planned, assignment);
    if (!cmd.ok) throw new UsageError(`scope script ${planned.script.executable}: ${cmd.message}`);
  }

  if (options.sign !== undefined && (options.output === undefined || options.output === "-"))
    throw new UsageError("--sign needs -o FILE: the signature is written beside the report as FILE.sig");
  if (options.sign !== undefined && env.openSigner === undefined)
    throw new UsageError("--sign is not available here");
  if (options.upload !== undefined && options.sign === undefined)
    throw new UsageError("--upload needs --sign KEY: the monitor takes signed reports only");
  if (options.upload !== undefined && env.openUploader === undefined)
    throw new UsageError("--upload is not available here");
  const signer = options.sign === undefined ? undefined : await env.openSigner!(options.sign);
  const uploader = options.upload === undefined ? undefined : await env.openUploader!(options.upload);

  const started = performance.now();
  // Whatever the cloud does, the run ends within its budget: what is still under way then ABORTs.
  const budget = new RunBudget(budgetMs, "--timeout");
  const signal = env.signal ? AbortSignal.any([env.signal, budget.signal]) : budget.signal;
  const ids = selection.invocations.flatMap((i) => i.testcaseIds);
  let source: CheckSource<F> | undefined;
  try {
    source = ids.some((id) => env.registry.has(id))
      ? await env.openSource(sourceRequest(options, assignment), signal, budget)
      : undefined;
  } catch (err) {
    budget.dispose();
    throw err;
  }
  const progress = env.progress ?? progressLine();
  let runs: Awaited<ReturnType<typeof runCheck<F>>>;
  try {
    runs = await runCheck({
      selection,
      assignment,
      registry: env.registry,
      source:
        source ?? ({ facts: undefined as F, live: false, origin: "no source" } satisfies CheckSource<F>),
      runner: env.runner,
      signal,
      ...(env.fixed ? { newId: env.fixed.newId } : {}),
      onProgress: (p: Progress) => progress.update(p),
    });
  } finally {
    progress.clear();
    budget.dispose();
    await source?.close?.();
  }
  if (budget.signal.aborted)
    env.stderr(`scs check: ${oneLine(budget.signal.reason)}; what was still running ABORTed\n`);
  const requests = source?.requestCount?.() ?? 0;
  const wallMs = performance.now() - started;
  if (options.debug)
    env.stderr(
      `checked ${ids.length} testcases in ${Math.round(wallMs)} ms with ${requests} HTTP requests\n`,
    );

  const invocations = runs.map((r) => r.invocation);
  const report = buildReport({
    scope,
    subject: options.subject,
    referenceDate: date,
    argv: options.argv,
    given: assigned.given,
    ...(sections === undefined ? {} : { sections }),
    ...(options.version === undefined ? {} : { forcedVersion: options.version }),
    ...(options.tests === undefined ? {} : { forcedTests: options.tests }),
    invocations,
    ...(env.clock ? { checkedAt: naiveTimestamp(env.clock.now().getTime()) } : {}),
    ...(env.fixed ? { checkedAt: env.fixed.checkedAt, runUuid: env.fixed.runUuid } : {}),
  });
  const checkStatus = exitStatus(invocations, options.criticalOnly ?? false);
  const results = resultsOf(report);
  const standing = standings(scope, date);
  const logs = logsById(runs.flatMap((r) => [...r.outcomes]));

  const junit = () =>
    reportToJunit({ report, scope, standings: standing, versions: selection.versions, logs });
  if (options.output !== undefined) {
    const text =
      format === "json" ? reportToJson(report) : format === "junit" ? junit() : reportToYaml(report);
    if (options.output === "-") env.stdout(text);
    else {
      await writeAtomically(options.output, text, { what: "the report" });
      if (signer)
        await writeAtomically(`${options.output}.sig`, await signer.sign(Buffer.from(text, "utf8")), {
          what: "the report's signature",
        });
    }
  }
  if (options.junit !== undefined) await writeAtomically(options.junit, junit(), { what: "the report" });
  let status = checkStatus;
  if (uploader !== undefined && options.output !== undefined) {
    const sent = await uploader(options.output);
    env.stderr(`${sent.message}\n`);
    // a report that did not reach the monitor must not look like a clean run to CI
    if (!sent.delivered) status = Math.max(status, 1);
  }

  const verbose = (options.verbose ?? 0) > 0;
  const echoed = echoInvocations(invocations, verbose && !options.quiet);
  if (echoed) env.stderr(echoed);
  if (!options.quiet && options.output !== "-") {
    if (echoed) env.stdout(`${"*".repeat(80)}\n`);
    const consoleInput = {
      scope,
      subject: options.subject,
      versions: selection.versions,
      standings: standing,
      results,
      ...(sections === undefined ? {} : { sections }),
      ...(options.tests === undefined ? {} : { tests: options.tests }),
      verbose,
    };
    env.stdout(referenceConsole(consoleInput));
    env.stdout(
      summary({
        ...consoleInput,
        referenceDate: date,
        logs,
        color: env.color ?? false,
        written: [options.output, options.junit].filter((p): p is string => p !== undefined).join(" and "),
        runUuid: report.run.uuid,
        exitStatus: status,
        critical: [...new Set(invocations.flatMap((i) => i.stderr.filter((l) => l.startsWith("CRITICAL:"))))],
      }),
    );
  }
  return { exitStatus: status, report, requests, wallMs };
}

function reportFormat(options: CheckOptions): ReportFormat {
  if (options.format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(options.format)) {
      throw new UsageError(`unknown --format '${options.format}': use ${REPORT_FORMATS.join(", ")}`);
    }
    return options.format as ReportFormat;
  }
  const ext = options.output === undefined ? "" : extname(options.output).toLowerCase();
  return ext === ".json" ? "json" : ext === ".xml" ? "junit" : "yaml";
}

function sourceRequest(options: CheckOptions, assignment: ReadonlyMap<string, string>): SourceRequest {
  if (options.snapshot !== undefined) return { snapshot: options.snapshot };
  const cloud = assignment.get("os_cloud");
  if (cloud === undefined) {
    throw new UsageError(
      "this scope names no os_cloud: give --os-cloud NAME (or -a os_cloud=NAME) or --snapshot FILE",
    );
  }
  return { cloud };
}

function logsById(outcomes: ReadonlyArray<readonly [string, Outcome]>): Map<string, string[]> {
  return new Map(outcomes.map(([id, o]) => [id, o.log.map(logText)]));
}
