/** Which (scope, subject) pairs a `scs run` checks, with which variables (certificate-scopes.md §6.2). */
import { UsageError } from "../errors.ts";
import { mappingOf, type RunConfig } from "./config.ts";

export interface RunRequest {
  readonly preset?: string;
  readonly scopes?: readonly string[];
  readonly subjects?: readonly string[];
  readonly workers?: number;
  /** `--section`: a comma-separated list, `.auto`, or "" for all sections. */
  readonly section?: string;
  /** `--tests`: only testcases whose id matches at its start (as `scs check -t`). */
  readonly tests?: string;
  /** For `.auto` (heavy testcases on Saturdays). */
  readonly now: Date;
}

export interface Job {
  readonly scope: string;
  readonly specPath: string;
  readonly subject: string;
  /** `-a KEY=VALUE` of the subject's mapping. */
  readonly assign: readonly string[];
}

export interface RunPlan {
  readonly jobs: readonly Job[];
  readonly workers: number;
  readonly sections?: string;
  readonly tests?: string;
}

/** The reference's default number of concurrent checks. */
export const DEFAULT_WORKERS = 5;

export function planRun(config: RunConfig, request: RunRequest): RunPlan {
  let scopes = request.scopes ?? [];
  let subjects = request.subjects ?? [];
  let workers = request.workers;
  const presetName = request.preset ?? (scopes.length === 0 && subjects.length === 0 ? "default" : undefined);
  if (presetName !== undefined) {
    const preset = config.presets.get(presetName);
    if (preset === undefined)
      throw new UsageError(
        `preset not found: ${presetName} (${config.path} has ${[...config.presets.keys()].join(", ") || "none"})`,
      );
    if (scopes.length === 0) scopes = preset.scopes;
    if (subjects.length === 0) subjects = preset.subjects;
    workers ??= preset.workers;
  }
  if (scopes.length === 0 || subjects.length === 0)
    throw new UsageError(
      "both scope(s) and subject(s) must be non-empty: give --preset, or --scope and --subject",
    );
  const jobs: Job[] = [];
  for (const scope of scopes) {
    const specPath = config.scopes.get(scope);
    if (specPath === undefined)
      throw new UsageError(`scope ${scope} is not in ${config.path} (add [scopes.${scope}] spec = "FILE")`);
    for (const subject of new Set(subjects)) {
      const assign = [...mappingOf(config, subject)].map(([k, v]) => `${k}=${v}`);
      jobs.push({ scope, specPath, subject, assign });
    }
  }
  const sections = sectionsOf(request.section, request.now);
  return {
    jobs,
    workers: workers ?? DEFAULT_WORKERS,
    ...(sections === undefined ? {} : { sections }),
    ...(request.tests === undefined ? {} : { tests: request.tests }),
  };
}

function sectionsOf(section: string | undefined, now: Date): string | undefined {
  if (section === undefined || section === "") return undefined;
  if (section === ".auto") return now.getDay() === 6 ? "light,medium,heavy" : "light,medium";
  return section;
}
