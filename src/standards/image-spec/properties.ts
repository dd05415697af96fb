/**
 * scs-0102 property rules: for each `scs-0102-prop-*` testcase, what makes one image an offender.
 * A rule returns its findings for one image; the image is an offender iff one of them is an error.
 */
import { parseDate, parseStrictDate } from "./dates.ts";
import { type ImageMetadata, property } from "./image.ts";

export interface Finding {
  readonly level: "error" | "warning";
  /** What is wrong, without the image name, e.g. `image_source missing`. */
  readonly message: string;
}

/** The reference cannot decide (it raises): the testcase ends as ABORT with this message. */
export class UndecidableImage extends Error {
  override readonly name = "UndecidableImage";
}

export type PropertyRule = (image: ImageMetadata, now: number) => readonly Finding[];

const error = (message: string): Finding[] => [{ level: "error", message }];
const warning = (message: string): Finding[] => [{ level: "warning", message }];
const OK: Finding[] = [];

export const ARCHITECTURES = ["x86_64", "aarch64", "risc-v"] as const;
export const HASH_ALGORITHMS = ["sha256", "sha512"] as const;
export const OS_PURPOSES = [
  "generic",
  "oldgeneric",
  "minimal",
  "k8snode",
  "gpu",
  "network",
  "custom",
] as const;
export const DISK_BUSES = ["virtio", "scsi"] as const;
export const HYPERVISOR_TYPES = ["qemu", "kvm", "xen", "hyper-v", "esxi"] as const;
export const REPLACE_FREQUENCIES = [
  "never",
  "critical_bug",
  "yearly",
  "quarterly",
  "monthly",
  "weekly",
  "daily",
] as const;
const URL_SCHEMES = ["http", "https", "ftp", "ftps"];

const quote = (value: string): string => JSON.stringify(value);

/** Offender when the value is absent or not one of `allowed`. */
function oneOf(key: string, allowed: readonly string[]): PropertyRule {
  return (image) => {
    const value = property(image, key);
    if (value === undefined) return error(`${key} missing`);
    return allowed.includes(value) ? OK : error(`${key} ${quote(value)} is not one of ${allowed.join(", ")}`);
  };
}

/** Offender when the value is present (even empty) and not one of `allowed`; absent is fine. */
function oneOfIfPresent(key: string, allowed: readonly string[]): PropertyRule {
  return (image) => {
    const value = property(image, key);
    if (value === undefined || allowed.includes(value)) return OK;
    return error(`${key} ${quote(value)} is not one of ${allowed.join(", ")}`);
  };
}

/** Offender when the value is absent or empty. */
function nonEmpty(key: string): PropertyRule {
  return (image) => (property(image, key) ? OK : error(`${key} missing`));
}

const minDisk: PropertyRule = (image) => {
  if (!image.minDisk) return error("min_disk missing or 0");
  if (image.size === null) {
    throw new UndecidableImage(`image ${quote(image.name)}: min_disk set but size unknown`);
  }
  if (image.minDisk * 2 ** 30 < image.size) {
    return error(`min_disk ${image.minDisk} GiB is less than the image size of ${image.size} bytes`);
  }
  return OK;
};

const minRam: PropertyRule = (image) => {
  if (!image.minRam) return error("min_ram missing or 0");
  return image.minRam < 64 ? warning(`min_ram ${image.minRam} MiB is very small`) : OK;
};

/** `private` or a URL whose scheme (the text before the first `://`) is http, https, ftp or ftps. */
export function isImageSource(value: string): boolean {
  if (value === "private") return true;
  const at = value.indexOf("://");
  return at >= 0 && URL_SCHEMES.includes(value.slice(0, at));
}

const imageSource: PropertyRule = (image) => {
  const value = property(image, "image_source");
  if (value === undefined) return error("image_source missing");
  return isImageSource(value) ? OK : error(`image_source ${quote(value)} is neither a URL nor "private"`);
};

/** `none`, `notice`, `forever`, `last-<digits>` or a date. */
export function isUuidValidity(value: string): boolean {
  return (
    ["none", "notice", "forever"].includes(value) || /^last-[0-9]+$/.test(value) || parseDate(value) !== 0
  );
}

const uuidValidity: PropertyRule = (image) => {
  const value = property(image, "uuid_validity");
  if (value === undefined || isUuidValidity(value)) return OK;
  return error(`uuid_validity ${quote(value)} is not none, notice, forever, last-N or a date`);
};

const hotfixHours: PropertyRule = (image) => {
  const value = property(image, "hotfix_hours");
  return !value || /^[0-9]+$/.test(value) ? OK : error(`hotfix_hours ${quote(value)} is not a number`);
};

const imageBuildDate: PropertyRule = (image, now) => {
  const registered = image.createdAt === null ? 0 : parseStrictDate(image.createdAt);
  const raw = property(image, "image_build_date");
  const built = raw === undefined ? 0 : parseDate(raw);
  const findings: Finding[] = [];
  if (built === 0) {
    findings.push({
      level: "error",
      message:
        raw === undefined ? "image_build_date missing" : `image_build_date ${quote(raw)} is not a date`,
    });
  } else if (built > registered) {
    findings.push({
      level: "error",
      message: `image_build_date ${raw} is later than created_at ${image.createdAt}`,
    });
  }
  if ((built || registered) > now) {
    findings.push({ level: "error", message: "image_build_date (or created_at) lies in the future" });
  }
  return findings;
};

/** The rule of each `scs-0102-prop-<key>` testcase, by `<key>`. */
export const PROPERTY_RULES: Readonly<Record<string, PropertyRule>> = {
  architecture: oneOf("architecture", ARCHITECTURES),
  hash_algo: oneOf("os_hash_algo", HASH_ALGORITHMS),
  min_disk: minDisk,
  min_ram: minRam,
  os_version: nonEmpty("os_version"),
  os_distro: nonEmpty("os_distro"),
  os_purpose: oneOf("os_purpose", OS_PURPOSES),
  hw_disk_bus: oneOfIfPresent("hw_disk_bus", DISK_BUSES),
  hypervisor_type: oneOfIfPresent("hypervisor_type", HYPERVISOR_TYPES),
  hw_rng_model: oneOfIfPresent("hw_rng_model", ["virtio"]),
  image_build_date: imageBuildDate,
  image_original_user: nonEmpty("image_original_user"),
  image_source: imageSource,
  image_description: nonEmpty("image_description"),
  replace_frequency: oneOf("replace_frequency", REPLACE_FREQUENCIES),
  provided_until: nonEmpty("provided_until"),
  uuid_validity: uuidValidity,
  hotfix_hours: hotfixHours,
};
