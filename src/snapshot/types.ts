/**
 * The snapshot file: every fact the compliance checks read from a cloud, taken once by
 * `scs snapshot`, so `scs check --snapshot FILE` can run offline. Versioned; documented in
 * docs/snapshot.md. It never holds a token, password or any other secret.
 */
import type {
  CatalogEntry,
  DefaultSecurityGroupRule,
  Flavor,
  Image,
  Interface,
  NamedRef,
  Network,
  S3Probe,
  SecurityGroup,
  VolumeType,
} from "../openstack/index.ts";

export const SNAPSHOT_FORMAT = "scs-cloud-snapshot";
/** Bumped on any change a reader of the previous version would misread. */
export const SNAPSHOT_VERSION = 1;

/**
 * A fact as read from the cloud: its value, or the one-line error that prevented reading it
 * (a testcase that needs a failed fact ABORTs, as it would on the live cloud).
 */
export type Fact<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /** ISO 8601, UTC. */
  readonly takenAt: string;
  /** `scs-compliance <version>` */
  readonly tool: string;
  readonly cloud: {
    /** The clouds.yaml name the snapshot was taken with. */
    readonly name: string;
    readonly region: string | null;
    readonly interface: Interface;
  };
  /** From the token: who took the snapshot and with which roles (the pre-flight check reads them). */
  readonly identity: {
    readonly user: NamedRef;
    readonly project: NamedRef | null;
    readonly roles: readonly string[];
  };
  /** The token's service catalog (service types, endpoint URLs; scs-0116, scs-0123). */
  readonly catalog: readonly CatalogEntry[];
  /** Every flavor the project sees, with extra_specs (scs-0100, scs-0103, scs-0101). */
  readonly flavors: Fact<readonly Flavor[]>;
  /** Public and community images (not hidden ones), with all properties (scs-0101, scs-0102, scs-0104). */
  readonly images: Fact<readonly Image[]>;
  /** Volume types with descriptions (scs-0114). */
  readonly volumeTypes: Fact<readonly VolumeType[]>;
  /** The project's security groups and their rules (scs-0115 context). */
  readonly securityGroups: Fact<readonly SecurityGroup[]>;
  /** Default security group rules (scs-0115); value null when the cloud lacks that API. */
  readonly defaultSecurityGroupRules: Fact<readonly DefaultSecurityGroupRule[] | null>;
  /** Networks the project sees (scs-0101 needs an external one). */
  readonly networks: Fact<readonly Network[]>;
  /** The S3 probe next to the object store (scs-0123-swift-s3); `no-object-store` without one. */
  readonly s3Probe: Fact<S3Probe>;
  /** Derived from the catalog: is there a `key-manager` service (scs-0116-presence)? */
  readonly keyManager: { readonly present: boolean };
  /** How the snapshot was taken. */
  readonly stats: { readonly requests: number; readonly wallMs: number };
}

/** The names of the snapshot's facts that may fail independently (not the check's FactName). */
export const SNAPSHOT_FACT_NAMES = [
  "flavors",
  "images",
  "volumeTypes",
  "securityGroups",
  "defaultSecurityGroupRules",
  "networks",
  "s3Probe",
] as const;
export type SnapshotFactName = (typeof SNAPSHOT_FACT_NAMES)[number];
