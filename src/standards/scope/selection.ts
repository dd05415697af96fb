/** Which versions and testcases a check runs (spec: certificate-scopes.md §4.2). */
import { byCodepoint } from "./parse.ts";
import { formatTemplate } from "./template.ts";
import { validVersions } from "./timeline.ts";
import type { AutomatedScript, IsoDate, Scope, ScopeVersion } from "./types.ts";

export interface SelectionOptions {
  readonly date: IsoDate;
  /** `-V`: exactly this version, even if the timeline does not name it. */
  readonly version?: string;
  /** `-S`: only testcases whose section is listed (testcases without section are dropped). */
  readonly sections?: readonly string[];
  /** `-t`: only testcases whose id matches at the start (Python `re.match`). */
  readonly tests?: string;
}

/** One script run with its selected testcase ids, sorted by codepoint. */
export interface PlannedInvocation {
  readonly script: AutomatedScript;
  readonly testcaseIds: readonly string[];
}

export interface Selection {
  readonly versions: readonly ScopeVersion[];
  readonly invocations: readonly PlannedInvocation[];
}

export type Selected =
  | { readonly ok: true; readonly value: Selection }
  | { readonly ok: false; readonly message: string };

export function selectRun(scope: Scope, options: SelectionOptions): Selected {
  let versions: ScopeVersion[];
  if (options.version !== undefined) {
    const forced = scope.versions.find((v) => v.name === options.version);
    if (!forced) return { ok: false, message: `Requested version '${options.version}' not found` };
    versions = [forced];
  } else {
    versions = validVersions(scope, options.date);
    if (versions.length === 0) return { ok: false, message: `No valid version found for ${options.date}` };
  }
  let matches: (id: string) => boolean = () => true;
  if (options.tests !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`^(?:${options.tests})`);
    } catch (err) {
      return { ok: false, message: `invalid --tests pattern '${options.tests}': ${(err as Error).message}` };
    }
    matches = (id) => pattern.test(id);
  }
  const sections = options.sections === undefined ? undefined : new Set(options.sections);

  const wanted = new Set<string>();
  for (const v of versions) for (const ids of v.targets.values()) for (const id of ids) wanted.add(id);
  const invocations: PlannedInvocation[] = [];
  for (const script of scope.scripts) {
    if (script.kind === "manual") continue;
    const ids = script.testcases
      .filter((t) => wanted.has(t.id))
      .filter((t) => sections === undefined || (t.section !== undefined && sections.has(t.section)))
      .filter((t) => matches(t.id))
      .map((t) => t.id)
      .sort(byCodepoint);
    if (ids.length > 0) invocations.push({ script, testcaseIds: ids });
  }
  return { ok: true, value: { versions, invocations } };
}

/** `-S a, b` → `["a", "b"]` (items trimmed). */
export function parseSections(list: string): string[] {
  return list.split(",").map((s) => s.trim());
}

/**
 * The command line a script invocation stands for, as the report's `cmd` shows it:
 * env assignments, executable, formatted args (`testcases` = the space-joined ids).
 */
export function commandLine(
  invocation: PlannedInvocation,
  assignment: ReadonlyMap<string, string>,
): { ok: true; text: string } | { ok: false; message: string } {
  const values = new Map([["testcases", invocation.testcaseIds.join(" ")], ...assignment]);
  const parts: string[] = [];
  for (const [key, template] of invocation.script.env) {
    const f = formatTemplate(template, values);
    if (!f.ok) return f;
    parts.push(`${key}=${f.text}`);
  }
  parts.push(invocation.script.executable);
  if (invocation.script.args !== undefined) {
    const f = formatTemplate(invocation.script.args, values);
    if (!f.ok) return f;
    parts.push(f.text);
  }
  return { ok: true, text: parts.join(" ").trim() };
}
