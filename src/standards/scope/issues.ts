/** A problem found while reading a scope or a report: data, not an exception (like Zod's issues). */
export interface Issue {
  /** Where in the document, e.g. `versions[1].include[0]`; empty for the document itself. */
  readonly path: string;
  /** The offending key when there is one, e.g. `deprecated_at`. */
  readonly key?: string;
  /** 1-based line and column in the source text; absent when the problem has no place (e.g. a missing key of an empty file). */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** `file:line:column: path: message`, one line per issue. */
export function formatIssue(issue: Issue, source: string): string {
  const where = issue.line === undefined ? source : `${source}:${issue.line}:${issue.column ?? 1}`;
  const path = issue.path === "" ? "" : `${issue.path}: `;
  return `${where}: ${path}${issue.message}`;
}
