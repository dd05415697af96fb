/** What the scs-0102 and scs-0104 rules read of a Glance image. */
export interface ImageMetadata {
  readonly name: string;
  /** `public`, `community`, `shared` or `private`. */
  readonly visibility: string;
  /** Glance's `os_hidden`. */
  readonly hidden: boolean;
  /** Glance's `created_at`, e.g. `2024-05-01T10:00:00Z`; null if absent. */
  readonly createdAt: string | null;
  /** Bytes; null while Glance has no data for the image. */
  readonly size: number | null;
  /** GB; null if absent. */
  readonly minDisk: number | null;
  /** MiB; null if absent. */
  readonly minRam: number | null;
  /**
   * Every other field Glance returned as a string: `architecture`, `os_hash_algo`, `os_distro`,
   * `image_source`, `replace_frequency`, … A key that is missing here was absent or null.
   */
  readonly properties: Readonly<Record<string, string>>;
}

/** The property `key` of an image, undefined when absent. */
export function property(image: ImageMetadata, key: string): string | undefined {
  return Object.hasOwn(image.properties, key) ? image.properties[key] : undefined;
}

/** Images by name; a later image with the same name replaces an earlier one (as in the reference). */
export function imagesByName<I extends ImageMetadata>(images: readonly I[]): ReadonlyMap<string, I> {
  const byName = new Map<string, I>();
  for (const image of images) byName.set(image.name, image);
  return byName;
}
