import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ImageMetadata } from "./image.ts";
import { PROPERTY_RULES, UndecidableImage } from "./properties.ts";

const NOW = Date.parse("2025-06-01T00:00:00Z") / 1000;

function image(fields: Partial<ImageMetadata> = {}, properties: Record<string, string> = {}): ImageMetadata {
  return {
    name: "Ubuntu 24.04",
    visibility: "public",
    hidden: false,
    createdAt: "2025-01-02T00:00:00Z",
    size: 2 ** 30,
    minDisk: 8,
    minRam: 512,
    properties,
    ...fields,
  };
}

/** [rule, image, error messages expected ([] = not an offender)] */
type Row = [string, ImageMetadata, string[]];

const rows: Row[] = [
  ["architecture", image({}, { architecture: "x86_64" }), []],
  ["architecture", image({}, { architecture: "aarch64" }), []],
  ["architecture", image({}, { architecture: "risc-v" }), []],
  [
    "architecture",
    image({}, { architecture: "amd64" }),
    ['architecture "amd64" is not one of x86_64, aarch64, risc-v'],
  ],
  ["architecture", image(), ["architecture missing"]],
  ["hash_algo", image({}, { os_hash_algo: "sha512" }), []],
  ["hash_algo", image({}, { os_hash_algo: "md5" }), ['os_hash_algo "md5" is not one of sha256, sha512']],
  ["hash_algo", image(), ["os_hash_algo missing"]],
  ["min_disk", image(), []],
  ["min_disk", image({ minDisk: 0 }), ["min_disk missing or 0"]],
  ["min_disk", image({ minDisk: null }), ["min_disk missing or 0"]],
  [
    "min_disk",
    image({ minDisk: 1, size: 2 ** 30 + 1 }),
    ["min_disk 1 GiB is less than the image size of 1073741825 bytes"],
  ],
  ["min_disk", image({ minDisk: 1, size: 2 ** 30 }), []],
  ["min_ram", image({ minRam: 0 }), ["min_ram missing or 0"]],
  ["min_ram", image({ minRam: null }), ["min_ram missing or 0"]],
  ["min_ram", image({ minRam: 32 }), []],
  ["os_version", image({}, { os_version: "24.04" }), []],
  ["os_version", image({}, { os_version: "" }), ["os_version missing"]],
  ["os_distro", image(), ["os_distro missing"]],
  ["os_purpose", image({}, { os_purpose: "k8snode" }), []],
  [
    "os_purpose",
    image({}, { os_purpose: "Generic" }),
    ['os_purpose "Generic" is not one of generic, oldgeneric, minimal, k8snode, gpu, network, custom'],
  ],
  ["os_purpose", image(), ["os_purpose missing"]],
  ["hw_disk_bus", image(), []],
  ["hw_disk_bus", image({}, { hw_disk_bus: "scsi" }), []],
  ["hw_disk_bus", image({}, { hw_disk_bus: "" }), ['hw_disk_bus "" is not one of virtio, scsi']],
  ["hw_disk_bus", image({}, { hw_disk_bus: "ide" }), ['hw_disk_bus "ide" is not one of virtio, scsi']],
  ["hypervisor_type", image(), []],
  ["hypervisor_type", image({}, { hypervisor_type: "hyper-v" }), []],
  [
    "hypervisor_type",
    image({}, { hypervisor_type: "vmware" }),
    ['hypervisor_type "vmware" is not one of qemu, kvm, xen, hyper-v, esxi'],
  ],
  ["hw_rng_model", image({}, { hw_rng_model: "virtio" }), []],
  ["hw_rng_model", image({}, { hw_rng_model: "random" }), ['hw_rng_model "random" is not one of virtio']],
  ["image_original_user", image({}, { image_original_user: "ubuntu" }), []],
  ["image_original_user", image({}, { image_original_user: "" }), ["image_original_user missing"]],
  ["image_source", image({}, { image_source: "private" }), []],
  ["image_source", image({}, { image_source: "https://cloud-images.ubuntu.com/noble/" }), []],
  ["image_source", image({}, { image_source: "ftps://x/y" }), []],
  [
    "image_source",
    image({}, { image_source: "HTTPS://x/y" }),
    ['image_source "HTTPS://x/y" is neither a URL nor "private"'],
  ],
  [
    "image_source",
    image({}, { image_source: "s3://bucket/x" }),
    ['image_source "s3://bucket/x" is neither a URL nor "private"'],
  ],
  [
    "image_source",
    image({}, { image_source: "Private" }),
    ['image_source "Private" is neither a URL nor "private"'],
  ],
  ["image_source", image(), ["image_source missing"]],
  ["image_description", image(), ["image_description missing"]],
  ["replace_frequency", image({}, { replace_frequency: "critical_bug" }), []],
  [
    "replace_frequency",
    image({}, { replace_frequency: "" }),
    ['replace_frequency "" is not one of never, critical_bug, yearly, quarterly, monthly, weekly, daily'],
  ],
  ["replace_frequency", image(), ["replace_frequency missing"]],
  ["provided_until", image({}, { provided_until: "whenever" }), []],
  ["provided_until", image(), ["provided_until missing"]],
  ["uuid_validity", image(), []],
  ["uuid_validity", image({}, { uuid_validity: "last-3" }), []],
  ["uuid_validity", image({}, { uuid_validity: "forever" }), []],
  ["uuid_validity", image({}, { uuid_validity: "2026-01-01" }), []],
  [
    "uuid_validity",
    image({}, { uuid_validity: "last-" }),
    ['uuid_validity "last-" is not none, notice, forever, last-N or a date'],
  ],
  [
    "uuid_validity",
    image({}, { uuid_validity: "" }),
    ['uuid_validity "" is not none, notice, forever, last-N or a date'],
  ],
  [
    "uuid_validity",
    image({}, { uuid_validity: "1970-01-01" }),
    ['uuid_validity "1970-01-01" is not none, notice, forever, last-N or a date'],
  ],
  ["hotfix_hours", image(), []],
  ["hotfix_hours", image({}, { hotfix_hours: "" }), []],
  ["hotfix_hours", image({}, { hotfix_hours: "48" }), []],
  ["hotfix_hours", image({}, { hotfix_hours: "-1" }), ['hotfix_hours "-1" is not a number']],
  ["image_build_date", image({}, { image_build_date: "2025-01-01" }), []],
  ["image_build_date", image(), ["image_build_date missing"]],
  [
    "image_build_date",
    image({}, { image_build_date: "yesterday" }),
    ['image_build_date "yesterday" is not a date'],
  ],
  [
    "image_build_date",
    image({}, { image_build_date: "2025-01-03" }),
    ["image_build_date 2025-01-03 is later than created_at 2025-01-02T00:00:00Z"],
  ],
  [
    "image_build_date",
    image({ createdAt: "2026-01-02T00:00:00Z" }, { image_build_date: "2026-01-01" }),
    ["image_build_date (or created_at) lies in the future"],
  ],
  [
    "image_build_date",
    image({ createdAt: "2026-01-02T00:00:00Z" }),
    ["image_build_date missing", "image_build_date (or created_at) lies in the future"],
  ],
];

describe("scs-0102 property rules", () => {
  for (const [key, img, expected] of rows) {
    it(`${key}: ${JSON.stringify(img.properties)} ${expected.length ? "offends" : "passes"}`, () => {
      const errors = PROPERTY_RULES[key]!(img, NOW)
        .filter((f) => f.level === "error")
        .map((f) => f.message);
      assert.deepEqual(errors, expected);
    });
  }

  it("min_ram below 64 MiB only warns", () => {
    assert.deepEqual(PROPERTY_RULES["min_ram"]!(image({ minRam: 32 }), NOW), [
      { level: "warning", message: "min_ram 32 MiB is very small" },
    ]);
  });

  it("min_disk with unknown size is undecidable (ABORT)", () => {
    assert.throws(() => PROPERTY_RULES["min_disk"]!(image({ size: null }), NOW), UndecidableImage);
  });

  it("has a rule for every scs-0102-prop testcase of the scope", () => {
    assert.equal(Object.keys(PROPERTY_RULES).length, 18);
  });
});
