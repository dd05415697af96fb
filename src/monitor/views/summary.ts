import type { NumericResult, ScopeEvaluation } from "../evaluation/evaluate.ts";

const COLOUR: Record<string, string> = { "-1": "🛑", null: "🟧", "0": "✅*", "1": "✅" };

/** The status-cell text of a scope result (§9.2): colour, space, passed versions or `–`. */
export function summary(e: ScopeEvaluation | undefined): string {
  if (e === undefined) return "🛑 –";
  let colour = COLOUR[String(e.result)]!;
  if (e.result !== -1) {
    if (e.validity === "warn") colour = "🟧";
    else if (e.validity === "deprecated") colour = "🛑";
  }
  return `${colour} ${e.passedStr === "" ? "–" : e.passedStr}`;
}

// FAIL < missing < no result < ABORT < PASS
const RANK = (e: ScopeEvaluation | undefined): number =>
  e === undefined
    ? 2
    : ({ "-1": 0, null: 1, "0": 3, "1": 4 } as Record<string, number>)[String(e.result as NumericResult)]!;

/** A group is as good as its worst member; an empty group has no result. */
export function worst(members: readonly (ScopeEvaluation | undefined)[]): ScopeEvaluation | undefined {
  let pick: ScopeEvaluation | undefined;
  let rank = Number.POSITIVE_INFINITY;
  for (const m of members) {
    if (RANK(m) < rank) {
      rank = RANK(m);
      pick = m;
    }
  }
  return pick;
}
