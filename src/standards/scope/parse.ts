/**
 * Scope YAML text → `Scope` (spec: certificate-scopes.md §2). Returns located issues instead of
 * throwing, so the CLI and the monitor format them as they like.
 */
import { isMap, isScalar } from "yaml";
import { isoDate } from "./date.ts";
import type { Issue, Parsed } from "./issues.ts";
import {
  type Inclusion,
  type IsoDate,
  LIFETIMES,
  type Lifetime,
  type Module,
  type Scope,
  type ScopeVersion,
  type Script,
  type TestcaseSpec,
  type TimelineEntry,
  VALIDITIES,
  type Validity,
  type Variable,
} from "./types.ts";
import { type Entry, type Yaml, YamlReader } from "./yaml-reader.ts";

// The allowed keys per context, exactly as the reference loader checks them.
const TOP_KEYS = [
  "uuid",
  "name",
  "url",
  "versions",
  "prerequisite",
  "variables",
  "scripts",
  "modules",
  "timeline",
];
const SCRIPT_KEYS = ["executable", "env", "args", "testcases"];
const TESTCASE_KEYS = ["lifetime", "section", "id", "description", "url"];
const VERSION_KEYS = ["version", "include", "targets", "stabilized_at"];
const INCLUDE_KEYS = ["ref", "parameters"];
const MODULE_KEYS = ["id", "targets", "url", "name", "parameters"];
// Keys of the obsolete format (`Tests/testing/scs-compatible-test.yaml`), named in a hint.
const OBSOLETE_KEYS = new Set(["standards", "check_tools", "deprecated_at"]);

export function parseScope(text: string): Parsed<Scope> {
  const r = new YamlReader(text);
  if (!r.ok) return { ok: false, issues: obsoleteFirst(r.sorted()) };
  const top = r.mapping(r.root, "", "the scope", {
    allowed: TOP_KEYS,
    required: ["uuid", "name", "url", "scripts", "modules", "timeline", "versions"],
  });
  if (!top) return { ok: false, issues: r.sorted() };
  hintObsolete(r, top);

  const uuid = r.optionalText(top, "uuid", "", "uuid") ?? "";
  const name = r.optionalText(top, "name", "", "name") ?? "";
  const url = r.optionalText(top, "url", "", "url") ?? "";
  const variables = readVariables(r, top.get("variables"));
  const testcases = new Map<string, TestcaseSpec>();
  const scripts = readScripts(r, top.get("scripts"), testcases);
  const modules = readModules(r, top.get("modules"), testcases);
  const versions = readVersions(r, top.get("versions"), modules);
  const timeline = readTimeline(r, top.get("timeline"), versions);
  const prerequisite = readPrerequisite(r, top.get("prerequisite"));
  if (!r.ok) return { ok: false, issues: obsoleteFirst(r.sorted()) };

  return {
    ok: true,
    value: {
      uuid,
      name,
      url,
      variables,
      scripts,
      modules,
      versions,
      timeline,
      testcases,
      attention: attention(versions),
      ...(prerequisite === undefined ? {} : { prerequisite }),
    },
  };
}

const OBSOLETE_HINT =
  "this is the obsolete scope format (versions with standards/check_tools); " +
  "use the current one with scripts, modules, versions and timeline";

/** The hint that explains all other issues goes first: callers showing one issue show that one. */
function obsoleteFirst(issues: Issue[]): Issue[] {
  return [
    ...issues.filter((i) => i.message === OBSOLETE_HINT),
    ...issues.filter((i) => i.message !== OBSOLETE_HINT),
  ];
}

/** One extra issue that says what the file is when it uses the old `standards`/`check_tools` format. */
function hintObsolete(r: YamlReader, top: Map<string, Entry>): void {
  const versions = top.get("versions")?.value;
  if (!versions || !("items" in versions) || !Array.isArray(versions.items)) return;
  for (const [i, item] of (versions.items as unknown[]).entries()) {
    if (!isMap(item)) continue;
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (OBSOLETE_KEYS.has(key)) {
        r.report(pair.key as Yaml, `versions[${i}].${key}`, OBSOLETE_HINT, key);
        return;
      }
    }
  }
}

