/** Facts from a snapshot file (`scs snapshot`): the same testcases, offline. */
import type { Fact, Snapshot } from "../snapshot/index.ts";
import {
  referenceVisible,
  toCatalogEntry,
  toDefaultRules,
  toFlavor,
  toImage,
  toVolumeType,
} from "./convert.ts";
import { type FactLoaders, Facts } from "./facts.ts";
import { FactMissing } from "./from-values.ts";

/** A fact's value, or the error recorded when the snapshot was taken (testcases then ABORT). */
function recorded<T>(fact: Fact<T>, name: string): T {
  if (fact.ok) return fact.value;
  throw new FactMissing(`${name} could not be read when the snapshot was taken: ${fact.error}`);
}

export function snapshotLoaders(snapshot: Snapshot): FactLoaders {
  const catalog = snapshot.catalog.map(toCatalogEntry);
  return {
    roles: async () => snapshot.identity.roles,
    catalog: async () => catalog,
    flavors: async () => recorded(snapshot.flavors, "flavors").map(toFlavor),
    // The snapshot holds public and community images; community ones of other projects stay out.
    images: async () =>
      recorded(snapshot.images, "images")
        .filter((image) => referenceVisible(image, snapshot.identity.project?.id ?? null))
        .map(toImage),
    volumeTypes: async () => recorded(snapshot.volumeTypes, "volumeTypes").map(toVolumeType),
    defaultSecurityGroupRules: async () =>
      toDefaultRules(recorded(snapshot.defaultSecurityGroupRules, "defaultSecurityGroupRules")),
    s3Probe: async () => recorded(snapshot.s3Probe, "s3Probe"),
    vmOutput: async () => {
      throw new FactMissing("a snapshot holds no VM output: booting the sample VM needs a live cloud");
    },
  };
}

export interface SnapshotFactsOptions {
  /** Judge image ages at this time instead of when the snapshot was taken. */
  readonly now?: Date;
  /** For messages, e.g. the file name. */
  readonly source?: string;
}

/** Facts of a snapshot; image ages are judged at the time it was taken unless `now` is given. */
export function snapshotFacts(snapshot: Snapshot, options: SnapshotFactsOptions = {}): Facts {
  return new Facts({
    loaders: snapshotLoaders(snapshot),
    now: options.now ?? new Date(snapshot.takenAt),
    origin: `snapshot ${options.source ?? `of cloud ${JSON.stringify(snapshot.cloud.name)}`}`,
  });
}
