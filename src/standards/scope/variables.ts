/** Variable assignment for the scripts (spec: certificate-scopes.md §4.1, `-a KEY=VALUE`). */
import type { Scope } from "./types.ts";

export type Assigned =
  | {
      readonly ok: true;
      readonly given: ReadonlyMap<string, string>;
      readonly all: ReadonlyMap<string, string>;
    }
  | { readonly ok: false; readonly message: string };

/**
 * `given` are the `-a` arguments as typed (`key=value`). Returns only those (`given`, what a report
 * records) and the full assignment (`all`: defaults overlaid by `given`).
 */
export function assignVariables(scope: Pick<Scope, "variables">, given: readonly string[]): Assigned {
  const assigned = new Map<string, string>();
  for (const arg of given) {
    const eq = arg.indexOf("=");
    if (eq < 0) return { ok: false, message: `Assignment '${arg}' must have the form KEY=VALUE` };
    const key = arg.slice(0, eq);
    if (assigned.has(key)) return { ok: false, message: `Double assignment for '${key}'` };
    assigned.set(key, arg.slice(eq + 1));
  }
  const all = new Map<string, string>();
  for (const v of scope.variables) if (v.default !== undefined) all.set(v.name, v.default);
  for (const [k, v] of assigned) all.set(k, v);
  const missing = scope.variables.filter((v) => !all.has(v.name)).map((v) => v.name);
  if (missing.length > 0)
    return { ok: false, message: `Missing variable assignments (via -a) for: ${missing.join(", ")}` };
  return { ok: true, given: assigned, all };
}
