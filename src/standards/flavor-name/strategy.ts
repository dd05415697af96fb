/**
 * Parsing strategies (spec §9.1): which syntaxes count as valid, which are merely tolerated
 * (valid with a warning), and which are recognised only to be rejected.
 */
import { NameError, parseScsName } from "./parse.ts";
import type { FlavorName, Syntax } from "./types.ts";

export const STRATEGIES = ["v1", "v1/v2", "v2/v1", "v2", "v3", "latest", "syntax-check", "vN"] as const;
export type Strategy = (typeof STRATEGIES)[number];
/** The strategies the reference CLI offers as VERSION. */
export const CLI_STRATEGIES = ["v1", "v1/v2", "v2/v1", "v2", "v3", "latest"] as const;

interface Plan {
  readonly main: readonly Syntax[];
  readonly tolerated: readonly Syntax[];
  readonly invalid: readonly Syntax[];
}

const PLANS: Readonly<Record<Strategy, Plan>> = {
  v1: { main: ["v1"], tolerated: [], invalid: ["v2"] },
  "v1/v2": { main: ["v1"], tolerated: ["v2"], invalid: [] },
  "v2/v1": { main: ["v2"], tolerated: ["v1"], invalid: [] },
  v2: { main: ["v2"], tolerated: [], invalid: ["v1"] },
  v3: { main: ["v2"], tolerated: [], invalid: ["v1"] },
  latest: { main: ["v2"], tolerated: [], invalid: ["v1"] },
  // scs-0100-syntax-check: v3, then v2 and v1 tolerated.
  "syntax-check": { main: ["v2"], tolerated: ["v2", "v1"], invalid: [] },
  // flavor-add-extra-specs and the flavor manager: either syntax is fine.
  vN: { main: ["v2", "v1"], tolerated: [], invalid: [] },
};

export type ParseOutcome =
  | {
      readonly status: "valid";
      readonly flavor: FlavorName;
      /** The syntax the name is written in. */
      readonly syntax: Syntax;
      /** Set when the name is valid only because this syntax is tolerated (log a warning). */
      readonly tolerated?: Syntax;
    }
  | { readonly status: "not-scs" }
  | {
      readonly status: "invalid";
      /** The reference's exact message, e.g. `Extra characters: _ic`. */
      readonly error: string;
      /**
       * The RAM value does not fit a float. The reference raises a non-value error here that
       * aborts its CLI and both scs-0100 testcases; callers decide how to surface it.
       */
      readonly overflow: boolean;
    };

export function isStrategy(s: string): s is Strategy {
  return (STRATEGIES as readonly string[]).includes(s);
}

const NOT_SCS: ParseOutcome = Object.freeze({ status: "not-scs" });

/** Parses a flavor name with a strategy (default `v3`). Never throws. */
export function parseFlavorName(name: string, strategy: Strategy = "v3"): ParseOutcome {
  if (!name.startsWith("SCS-")) return NOT_SCS;
  const plan = PLANS[strategy];
  let first: NameError | undefined;
  for (const syntax of plan.main) {
    const r = parseScsName(name, syntax);
    if (!(r instanceof NameError)) return { status: "valid", flavor: r, syntax };
    if (r.overflow) return invalid(r);
    first ??= r;
  }
  for (const syntax of plan.tolerated) {
    const r = parseScsName(name, syntax);
    if (!(r instanceof NameError)) return { status: "valid", flavor: r, syntax, tolerated: syntax };
    if (r.overflow) return invalid(r);
  }
  for (const syntax of plan.invalid) {
    const r = parseScsName(name, syntax);
    if (!(r instanceof NameError))
      return { status: "invalid", error: `Name is non-tolerable ${syntax}`, overflow: false };
    if (r.overflow) return invalid(r);
  }
  return invalid(first!);
}

function invalid(e: NameError): ParseOutcome {
  return { status: "invalid", error: e.message, overflow: e.overflow };
}
