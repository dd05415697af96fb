/** The expected shape of a version-1 snapshot (see types.ts for the meaning of each field). */
import type { Shape } from "./schema.ts";

const S = "string" as const;
const N = "number" as const;
const B = "boolean" as const;
const nullable = (s: Shape): Shape => ({ nullable: s });
const list = (s: Shape): Shape => ({ array: s });
const object = (o: Record<string, Shape>): Shape => ({ object: o });
const strMap: Shape = { record: S };

const namedRef = object({ id: S, name: S, domainId: nullable(S) });

const flavor = object({
  id: S,
  name: S,
  vcpus: N,
  ram: N,
  disk: N,
  ephemeral: N,
  swap: N,
  isPublic: B,
  disabled: B,
  description: nullable(S),
  extraSpecs: strMap,
});

const image = object({
  id: S,
  name: nullable(S),
  visibility: S,
  status: S,
  osHidden: B,
  protected: B,
  owner: nullable(S),
  createdAt: S,
  updatedAt: S,
  size: nullable(N),
  virtualSize: nullable(N),
  minDisk: N,
  minRam: N,
  diskFormat: nullable(S),
  containerFormat: nullable(S),
  osHashAlgo: nullable(S),
  osHashValue: nullable(S),
  checksum: nullable(S),
  tags: list(S),
  properties: strMap,
});

const volumeType = object({ id: S, name: S, description: nullable(S), isPublic: B, extraSpecs: strMap });

const rule = {
  id: S,
  direction: S,
  ethertype: S,
  protocol: nullable(S),
  portRangeMin: nullable(N),
  portRangeMax: nullable(N),
  remoteIpPrefix: nullable(S),
  remoteGroupId: nullable(S),
  description: nullable(S),
};

const securityGroup = object({
  id: S,
  name: S,
  description: S,
  projectId: S,
  stateful: B,
  rules: list(object({ ...rule, securityGroupId: S })),
});

const defaultRule = object({
  ...rule,
  remoteAddressGroupId: nullable(S),
  usedInDefaultSg: B,
  usedInNonDefaultSg: B,
});

const network = object({
  id: S,
  name: S,
  status: S,
  projectId: S,
  external: B,
  shared: B,
  subnetIds: list(S),
});

const catalogEntry = object({
  id: S,
  type: S,
  name: S,
  endpoints: list(object({ id: S, interface: S, region: nullable(S), url: S })),
});

/** Everything after `format` and `version`, which are checked first. */
export const SNAPSHOT_SHAPE: Shape = object({
  takenAt: S,
  tool: S,
  cloud: object({ name: S, region: nullable(S), interface: S }),
  identity: object({ user: namedRef, project: nullable(namedRef), roles: list(S) }),
  catalog: list(catalogEntry),
  flavors: { fact: list(flavor) },
  images: { fact: list(image) },
  volumeTypes: { fact: list(volumeType) },
  securityGroups: { fact: list(securityGroup) },
  defaultSecurityGroupRules: { fact: nullable(list(defaultRule)) },
  networks: { fact: list(network) },
  s3Probe: { fact: object({ kind: S }) },
  keyManager: object({ present: B }),
  stats: object({ requests: N, wallMs: N }),
});
