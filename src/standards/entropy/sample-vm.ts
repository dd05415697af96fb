/**
 * Which image and flavor the scs-0101 sample VM boots: the newest Debian (else Ubuntu) public
 * image, and the smallest flavor with enough RAM, preferring flavors that allow a virtio RNG.
 */
import { type ImageMetadata, property } from "../image-spec/index.ts";

/** Debian codenames the reference understands as versions. */
export const DEBIAN_CODENAMES: Readonly<Record<string, number>> = {
  buster: 10,
  bullseye: 11,
  bookworm: 12,
  trixie: 13,
};

/** `[distro rank, version]`: Debian 2, Ubuntu 1, anything else (or no version) 0. */
export type ImageRank = readonly [number, number];

export function imageRank(image: ImageMetadata): ImageRank {
  const distro = property(image, "os_distro")?.trim().toLowerCase();
  const version = property(image, "os_version");
  if (distro === undefined || version === undefined) return [0, 0];
  if (distro === "debian") {
    return [2, /^\d+$/.test(version) ? Number(version) : (DEBIAN_CODENAMES[version] ?? 0)];
  }
  if (distro === "ubuntu") return [1, /^\d\d\.\d\d$/.test(version) ? Number(version.replace(".", "")) : 0];
  return [0, 0];
}

const greater = (a: ImageRank, b: ImageRank): boolean => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** The public image with the highest rank; the first one wins a tie. Undefined when there is none. */
export function chooseImage<I extends ImageMetadata>(images: readonly I[]): I | undefined {
  let best: I | undefined;
  let bestRank: ImageRank = [-1, -1];
  for (const image of images) {
    if (image.visibility !== "public") continue;
    const rank = imageRank(image);
    if (greater(rank, bestRank)) [best, bestRank] = [image, rank];
  }
  return best;
}

/** What the flavor choice reads of a flavor. */
export interface SizedFlavor {
  readonly name: string;
  readonly vcpus: number;
  /** MiB */
  readonly ram: number;
  /** GB */
  readonly disk: number;
  readonly extraSpecs: Readonly<Record<string, string>>;
}

export const allowsRng = (flavor: SizedFlavor): boolean =>
  flavor.extraSpecs["hw_rng:allowed"]?.toLowerCase() === "true";

/** The reference's measure of a flavor's size (RAM in MiB dominates). */
export const flavorCost = (flavor: SizedFlavor): number => flavor.vcpus + flavor.ram / 3 + flavor.disk / 10;

/**
 * The cheapest flavor with at least the image's min_ram; among those that allow a virtio RNG
 * if any does. The first one wins a tie. Undefined when no flavor has enough RAM.
 */
export function chooseFlavor<F extends SizedFlavor>(
  flavors: readonly F[],
  image: Pick<ImageMetadata, "minRam">,
): F | undefined {
  const big = flavors.filter((flavor) => flavor.ram >= (image.minRam ?? 0));
  const rng = big.filter(allowsRng);
  let best: F | undefined;
  for (const flavor of rng.length > 0 ? rng : big) {
    if (best === undefined || flavorCost(flavor) < flavorCost(best)) best = flavor;
  }
  return best;
}

/** GB of the boot volume: the image's min_disk, at least 8. */
export const bootVolumeSize = (image: Pick<ImageMetadata, "minDisk">): number =>
  Math.max(image.minDisk ?? 0, 8);
