import type { LatestResult } from "../db/store.ts";
import type { ScopeEvaluation } from "../evaluation/evaluate.ts";
import type { MonitorScope } from "../evaluation/scope-catalog.ts";
import { htmlAttribute, htmlText } from "./escape.ts";
import type { Links } from "./links.ts";
import { isSafeLink } from "./markdown-html.ts";

const WORD: Record<string, string> = { "1": "PASS", "0": "ABORT", "-1": "FAIL", null: "no result" };

/** Testcases of the versions in force without a valid result, with when each was last seen. */
export function missingHtml(
  subject: string,
  scope: MonitorScope,
  e: ScopeEvaluation | undefined,
  latest: readonly LatestResult[],
  links: Links,
): string {
  const seen = new Map(latest.map((r) => [r.testcase, r]));
  const ids = e?.buckets.null ?? [];
  const out = [`<h2>${htmlText(subject)}: ${htmlText(scope.scope.name)}</h2>`];
  if (ids.length === 0) {
    out.push("<p>Every testcase of the versions in force has a valid result.</p>");
    return `${out.join("\n")}\n`;
  }
  out.push(`<p>${ids.length} testcase(s) without a valid result (never reported, or expired).</p>`);
  out.push(
    "<table><thead><tr><th>testcase id</th><th>needed by (main target)</th><th>last result</th><th>description</th></tr></thead><tbody>",
  );
  for (const id of ids) {
    const tc = scope.scope.testcases.get(id);
    const versions = (e?.versions ?? [])
      .filter((v) => v.targets.get("main")?.testcases.includes(id))
      .map((v) => v.name);
    const last = seen.get(id);
    const lastCell =
      last === undefined
        ? "never"
        : `<a href="${htmlAttribute(links.report(last.reportuuid, id))}">${htmlText(last.checkedAt.slice(0, 10))}</a> ${WORD[String(last.result)]} (expired)`;
    const name =
      tc?.url && isSafeLink(tc.url) ? `<a href="${htmlAttribute(tc.url)}">${htmlText(id)}</a>` : htmlText(id);
    out.push(
      `<tr><td>${name}</td><td>${htmlText(versions.join(", ")) || "–"}</td><td>${lastCell}</td><td>${htmlText(tc?.description?.trim() ?? "")}</td></tr>`,
    );
  }
  out.push("</tbody></table>");
  return `${out.join("\n")}\n`;
}
