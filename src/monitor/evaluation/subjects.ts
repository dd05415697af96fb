import type { Store } from "../db/store.ts";
import { evaluateScope, keepResults, type ScopeEvaluation } from "./evaluate.ts";
import type { MonitorScope, ScopeCatalog } from "./scope-catalog.ts";

export interface EvaluationQuery {
  /** undefined = every subject with results */
  subjects?: readonly string[];
  /** restrict to one scope */
  scope?: MonitorScope;
  includeDrafts: boolean;
  /** evaluate these subjects for `scope` even without results (detail pages) */
  always?: boolean;
  now: string;
  log?: (line: string) => void;
}

// Unknown scopes and testcases named in the log line; the rest are counted.
const MISSING_SHOWN = 10;

/** subject → scope uuid → evaluation, from the newest result of every (subject, scope, testcase). */
export async function evaluateSubjects(
  store: Store,
  scopes: ScopeCatalog,
  query: EvaluationQuery,
): Promise<Map<string, Map<string, ScopeEvaluation>>> {
  const rows = await store.latestResults({ subjects: query.subjects, scopeuuid: query.scope?.scope.uuid });
  const grouped = new Map<string, Map<string, typeof rows>>();
  for (const row of rows) {
    const bySubject = grouped.get(row.subject) ?? new Map<string, typeof rows>();
    grouped.set(row.subject, bySubject);
    const list = bySubject.get(row.scopeuuid) ?? [];
    bySubject.set(row.scopeuuid, list);
    list.push(row);
  }
  if (query.always && query.scope !== undefined) {
    for (const s of query.subjects ?? []) {
      if (!grouped.has(s)) grouped.set(s, new Map());
      const bySubject = grouped.get(s)!;
      if (!bySubject.has(query.scope.scope.uuid)) bySubject.set(query.scope.scope.uuid, []);
    }
  }
  const missing = new Set<string>();
  const out = new Map<string, Map<string, ScopeEvaluation>>();
  for (const [subject, byScope] of [...grouped].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const evaluations = new Map<string, ScopeEvaluation>();
    for (const [scopeuuid, list] of byScope) {
      const scope = scopes.get(scopeuuid);
      if (scope === undefined) {
        missing.add(`scope ${scopeuuid}`);
        continue;
      }
      const kept = keepResults(scope, list, query.now, (tc) => missing.add(`${scopeuuid}/${tc}`));
      if (kept.size === 0 && !(query.always && query.scope === scope)) continue;
      evaluations.set(scopeuuid, evaluateScope(scope, kept, query.includeDrafts));
    }
    if (evaluations.size > 0 || query.always) out.set(subject, evaluations);
  }
  if (missing.size > 0) {
    const names = [...missing].sort();
    const shown = names.slice(0, MISSING_SHOWN).join(", ");
    query.log?.(`missing objects (${names.length}): ${shown}${names.length > MISSING_SHOWN ? ", …" : ""}`);
  }
  return out;
}
