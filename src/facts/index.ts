/** Cloud facts for the IaaS testcases: lazily fetched, memoised, from a live cloud or a snapshot. */
export { type FactLoaders, Facts, type FactsOptions, FactUnavailable } from "./facts.ts";
export { FactMissing, factsFromValues, type ValuesOptions } from "./from-values.ts";
export { type LiveOptions, liveFacts, liveLoaders, sessionCloud } from "./live.ts";
export type { LiveCloud } from "./live-cloud.ts";
export * from "./model.ts";
export type { SampleVmFactOptions } from "./sample-vm.ts";
export { type SnapshotFactsOptions, snapshotFacts, snapshotLoaders } from "./snapshot.ts";
