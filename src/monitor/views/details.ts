import type { ScopeEvaluation } from "../evaluation/evaluate.ts";
import { VALIDITY_SYMBOL } from "../evaluation/evaluate.ts";
import type { MonitorScope } from "../evaluation/scope-catalog.ts";
import { markdownHtmlText, markdownText, urlSegment } from "./escape.ts";
import type { Links } from "./links.ts";
import { summary } from "./summary.ts";

const SUFFIXES =
  "Versions marked `*` are drafts, `†` will expire soon (warn), `††` are deprecated;\n" +
  "a version without suffix is effective.\n";

/** Details Markdown (§9.3) for one subject or a group's members. */
export function detailsMarkdown(
  subjects: readonly string[],
  scope: MonitorScope,
  evaluations: Map<string, Map<string, ScopeEvaluation>>,
  links: Links,
): string {
  const out: string[] = [SUFFIXES];
  const uuid = scope.scope.uuid;
  if (subjects.length > 1) {
    out.push("Jump to", "");
    for (const s of subjects)
      out.push(`- [${markdownText(s)}](#${urlSegment(s)}) ${summary(evaluations.get(s)?.get(uuid))}`);
    out.push("");
  }
  for (const subject of subjects) {
    const e = evaluations.get(subject)?.get(uuid);
    // Subjects may come from the URL: no markup of theirs reaches the page.
    out.push(
      `<a name="${markdownHtmlText(subject)}"></a>`,
      "",
      `## ${markdownText(subject)}: ${scope.scope.name}`,
      "",
    );
    out.push(`- [spec overview](${links.scope(uuid)})`, "");
    if (e === undefined || e.relevant.length === 0) {
      out.push("No recent test results available.", "");
      continue;
    }
    out.push(...table(e, scope, links), "");
  }
  return out.join("\n");
}

function table(e: ScopeEvaluation, scope: MonitorScope, links: Links): string[] {
  const versions = e.versions.filter((v) => e.relevant.includes(v.name));
  const header = `| testcase id | result |${versions.map((v) => ` ${v.name}${VALIDITY_SYMBOL[v.validity] ?? ""} |`).join("")} description |`;
  const rule = `|---|---|${versions.map(() => "---|").join("")}---|`;
  const rows: string[] = [];
  const attn = scope.scope.attention;
  const groups: [keyof ScopeEvaluation["buckets"], (id: string) => string][] = [
    ["-1", (id) => `${(attn.get(id) ?? 0) > 0 ? "🛑" : "🟧"} FAIL`],
    ["null", () => "❓ MISSING"],
    ["0", () => "❔ DNF"],
    ["1", () => "✅ pass"],
  ];
  for (const [key, word] of groups) {
    for (const id of e.buckets[key]) {
      const tc = scope.scope.testcases.get(id);
      const rec = e.results.get(id);
      let cell = word(id);
      if (rec !== undefined) {
        const when = rec.checkedAt.replace("T", " ");
        const title = markdownHtmlText(`${rec.report} ${when}`);
        cell += ` ([${markdownText(when.slice(0, 10))}](${links.report(rec.report, id)})) { title="${title}" }`;
      }
      const marks = versions.map((v) =>
        v.targets.get("main")?.testcases.includes(id) ? ' X { title="main" } |' : "  |",
      );
      const first = tc?.url === undefined ? id : `[${id}](${tc.url})`;
      rows.push(`| ${first} | ${cell} |${marks.join("")} ${(tc?.description ?? "").trim()} |`);
    }
  }
  return [header, rule, ...rows];
}
