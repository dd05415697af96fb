/**
 * An image manager spec: the scs-0104 image list (`name`, `name_scheme`, `source`, `status`) with,
 * per image, where its data comes from (`url` or `file`, optional `checksum`), Glance fields and
 * the scs-0102 metadata under `properties`:
 *
 *   images:
 *     - name: Debian 12
 *       source: https://cloud.debian.org/images/cloud/bookworm/
 *       status: mandatory
 *       url: https://cloud.debian.org/images/cloud/bookworm/20261130-1234/debian-12-genericcloud-amd64-20261130-1234.qcow2
 *       checksum: sha512:3a5f…
 *       min_disk: 8
 *       min_ram: 512
 *       properties: { os_distro: debian, os_version: "12", architecture: x86_64, image_build_date: "2026-11-30",
 *                     replace_frequency: monthly, provided_until: none, uuid_validity: last-3, … }
 *
 * `image_source` defaults to `url`. Every problem is returned with its line. Pure.
 */
import { isScalar } from "yaml";
import type { Parsed } from "../../standards/scope/index.ts";
import { type Yaml, YamlReader } from "../../standards/scope/yaml-reader.ts";

export interface DesiredImage {
  readonly name: string;
  /** Prefixes image_source must start with (scs-0104); empty: any. */
  readonly sources: readonly string[];
  readonly url?: string;
  /** An absolute path, or relative to the spec file's folder. */
  readonly file?: string;
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly hex: string };
  readonly diskFormat: string;
  readonly containerFormat: string;
  readonly minDisk: number;
  readonly minRam: number;
  readonly visibility: "public" | "community" | "shared" | "private";
  /** scs-0102 metadata and any other properties, as Glance stores them (strings). */
  readonly properties: Readonly<Record<string, string>>;
}

export const CHECKSUM_ALGORITHMS = ["md5", "sha256", "sha512"] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];
const HEX_LENGTH: Record<ChecksumAlgorithm, number> = { md5: 32, sha256: 64, sha512: 128 };

const KEYS = [
  "name",
  "name_scheme",
  "source",
  "status",
  "url",
  "file",
  "checksum",
  "disk_format",
  "container_format",
  "min_disk",
  "min_ram",
  "visibility",
  "properties",
];
const VISIBILITIES = ["public", "community", "shared", "private"];
/** What the build of an image is recognised by: another value means another build. */
export const BUILD_KEYS = ["image_build_date", "image_source"] as const;

export function parseImageManagerSpec(text: string): Parsed<DesiredImage[]> {
  const r = new YamlReader(text);
  if (!r.ok) return { ok: false, issues: r.sorted() };
  const top = r.mapping(r.root, "", "the image spec", { allowed: ["images"], required: ["images"] });
  const items = top ? (r.sequence(top.get("images")?.value, "images", "images") ?? []) : [];
  const out: DesiredImage[] = [];
  const seen = new Set<string>();
  items.forEach((node, i) => {
    const image = readImage(r, node, `images[${i}]`);
    if (!image) return;
    if (seen.has(image.name)) r.report(node, `images[${i}]`, `${image.name} is listed twice`);
    seen.add(image.name);
    out.push(image);
  });
  if (!r.ok) return { ok: false, issues: r.sorted() };
  return { ok: true, value: out };
}

