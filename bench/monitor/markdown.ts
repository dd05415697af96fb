/**
 * Markdown → HTML of the monitor's views (`fragment`/`page`): time per page for the overview,
 * a detail page, a group detail page, the scope page and a redacted and a full report (CPU time), rendered
 * from the sample report's Markdown. "new" is markdown-it with the monitor's rules (every text
 * made unique, so the HTML cache never answers), "cached" the same text again; with
 * `--compare REV`, the converter of the views at git revision REV (e.g. the hand-written one
 * before markdown-it) is timed on the same texts, and ratios are printed.
 *
 *   npx tsx bench/monitor/markdown.ts [--rounds 300] [--compare b1e330a]
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { markdownToHtml } from "../../src/monitor/views/markdown-html.ts";
import { CLOUD, fixture, fixtureBytes, startMonitor } from "../../test/monitor/harness.ts";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const ROUNDS = Number(arg("rounds", "300"));
const COMPARE = arg("compare", "");
const SAMPLE = "fa07165e-1dc6-44f8-8d86-d22376328c51";

const VIEWS: Record<string, string> = {
  overview: "table_full",
  detail: "detail/example-cloud/scs-compatible-iaas",
  group: "detail_full/group-example-group/scs-compatible-iaas",
  scope: "scope/scs-compatible-iaas",
  report: `report/${SAMPLE}`,
  "report full": `report_full/${SAMPLE}`,
};

async function markdownTexts(): Promise<Record<string, string>> {
  const h = await startMonitor("sqlite", { overviewFile: fixture("overview-test.yaml") });
  try {
    const up = await h.app.request("/reports", {
      method: "POST",
      body: fixtureBytes("report-example.body"),
      headers: { "content-type": "application/x-signed-yaml", authorization: CLOUD },
    });
    if (up.status !== 200) throw new Error(`sample upload answered ${up.status}`);
    const out: Record<string, string> = {};
    for (const [name, path] of Object.entries(VIEWS)) {
      const res = await h.app.request(`/markdown/${path}`, { headers: { authorization: CLOUD } });
      out[name] = await res.text();
    }
    return out;
  } finally {
    await h.dispose();
  }
}

/**
 * CPU microseconds per call of `render` over ROUNDS texts (unique unless `same`): CPU time, not
 * wall time, so that a busy machine (other processes taking the cores) does not inflate it.
 */
function time(render: (md: string) => string, text: string, same: boolean): number {
  const inputs = Array.from({ length: ROUNDS }, (_, i) => (same ? text : `${text}\nround ${i}\n`));
  for (const input of inputs.slice(0, 100)) render(input);
  const start = process.cpuUsage();
  for (const input of inputs) render(input);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ROUNDS;
}

async function converterAt(rev: string): Promise<(md: string) => string> {
  const dir = mkdtempSync(join(tmpdir(), "scs-bench-markdown-"));
  const file = join(dir, "markdown-html.ts");
  writeFileSync(file, execFileSync("git", ["show", `${rev}:src/monitor/views/markdown-html.ts`]));
  const mod = (await import(pathToFileURL(file).href)) as { markdownToHtml: (md: string) => string };
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return mod.markdownToHtml;
}

const texts = await markdownTexts();
const old = COMPARE ? await converterAt(COMPARE) : undefined;
const rows: string[][] = [
  ["view", "Markdown bytes", "new µs", "cached µs", ...(old ? [`${COMPARE} µs`, "new/old"] : [])],
];
for (const [name, text] of Object.entries(texts)) {
  const fresh = time(markdownToHtml, text, false);
  const cached = time(markdownToHtml, text, true);
  const row = [name, String(text.length), fresh.toFixed(0), cached.toFixed(1)];
  if (old) {
    const before = time(old, text, false);
    row.push(before.toFixed(0), `${(fresh / before).toFixed(2)}×`);
  }
  rows.push(row);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join("  "));
console.log(`CPU time per render, mean of ${ROUNDS} per view; node ${process.version}`);
