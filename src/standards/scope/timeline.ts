/** Which versions count on a date (spec: certificate-scopes.md §2.5). */
import type { IsoDate, Scope, ScopeVersion, TimelineEntry, Validity } from "./types.ts";

export interface VersionStanding {
  readonly version: ScopeVersion;
  readonly validity: Validity;
  /** Named in the applicable timeline entry (with any code, even `deprecated`). */
  readonly explicit: boolean;
}

/** The entry with the greatest date ≤ `date`; on equal dates the first listed wins. */
export function applicableEntry(scope: Pick<Scope, "timeline">, date: IsoDate): TimelineEntry | undefined {
  let best: TimelineEntry | undefined;
  for (const entry of scope.timeline) {
    if (entry.date <= date && (best === undefined || entry.date > best.date)) best = entry;
  }
  return best;
}

/** Every version in file order with its validity on `date`; unnamed versions are deprecated. */
export function standings(scope: Pick<Scope, "timeline" | "versions">, date: IsoDate): VersionStanding[] {
  const entry = applicableEntry(scope, date);
  return scope.versions.map((version) => {
    const validity = entry?.versions.get(version.name);
    return { version, validity: validity ?? "deprecated", explicit: validity !== undefined };
  });
}

/** The versions a check tests on `date` when no version is forced: the explicitly valid ones. */
export function validVersions(scope: Pick<Scope, "timeline" | "versions">, date: IsoDate): ScopeVersion[] {
  return standings(scope, date)
    .filter((s) => s.explicit)
    .map((s) => s.version);
}

/** Only effective and warn versions lead to a certificate. */
export function isCertifiable(validity: Validity): boolean {
  return validity === "effective" || validity === "warn";
}
