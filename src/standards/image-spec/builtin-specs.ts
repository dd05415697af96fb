/**
 * The image specs built into the scs-0104 testcases. The testcases do not read the image-spec YAML
 * named in the scope (its `image_spec` parameter is informational), so these are fixed here.
 */
export interface ImageSpec {
  /** The exact image name, or the base name when there is a name scheme. */
  readonly name: string;
  /** A regular expression that an image name must match at its start. */
  readonly nameScheme?: string;
  /** `image_source` must start with one of these. */
  readonly sources: readonly string[];
}

const CAPI_SOURCES = [
  "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/",
  "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2404-kube",
  "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2204-kube",
];
const ubuntu = (codename: string): string[] => [
  `https://cloud-images.ubuntu.com/releases/${codename}/`,
  `https://cloud-images.ubuntu.com/${codename}/`,
];
const debian = (codename: string): string[] => [
  `https://cloud.debian.org/images/cloud/${codename}/`,
  `https://cdimage.debian.org/cdimage/cloud/${codename}/`,
];

/** By the key the testcase ids use (`scs-0104-source-<key>`, `scs-0104-image-<key>`). */
export const BUILTIN_IMAGE_SPECS = {
  "capi-1": {
    name: "ubuntu-capi-image",
    nameScheme: "ubuntu-capi-image v[0-9]\\.[0-9]+(\\.[0-9]+)?",
    sources: CAPI_SOURCES,
  },
  "capi-2": {
    name: "ubuntu-capi-image",
    nameScheme: "ubuntu-capi-image-v[0-9]\\.[0-9]+(\\.[0-9]+)?",
    sources: CAPI_SOURCES,
  },
  "ubuntu-2404": { name: "Ubuntu 24.04", sources: ubuntu("noble") },
  "ubuntu-2204": { name: "Ubuntu 22.04", sources: ubuntu("jammy") },
  "ubuntu-2004": { name: "Ubuntu 20.04", sources: ubuntu("focal") },
  "debian-13": { name: "Debian 13", sources: debian("trixie") },
  "debian-12": { name: "Debian 12", sources: debian("bookworm") },
  "debian-11": { name: "Debian 11", sources: debian("bullseye") },
  "debian-10": { name: "Debian 10", sources: debian("buster") },
} as const satisfies Record<string, ImageSpec>;

export type ImageSpecKey = keyof typeof BUILTIN_IMAGE_SPECS;

/** The names (of unique image names) that a spec matches: scheme at the start, else the exact name. */
export function matchingNames(spec: ImageSpec, names: Iterable<string>): string[] {
  if (spec.nameScheme === undefined) return [...names].filter((name) => name === spec.name);
  const scheme = new RegExp(`^(?:${spec.nameScheme})`);
  return [...names].filter((name) => scheme.test(name));
}

/** Whether an `image_source` (absent = empty) starts with one of the spec's prefixes. */
export function hasSpecSource(spec: ImageSpec, source: string | undefined): boolean {
  return spec.sources.some((prefix) => (source ?? "").startsWith(prefix));
}
