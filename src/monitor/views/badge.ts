import type { ScopeEvaluation } from "../evaluation/evaluate.ts";
import { htmlText } from "./escape.ts";

/** A flat SVG badge: scope name | passed versions, coloured by the overview's summary rules. */
export function badgeSvg(label: string, e: ScopeEvaluation | undefined): string {
  let colour = "#cf222e";
  let message = "no results";
  if (e !== undefined) {
    message = e.passedStr === "" ? "failing" : e.passedStr;
    if (e.result === -1 || e.validity === "deprecated") colour = "#cf222e";
    else if (e.result === null || e.validity === "warn") colour = "#d18616";
    else colour = "#2da44e";
  }
  // Rough text widths (Verdana 11px ≈ 6.5px per character) are enough for a badge.
  const lw = Math.round(label.length * 6.5 + 12);
  const mw = Math.round(message.length * 6.5 + 12);
  const l = htmlText(label);
  const m = htmlText(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + mw}" height="20" role="img" aria-label="${l}: ${m}">
<title>${l}: ${m}</title>
<rect width="${lw}" height="20" fill="#555"/>
<rect x="${lw}" width="${mw}" height="20" fill="${colour}"/>
<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="14">${l}</text>
<text x="${lw + mw / 2}" y="14">${m}</text>
</g>
</svg>
`;
}