function readVariables(r: YamlReader, entry: Entry | undefined): Variable[] {
  if (!entry) return [];
  const items = r.sequence(entry.value, "variables", "variables") ?? [];
  const out: Variable[] = [];
  items.forEach((item, i) => {
    const path = `variables[${i}]`;
    if (isMap(item)) {
      const m = r.mapping(item, path, "a variable with default");
      if (m?.size !== 1) {
        r.report(item, path, "a variable with default must be a one-entry mapping `name: default`");
        return;
      }
      const [name, { value }] = [...m][0]!;
      const fallback = r.text(value, `${path}.${name}`, `the default of variable ${name}`);
      if (fallback !== undefined) out.push({ name, default: fallback });
      return;
    }
    const name = r.text(item, path, "a variable");
    if (name !== undefined) out.push({ name });
  });
  return out;
}

function readScripts(r: YamlReader, entry: Entry | undefined, seen: Map<string, TestcaseSpec>): Script[] {
  const items = r.sequence(entry?.value, "scripts", "scripts") ?? [];
  return items.flatMap((item, index): Script[] => {
    const path = `scripts[${index}]`;
    const m = r.mapping(item, path, "each script", { allowed: SCRIPT_KEYS, required: ["testcases"] });
    if (!m) return [];
    const testcases = readTestcases(r, m.get("testcases")?.value, `${path}.testcases`, index, seen);
    const executableText = r.optionalText(m, "executable", path, "executable");
    if (executableText === undefined) return [{ kind: "manual", index, testcases }];
    if (/^https?:\/\//.test(executableText)) {
      r.report(
        m.get("executable")?.value,
        `${path}.executable`,
        `remote check_tool ${executableText} not yet supported`,
      );
    }
    const args = r.optionalText(m, "args", path, "args");
    const env = new Map<string, string>();
    const envEntry = m.get("env");
    if (envEntry) {
      for (const [k, v] of r.mapping(envEntry.value, `${path}.env`, "env") ?? []) {
        const value = r.text(v.value, `${path}.env.${k}`, `env ${k}`);
        if (value !== undefined) env.set(k, value);
      }
    }
    const executable = executableText.replace(/^file:\/\//, "");
    return [
      { kind: "automated", index, executable, ...(args === undefined ? {} : { args }), env, testcases },
    ];
  });
}

function readTestcases(
  r: YamlReader,
  node: Yaml,
  path: string,
  scriptIndex: number,
  seen: Map<string, TestcaseSpec>,
): TestcaseSpec[] {
  const items = r.sequence(node, path, "testcases") ?? [];
  return items.flatMap((item, i) => {
    const p = `${path}[${i}]`;
    const m = r.mapping(item, p, "each testcase", { allowed: TESTCASE_KEYS, required: ["id"] });
    if (!m) return [];
    const id = r.optionalText(m, "id", p, "id");
    if (id === undefined) return [];
    const lifetimeText = r.optionalText(m, "lifetime", p, "lifetime") ?? "week";
    if (!(LIFETIMES as readonly string[]).includes(lifetimeText)) {
      r.report(
        m.get("lifetime")?.value,
        `${p}.lifetime`,
        `unknown lifetime ${lifetimeText} (use ${LIFETIMES.join(", ")})`,
      );
    }
    const description = r.optionalText(m, "description", p, "description");
    const url = r.optionalText(m, "url", p, "url");
    const section = r.optionalText(m, "section", p, "section");
    if (seen.has(id)) r.report(m.get("id")?.value, `${p}.id`, `duplicate testcase ${id}`, "id");
    const spec: TestcaseSpec = {
      id,
      lifetime: lifetimeText as Lifetime,
      scriptIndex,
      ...(description === undefined ? {} : { description }),
      ...(url === undefined ? {} : { url }),
      ...(section === undefined ? {} : { section }),
    };
    seen.set(id, spec);
    return [spec];
  });
}

function readModules(
  r: YamlReader,
  entry: Entry | undefined,
  testcases: Map<string, unknown>,
): Map<string, Module> {
  const modules = new Map<string, Module>();
  const items = r.sequence(entry?.value, "modules", "modules") ?? [];
  items.forEach((item, i) => {
    const path = `modules[${i}]`;
    const m = r.mapping(item, path, "each module", { allowed: MODULE_KEYS, required: ["id"] });
    if (!m) return;
    const id = r.optionalText(m, "id", path, "id");
    if (id === undefined) return;
    if (modules.has(id))
      r.report(m.get("id")?.value, `${path}.id`, `spec contains duplicate module ids (${id})`, "id");
    const parameters = new Map<string, string>();
    const paramEntry = m.get("parameters");
    for (const [k, v] of paramEntry
      ? (r.mapping(paramEntry.value, `${path}.parameters`, "parameters") ?? [])
      : []) {
      parameters.set(k, r.text(v.value, `${path}.parameters.${k}`, `parameter ${k}`) ?? "");
    }
    const targets = new Map<string, string[]>();
    const targetEntry = m.get("targets");
    for (const [t, v] of targetEntry
      ? (r.mapping(targetEntry.value, `${path}.targets`, "targets") ?? [])
      : []) {
      const tp = `${path}.targets.${t}`;
      const ids = (r.sequence(v.value, tp, `target ${t}`) ?? []).flatMap((n, j) => {
        const tc = r.text(n, `${tp}[${j}]`, "a testcase id");
        if (tc !== undefined && !testcases.has(tc))
          r.report(n, `${tp}[${j}]`, `unknown testcase ${tc} (not in any script)`);
        return tc === undefined ? [] : [tc];
      });
      targets.set(t, ids);
    }
    const name = r.optionalText(m, "name", path, "name");
    const url = r.optionalText(m, "url", path, "url");
    modules.set(id, {
      id,
      parameters,
      targets,
      ...(name === undefined ? {} : { name }),
      ...(url === undefined ? {} : { url }),
    });
  });
  return modules;
}

function readVersions(r: YamlReader, entry: Entry | undefined, modules: Map<string, Module>): ScopeVersion[] {
  const versions: ScopeVersion[] = [];
  const items = r.sequence(entry?.value, "versions", "versions") ?? [];
  items.forEach((item, index) => {
    const path = `versions[${index}]`;
    const m = r.mapping(item, path, "each version", {
      allowed: VERSION_KEYS,
      required: ["version", "include"],
    });
    if (!m) return;
    const name = r.optionalText(m, "version", path, "version");
    if (name === undefined) return;
    if (versions.some((v) => v.name === name)) {
      r.report(
        m.get("version")?.value,
        `${path}.version`,
        `spec contains duplicate version ids (${name})`,
        "version",
      );
    }
    const stabilizedText = r.optionalText(m, "stabilized_at", path, "stabilized_at");
    const stabilizedAt = stabilizedText === undefined ? undefined : isoDate(stabilizedText);
    if (stabilizedText !== undefined && stabilizedAt === undefined) {
      r.report(
        m.get("stabilized_at")?.value,
        `${path}.stabilized_at`,
        `stabilized_at must be a date YYYY-MM-DD, not ${stabilizedText}`,
      );
    }
    const includes = readIncludes(r, m.get("include")?.value, `${path}.include`, modules);
    versions.push({
      name,
      index,
      ...(stabilizedAt ? { stabilizedAt } : {}),
      includes,
      ...targetsOf(includes, modules),
    });
  });
  return versions;
}

function readIncludes(r: YamlReader, node: Yaml, path: string, modules: Map<string, Module>): Inclusion[] {
  const items = r.sequence(node, path, "include") ?? [];
  return items.flatMap((item, i) => {
    const p = `${path}[${i}]`;
    let moduleId: string | undefined;
    let parameters = new Map<string, unknown>();
    if (isMap(item)) {
      const m = r.mapping(item, p, "each include", { allowed: INCLUDE_KEYS, required: ["ref"] });
      moduleId = m ? r.optionalText(m, "ref", p, "ref") : undefined;
      const params = m?.get("parameters");
      if (params) {
        const pm = r.mapping(params.value, `${p}.parameters`, "parameters") ?? new Map<string, Entry>();
        parameters = new Map(
          [...pm].map(([k, v]) => [k, isScalar(v.value) ? v.value.value : v.value?.toJSON()]),
        );
      }
    } else {
      moduleId = r.text(item, p, "an include");
    }
    if (moduleId === undefined) return [];
    if (!modules.has(moduleId)) {
      r.report(item, p, `unknown module ${moduleId} (not in modules)`);
      return [];
    }
    return [{ moduleId, parameters }];
  });
}

/** The per-target sorted unions of the included modules, in order of first appearance. */
function targetsOf(
  includes: readonly Inclusion[],
  modules: Map<string, Module>,
): Pick<ScopeVersion, "targets" | "targetOf"> {
  const sets = new Map<string, Set<string>>();
  for (const { moduleId } of includes) {
    for (const [target, ids] of modules.get(moduleId)?.targets ?? []) {
      const set = sets.get(target) ?? new Set<string>();
      for (const id of ids) set.add(id);
      sets.set(target, set);
    }
  }
  const targets = new Map([...sets].map(([t, ids]) => [t, [...ids].sort(byCodepoint)] as const));
  const targetOf = new Map<string, string>();
  for (const [t, ids] of targets) for (const id of ids) targetOf.set(id, t);
  return { targets, targetOf };
}

export function byCodepoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readTimeline(r: YamlReader, entry: Entry | undefined, versions: ScopeVersion[]): TimelineEntry[] {
  const items = r.sequence(entry?.value, "timeline", "timeline") ?? [];
  return items.flatMap((item, i) => {
    const path = `timeline[${i}]`;
    const m = r.mapping(item, path, "each timeline entry", {
      allowed: ["date", "versions"],
      required: ["date", "versions"],
    });
    if (!m) return [];
    const dateText = r.optionalText(m, "date", path, "date");
    const date: IsoDate | undefined = dateText === undefined ? undefined : isoDate(dateText);
    if (dateText !== undefined && date === undefined) {
      r.report(m.get("date")?.value, `${path}.date`, `date must be YYYY-MM-DD, not ${dateText}`);
    }
    const validities = new Map<string, Validity>();
    const vm = m.get("versions");
    for (const [name, v] of vm ? (r.mapping(vm.value, `${path}.versions`, "versions") ?? []) : []) {
      const vp = `${path}.versions.${name}`;
      const code = r.text(v.value, vp, `the validity of ${name}`);
      const version = versions.find((x) => x.name === name);
      if (!version) r.report(v.key, vp, `unknown version ${name} (not in versions)`, name);
      if (code === undefined) continue;
      if (!(VALIDITIES as readonly string[]).includes(code)) {
        r.report(v.value, vp, `unknown validity ${code} (use ${VALIDITIES.join(", ")})`);
        continue;
      }
      if (code === "effective" && version && version.stabilizedAt === undefined) {
        r.report(v.value, vp, `version ${name} is effective but not stable (no stabilized_at)`);
      }
      validities.set(name, code as Validity);
    }
    return date === undefined ? [] : [{ date, versions: validities }];
  });
}

function readPrerequisite(r: YamlReader, entry: Entry | undefined): Scope["prerequisite"] {
  if (!entry) return undefined;
  const m = r.mapping(entry.value, "prerequisite", "prerequisite", { allowed: ["name", "url"] });
  if (!m) return undefined;
  const name = r.optionalText(m, "name", "prerequisite", "name");
  const url = r.optionalText(m, "url", "prerequisite", "url");
  return { ...(name === undefined ? {} : { name }), ...(url === undefined ? {} : { url }) };
}

function attention(versions: readonly ScopeVersion[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of versions) {
    if (v.stabilizedAt === undefined) continue;
    for (const id of v.targets.get("main") ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export type { Issue };
