/**
 * scs-0114 volume-type aspects: a description that starts with `[scs:a, b]` lists the aspects
 * of the type. The known aspects are `encrypted` and `replicated`; the list must be sorted and
 * free of duplicates.
 */
export const KNOWN_ASPECTS = ["encrypted", "replicated"] as const;
export type Aspect = (typeof KNOWN_ASPECTS)[number];

const ASPECT_LIST = /^\[scs:([^[\]]*)\]/;

/** The aspect list at the start of a description, trimmed items; undefined if there is none. */
export function parseAspectList(description: string | null | undefined): string[] | undefined {
  const match = ASPECT_LIST.exec(description ?? "");
  if (!match) return undefined;
  const inner = match[1] ?? "";
  return inner === "" ? [] : inner.split(",").map((item) => item.trim());
}

/** What is wrong with an aspect list, one message per kind of mistake (empty if it is fine). */
export function aspectListErrors(aspects: readonly string[]): string[] {
  const errors: string[] = [];
  const sorted = [...aspects].sort();
  if (sorted.some((item, i) => item !== aspects[i])) errors.push("feature list not sorted");
  const duplicates = [...new Set(sorted.filter((item, i) => sorted[i - 1] === item))];
  if (duplicates.length > 0) errors.push(`duplicate features: ${duplicates.join(", ")}`);
  const unknown = [...new Set(sorted.filter((item) => !(KNOWN_ASPECTS as readonly string[]).includes(item)))];
  if (unknown.length > 0) errors.push(`unrecognized features: ${unknown.join(", ")}`);
  return errors;
}
