/**
 * The scs-0104 image-spec YAML (`scs-0104-v1-images*.yaml`): a list of images, each with a name,
 * an optional name scheme, the allowed source prefixes and a status. Parsing returns located
 * issues instead of throwing; evaluation reports what the former stand-alone checker reported.
 */
import { parse } from "yaml";
import { hasSpecSource, type ImageSpec, matchingNames } from "./builtin-specs.ts";
import type { ImageMetadata } from "./image.ts";
import { imagesByName, property } from "./image.ts";

export type ImageStatus = "mandatory" | "recommended" | "optional";

export interface ImageSpecEntry extends ImageSpec {
  readonly status: ImageStatus;
}

export interface SpecIssue {
  /** Where, e.g. `images[2].source`. */
  readonly path: string;
  readonly message: string;
}

export type SpecParse =
  | { readonly ok: true; readonly images: readonly ImageSpecEntry[] }
  | { readonly ok: false; readonly issues: readonly SpecIssue[] };

const STATUSES = new Set(["mandatory", "recommended"]);
const RAW_PREFIXES = [
  "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/",
  "https://github.com/SovereignCloudStack/standards/blob/main/Tests/",
];

/** The path below the standards repository's `Tests/` folder for its raw or blob URL; else unchanged. */
export function specPathFromUrl(pathOrUrl: string): string {
  const prefix = RAW_PREFIXES.find((p) => pathOrUrl.startsWith(p));
  return prefix ? pathOrUrl.slice(prefix.length) : pathOrUrl;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function entry(raw: unknown, path: string, issues: SpecIssue[]): ImageSpecEntry | undefined {
  if (!isRecord(raw)) {
    issues.push({ path, message: "must be a mapping" });
    return undefined;
  }
  const { name, name_scheme: scheme, source, status } = raw;
  const before = issues.length;
  if (typeof name !== "string" || name === "")
    issues.push({ path: `${path}.name`, message: "must be a non-empty text" });
  if (scheme !== undefined) {
    if (typeof scheme !== "string") issues.push({ path: `${path}.name_scheme`, message: "must be a text" });
    else {
      try {
        new RegExp(scheme);
      } catch (err) {
        issues.push({
          path: `${path}.name_scheme`,
          message: `is no regular expression: ${(err as Error).message}`,
        });
      }
    }
  }
  const sources = typeof source === "string" ? [source] : source;
  if (
    !Array.isArray(sources) ||
    sources.length === 0 ||
    !sources.every((s) => typeof s === "string" && s !== "")
  ) {
    issues.push({ path: `${path}.source`, message: "must be a prefix or a non-empty list of prefixes" });
  }
  if (status !== undefined && !(typeof status === "string" && STATUSES.has(status))) {
    issues.push({
      path: `${path}.status`,
      message: "must be mandatory or recommended (or absent: optional)",
    });
  }
  if (issues.length > before) return undefined;
  return {
    name: name as string,
    ...(typeof scheme === "string" ? { nameScheme: scheme } : {}),
    sources: sources as string[],
    status: (status as ImageStatus | undefined) ?? "optional",
  };
}

/** Parses the text of an image-spec file. */
export function parseImageSpecFile(text: string): SpecParse {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    return {
      ok: false,
      issues: [{ path: "", message: `not YAML: ${(err as Error).message.split("\n")[0]}` }],
    };
  }
  if (!isRecord(data) || !Array.isArray(data["images"])) {
    return { ok: false, issues: [{ path: "images", message: "must be a list of images" }] };
  }
  const issues: SpecIssue[] = [];
  const images = data["images"].map((raw, i) => entry(raw, `images[${i}]`, issues));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, images: images as ImageSpecEntry[] };
}

export interface SpecFinding {
  readonly level: "error" | "warning";
  readonly message: string;
}

/**
 * What the spec says about the images: a missing mandatory image is an error, a missing
 * recommended one a warning; any present matching image with another source is an error.
 */
export function imageSpecFindings(
  specs: readonly ImageSpecEntry[],
  images: readonly ImageMetadata[],
): SpecFinding[] {
  const byName = imagesByName(images);
  const findings: SpecFinding[] = [];
  for (const spec of specs) {
    const names = matchingNames(spec, byName.keys());
    if (names.length === 0 && spec.status !== "optional") {
      findings.push({
        level: spec.status === "mandatory" ? "error" : "warning",
        message: `Missing ${spec.status} image '${spec.name}'`,
      });
    }
    for (const name of names) {
      const source = property(byName.get(name)!, "image_source");
      if (!hasSpecSource(spec, source)) {
        findings.push({
          level: "error",
          message: `image ${JSON.stringify(name)}: image_source ${source === undefined ? "missing" : JSON.stringify(source)} does not start with ${spec.sources.join(" or ")}`,
        });
      }
    }
  }
  return findings;
}
