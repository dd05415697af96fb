import { VALIDITY_SYMBOL } from "../evaluation/evaluate.ts";
import type { History } from "../evaluation/history.ts";
import { htmlText } from "./escape.ts";

const COLOUR: Record<string, string> = { "1": "#2da44e", "0": "#8ddb8c", "-1": "#cf222e", null: "#f0a020" };
// The legend's swatches are coloured by class (page.ts): the CSP allows no inline style attribute.
const SWATCH: Record<string, string> = { "1": "pass", "0": "dnf", "-1": "fail", null: "missing" };
const WORD: Record<string, string> = {
  "1": "PASS",
  "0": "passed, some tests did not finish",
  "-1": "FAIL",
  null: "results missing",
};
const DAY_MS = 86_400_000;

const dayName = (start: string, i: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10);

/** Runs of equal verdicts: [first day index, last day index, verdict]. */
function runs(days: readonly (number | null)[]): [number, number, number | null][] {
  const out: [number, number, number | null][] = [];
  days.forEach((d, i) => {
    const last = out[out.length - 1];
    if (last !== undefined && last[2] === d) last[1] = i;
    else out.push([i, i, d]);
  });
  return out;
}

/** A timeline per version: one SVG strip (a rect per run of equal days) and a table of changes. */
export function historyHtml(subject: string, scopeName: string, h: History): string {
  const out: string[] = [];
  out.push(`<h2>History of ${htmlText(subject)}: ${htmlText(scopeName)}</h2>`);
  out.push(`<p>Verdict of each version's main target at the end of each day since ${h.start}.</p>`);
  out.push(
    `<p class="legend">${Object.entries(COLOUR)
      .map(([k]) => `<span class="swatch-${SWATCH[k]}" aria-hidden="true">■</span> ${WORD[k]}`)
      .join(" · ")}</p>`,
  );
  for (const v of h.versions) {
    const n = v.days.length;
    const label = `${v.name}${VALIDITY_SYMBOL[v.validity] ?? ""}`;
    out.push(`<h3>${htmlText(label)}</h3>`);
    out.push(
      `<svg class="timeline" role="img" aria-label="timeline of ${htmlText(label)}" viewBox="0 0 ${n} 20" preserveAspectRatio="none" width="100%" height="24">`,
    );
    for (const [a, b, d] of runs(v.days)) {
      const title = `${dayName(h.start, a)} – ${dayName(h.start, b)}: ${WORD[String(d)]}`;
      out.push(
        `<rect x="${a}" y="0" width="${b - a + 1}" height="20" fill="${COLOUR[String(d)]}"><title>${title}</title></rect>`,
      );
    }
    out.push("</svg>");
    out.push("<table><thead><tr><th>from</th><th>to</th><th>verdict</th></tr></thead><tbody>");
    for (const [a, b, d] of runs(v.days).reverse()) {
      out.push(
        `<tr><td>${dayName(h.start, a)}</td><td>${dayName(h.start, b)}</td><td>${WORD[String(d)]}</td></tr>`,
      );
    }
    out.push("</tbody></table>");
  }
  return `${out.join("\n")}\n`;
}
