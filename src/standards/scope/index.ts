/**
 * Certificate scopes, pure: load and validate scope YAML, pick versions by date, select the
 * testcases of a run, the result algebra, result lifetimes, and the report model.
 * Documented in docs/check.md.
 */
export {
  type Buckets,
  bucket,
  type ConsoleVerdict,
  consoleVerdict,
  type Evaluation,
  evaluate,
  evaluationOf,
  lookupIn,
  RESULT_OF_VERDICT,
  type Result,
  type ResultLookup,
} from "./algebra.ts";
export { isoDate, localIsoDate } from "./date.ts";
export { formatIssue, type Issue, type Parsed } from "./issues.ts";
export { expiryOf, lifetimeOf } from "./lifetime.ts";
export { byCodepoint, parseScope } from "./parse.ts";
export { type Invocation, parseReport, type Report, resultsOf, versionBuckets } from "./report.ts";
export {
  commandLine,
  type PlannedInvocation,
  parseSections,
  type Selected,
  type Selection,
  type SelectionOptions,
  selectRun,
} from "./selection.ts";
export { formatTemplate } from "./template.ts";
export {
  applicableEntry,
  isCertifiable,
  standings,
  type VersionStanding,
  validVersions,
} from "./timeline.ts";
export * from "./types.ts";
export { type Assigned, assignVariables } from "./variables.ts";
