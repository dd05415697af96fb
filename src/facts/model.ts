/**
 * The cloud facts the IaaS testcases read: plain data, the same whether they come from a live
 * cloud or from a snapshot file.
 */
import type * as os from "../openstack/index.ts";
import type { S3Probe } from "../openstack/object-store.ts";
import type { ImageMetadata } from "../standards/image-spec/index.ts";

export type { S3Probe };

/** A Nova flavor as the testcases read it: the client's record, less what no rule looks at. */
export type Flavor = Pick<os.Flavor, "id" | "name" | "vcpus" | "ram" | "disk" | "extraSpecs">;

export interface Image extends ImageMetadata {
  readonly id: string;
}

export interface VolumeType {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
}

/**
 * One entry of the token's service catalog as the testcases read it (the client's record, less
 * the ids; region and name optional, as in older snapshots and in test data).
 */
export type CatalogEntry = Pick<os.CatalogEntry, "type"> &
  Partial<Pick<os.CatalogEntry, "name">> & {
    readonly endpoints: readonly (Pick<os.Endpoint, "interface" | "url"> & { readonly region?: string })[];
  };

export type Ethertype = "IPv4" | "IPv6";

/** A rule of Neutron's default-security-group-rules API (2023.2+). */
export interface DefaultSecurityGroupRule {
  readonly direction: "ingress" | "egress";
  /** `IPv4` or `IPv6` (anything else is ignored by the rules). */
  readonly ethertype: Ethertype | string;
  /** `PARENT` for "the group the rule ends up in". */
  readonly remoteGroupId: string | null;
  readonly remoteIpPrefix: string | null;
  readonly usedInDefaultSg: boolean;
  readonly usedInNonDefaultSg: boolean;
}

/** The default-rules listing, or `unsupported` when Neutron lacks the API (older than 2023.2). */
export type DefaultRulesListing =
  | { readonly kind: "listed"; readonly rules: readonly DefaultSecurityGroupRule[] }
  | { readonly kind: "unsupported"; readonly reason: string };

/** The console log of the scs-0101 sample VM (booted once per run, for every VM testcase). */
export interface VmOutput {
  /** Name of the image the VM booted. */
  readonly image: string;
  readonly flavor: string;
  /** The whole console log at the guest's end marker. */
  readonly console: string;
  /** Resources the teardown could not remove (empty: none). */
  readonly left: readonly string[];
}

/** Every fact by name. Adding a fact: add it here and to each source. */
export interface FactValues {
  /** Role names of the token, e.g. `member`. */
  readonly roles: readonly string[];
  readonly catalog: readonly CatalogEntry[];
  /** Every flavor the user sees, each with its extra_specs. */
  readonly flavors: readonly Flavor[];
  /** Images with visibility `public` or `community`. */
  readonly images: readonly Image[];
  readonly volumeTypes: readonly VolumeType[];
  readonly defaultSecurityGroupRules: DefaultRulesListing;
  readonly s3Probe: S3Probe;
  /** Live clouds only: it boots a VM. */
  readonly vmOutput: VmOutput;
}

export type FactName = keyof FactValues;

export const FACT_NAMES: readonly FactName[] = [
  "roles",
  "catalog",
  "flavors",
  "images",
  "volumeTypes",
  "defaultSecurityGroupRules",
  "s3Probe",
  "vmOutput",
];
