import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { ScopeEvaluation } from "../evaluation/evaluate.ts";
import { BUILTIN_DATA } from "../evaluation/scope-catalog.ts";
import type { Links } from "./links.ts";
import { summary, worst } from "./summary.ts";

interface OverviewEntry {
  name: string;
  link: string;
  description: string;
  operator: string;
  subject: string;
  healthmon?: string | { label: string; link: string }[];
}
export interface OverviewSection {
  key: string;
  scope: string;
  columns: string[];
  entries: OverviewEntry[];
}

/** The hand-maintained list of environments on the overview (data/monitor-overview-entries.yaml). */
export function loadOverviewSections(
  path = join(BUILTIN_DATA, "monitor-overview-entries.yaml"),
): OverviewSection[] {
  return (parse(readFileSync(path, "utf8")) as { sections: OverviewSection[] }).sections;
}

const HEADINGS: Record<string, string> = {
  "certified-iaas": "Certified SCS-compatible IaaS",
  "certified-kaas": "Certified SCS-compatible KaaS",
  "non-certified-iaas": "Non-certified, but tested SCS-compatible IaaS",
  "non-certified-kaas": "Non-certified, but tested SCS-compatible KaaS",
  "unlisted-scs-compatible-iaas": "Other subjects tested for SCS-compatible IaaS",
  "unlisted-scs-compatible-kaas": "Other subjects tested for SCS-compatible KaaS",
};

function intro(section: OverviewSection): string {
  if (section.key.startsWith("unlisted-"))
    return "The following subjects have uploaded reports but are not (yet) listed above.";
  if (section.key.startsWith("certified")) {
    const scopeDoc = section.scope === "scs-compatible-kaas" ? "scs-0502" : "scs-0501";
    return (
      "The following environments have been officially certified by the SCS certification assessment body " +
      "according to [SCS-0004](https://docs.scs.community/standards/global/scs-0004) and are regularly tested " +
      `against the [scope](https://docs.scs.community/standards/scopes/${scopeDoc}).`
    );
  }
  return "The following environments are not officially certified; they are listed voluntarily and regularly tested.";
}

/** Subject names shown as they are; others (which could break the table or a link) are left out. */
const PLAIN_SUBJECT = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * The sections plus, per scope of the sections, one for the subjects that have results for that
 * scope but are listed nowhere (neither directly nor through a `group-` entry): a newly onboarded
 * cloud appears without editing the overview file.
 */
export function withUnlisted(
  sections: OverviewSection[],
  evaluated: Map<string, Map<string, unknown>>,
  members: (group: string) => string[],
  uuidOf: (alias: string) => string | undefined,
): OverviewSection[] {
  const listed = new Set<string>();
  for (const section of sections)
    for (const e of section.entries) {
      listed.add(e.subject);
      if (e.subject.startsWith("group-")) for (const m of members(e.subject.slice(6))) listed.add(m);
    }
  const extra: OverviewSection[] = [];
  for (const scope of new Set(sections.map((s) => s.scope))) {
    const uuid = uuidOf(scope) ?? scope;
    const subjects = [...evaluated]
      .filter(
        ([subject, byScope]) => !listed.has(subject) && byScope.has(uuid) && PLAIN_SUBJECT.test(subject),
      )
      .map(([subject]) => subject)
      .sort();
    if (subjects.length === 0) continue;
    const columns = sections.find((s) => s.scope === scope)!.columns.slice(0, 4);
    extra.push({
      key: `unlisted-${scope}`,
      scope,
      columns,
      entries: subjects.map((subject) => ({
        name: subject,
        link: "",
        description: "",
        operator: "",
        subject,
      })),
    });
  }
  return [...sections, ...extra];
}

/** subject → evaluation for the section's scope; `group-<g>` resolves to the worst member. */
export type Resolve = (subject: string, scopeAlias: string) => ScopeEvaluation | undefined;

export function groupResolver(
  evaluations: Map<string, Map<string, ScopeEvaluation>>,
  members: (group: string) => string[],
  uuidOf: (alias: string) => string | undefined,
): Resolve {
  return (subject, alias) => {
    const uuid = uuidOf(alias) ?? alias;
    if (subject.startsWith("group-")) {
      const list = members(subject.slice(6));
      if (list.length === 0) return undefined;
      return worst(list.map((m) => evaluations.get(m)?.get(uuid)));
    }
    return evaluations.get(subject)?.get(uuid);
  };
}

/** The overview table Markdown (§9.2). */
export function overviewMarkdown(
  sections: OverviewSection[],
  resolve: Resolve,
  links: Links,
  full: boolean,
): string {
  const out: string[] = [];
  for (const section of sections) {
    out.push(`### ${HEADINGS[section.key] ?? section.key}`, "", intro(section), "");
    out.push(`| ${section.columns.join(" | ")} |`, `|${section.columns.map(() => "---").join("|")}|`);
    for (const e of section.entries) {
      const cells = [
        e.link === "" ? e.name : `[${e.name}](${e.link})`,
        e.description,
        e.operator,
        `[${summary(resolve(e.subject, section.scope))}](${links.detail(full, e.subject, section.scope)})`,
      ];
      if (section.columns.length > 4) cells.push(healthmon(e.healthmon));
      out.push(`| ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

function healthmon(h: OverviewEntry["healthmon"]): string {
  if (h === undefined) return "n/a";
  if (typeof h === "string") return h;
  return h.map((l) => `[${l.label}](${l.link})`).join(" ");
}
