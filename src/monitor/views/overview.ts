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
};

function intro(section: OverviewSection): string {
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
        `[${e.name}](${e.link})`,
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