function readImage(r: YamlReader, node: Yaml, path: string): DesiredImage | undefined {
  const e = r.mapping(node, path, "an image", { allowed: KEYS, required: ["name"] });
  if (!e) return undefined;
  const before = r.issues.length;
  const name = r.optionalText(e, "name", path, "name");
  if (name !== undefined && (name.trim() === "" || name !== name.trim())) {
    r.report(
      e.get("name")!.value,
      `${path}.name`,
      "must be a non-empty name without leading or trailing blanks",
    );
  }
  const sources = textList(r, e.get("source")?.value, `${path}.source`);
  const url = r.optionalText(e, "url", path, "url");
  if (url !== undefined && !/^(https?):\/\/[^/]/.test(url)) {
    r.report(e.get("url")!.value, `${path}.url`, "must be an http:// or https:// URL");
  }
  const file = r.optionalText(e, "file", path, "file");
  if (url !== undefined && file !== undefined)
    r.report(e.get("file")!.key, path, "give url or file, not both");
  const checksumText = r.optionalText(e, "checksum", path, "checksum");
  let checksum: DesiredImage["checksum"];
  if (checksumText !== undefined) {
    const m = /^(md5|sha256|sha512):([0-9a-fA-F]+)$/.exec(checksumText);
    if (!m || m[2]!.length !== HEX_LENGTH[m[1] as ChecksumAlgorithm]) {
      r.report(e.get("checksum")!.value, `${path}.checksum`, "must be md5:HEX, sha256:HEX or sha512:HEX");
    } else checksum = { algorithm: m[1] as ChecksumAlgorithm, hex: m[2]!.toLowerCase() };
  }
  const minDisk = count(r, e.get("min_disk")?.value, `${path}.min_disk`);
  const minRam = count(r, e.get("min_ram")?.value, `${path}.min_ram`);
  const visibility = r.optionalText(e, "visibility", path, "visibility") ?? "public";
  if (!VISIBILITIES.includes(visibility)) {
    r.report(e.get("visibility")!.value, `${path}.visibility`, `must be one of ${VISIBILITIES.join(", ")}`);
  }
  const properties = stringMap(r, e.get("properties")?.value, `${path}.properties`) ?? {};
  if (url !== undefined && properties["image_source"] === undefined) properties["image_source"] = url;
  const source = properties["image_source"];
  if (source !== undefined && sources.length > 0 && !sources.some((p) => source.startsWith(p))) {
    r.report(
      e.get("properties")?.value ?? e.get("url")?.value ?? node,
      path,
      `image_source ${source} does not start with ${sources.join(" or ")} (scs-0104)`,
    );
  }
  if (r.issues.length > before || name === undefined) return undefined;
  return {
    name,
    sources,
    ...(url === undefined ? {} : { url }),
    ...(file === undefined ? {} : { file }),
    ...(checksum === undefined ? {} : { checksum }),
    diskFormat: r.optionalText(e, "disk_format", path, "disk_format") ?? "qcow2",
    containerFormat: r.optionalText(e, "container_format", path, "container_format") ?? "bare",
    minDisk: minDisk ?? 0,
    minRam: minRam ?? 0,
    visibility: visibility as DesiredImage["visibility"],
    properties,
  };
}

function textList(r: YamlReader, node: Yaml, path: string): string[] {
  if (node === undefined) return [];
  if (isScalar(node)) {
    const one = r.text(node, path, "source");
    return one === undefined ? [] : [one];
  }
  return (r.sequence(node, path, "source") ?? []).flatMap((n, i) => {
    const t = r.text(n, `${path}[${i}]`, "a source prefix");
    return t === undefined ? [] : [t];
  });
}

function count(r: YamlReader, node: Yaml, path: string): number | undefined {
  if (node === undefined) return undefined;
  if (
    isScalar(node) &&
    typeof node.value === "number" &&
    Number.isSafeInteger(node.value) &&
    node.value >= 0
  ) {
    return node.value;
  }
  r.report(node, path, "must be a whole number ≥ 0");
  return undefined;
}

function stringMap(r: YamlReader, node: Yaml, path: string): Record<string, string> | undefined {
  if (node === undefined) return undefined;
  const entries = r.mapping(node, path, "properties");
  if (!entries) return undefined;
  const out: Record<string, string> = {};
  for (const [key, { value }] of entries) {
    // Glance stores properties as strings: a YAML date or number is written as its text.
    if (isScalar(value) && value.value !== null && typeof value.value !== "object")
      out[key] = String(value.value);
    else r.report(value, `${path}.${key}`, "must be a string");
  }
  return out;
}
