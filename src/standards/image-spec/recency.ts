/**
 * scs-0102 image recency: is an image outdated for its `replace_frequency`, and if so, is it
 * marked (hidden, or named `… old`/`… prev`/`… <date>`) and has it a fresh replacement?
 */
import { parseDate, parseMarkerDate, parseStrictDate } from "./dates.ts";
import { type ImageMetadata, imagesByName, property } from "./image.ts";
import { UndecidableImage } from "./properties.ts";

const HOUR = 3600;
const DAY = 24 * HOUR;
/** Replacement periods in seconds; weekly and daily get an hour per day of slack. */
export const REPLACE_PERIODS: Readonly<Record<string, number>> = {
  yearly: 365 * DAY,
  quarterly: 92 * DAY,
  monthly: 31 * DAY,
  weekly: 7 * 25 * HOUR,
  daily: 25 * HOUR,
};

/**
 * `fine`; `marked` (outdated but hidden or renamed); `unmarked` (outdated, still looks current);
 * `invalid` (outdated and `provided_until` is no date).
 */
export type Recency = "fine" | "marked" | "unmarked" | "invalid";

const MARK_WORDS = new Set(["old", "prev"]);

/** Classifies one image at `now` (seconds). Throws {@link UndecidableImage} where the reference raises. */
export function classifyRecency(image: ImageMetadata, now: number): Recency {
  const buildDate = property(image, "image_build_date");
  const built =
    (buildDate === undefined ? 0 : parseDate(buildDate)) ||
    (image.createdAt === null ? 0 : parseStrictDate(image.createdAt));
  const frequency = property(image, "replace_frequency") ?? "never";
  const period = REPLACE_PERIODS[frequency];
  // never, critical_bug and unknown values (reported by scs-0102-prop-replace_frequency) are fine here.
  if (period === undefined) return "fine";
  if (now <= built + 1.1 * period) return "fine";
  const providedUntil = property(image, "provided_until");
  if (providedUntil === undefined) {
    throw new UndecidableImage(`image ${JSON.stringify(image.name)}: outdated and provided_until missing`);
  }
  if (providedUntil === "none" || providedUntil === "notice") return "fine";
  const until = parseDate(providedUntil);
  if (until === 0) return "invalid";
  if (now > until) return "fine";
  if (image.hidden) return "marked";
  if (!image.name.includes(" ")) return "unmarked";
  const last = image.name.slice(image.name.lastIndexOf(" ") + 1);
  return MARK_WORDS.has(last) || parseMarkerDate(last) !== 0 ? "marked" : "unmarked";
}

/** The name of the image that should replace a marked one: the name without its last word. */
export function replacementName(name: string): string {
  const at = name.lastIndexOf(" ");
  return at < 0 ? name : name.slice(0, at).trimEnd();
}

export interface RecencyFinding {
  readonly level: "error" | "warning";
  readonly image: string;
  readonly message: string;
}

/** Every finding of the recency rule over the public images; the testcase passes iff none is an error. */
export function recencyFindings(images: readonly ImageMetadata[], now: number): RecencyFinding[] {
  const findings: RecencyFinding[] = [];
  const byName = imagesByName(images);
  const seen = new Set<string>();
  for (const image of images) {
    if (seen.has(image.name)) {
      findings.push({ level: "warning", image: image.name, message: "duplicate image name" });
    }
    seen.add(image.name);
  }
  const classes = new Map<ImageMetadata, Recency>();
  const classOf = (image: ImageMetadata): Recency => {
    let recency = classes.get(image);
    if (recency === undefined) {
      recency = classifyRecency(image, now);
      classes.set(image, recency);
    }
    return recency;
  };
  for (const image of images) {
    const recency = classOf(image);
    if (recency === "fine") continue;
    if (recency === "invalid") {
      findings.push({
        level: "error",
        image: image.name,
        message: "outdated and provided_until is not a date",
      });
      continue;
    }
    if (recency === "unmarked") {
      findings.push({
        level: "warning",
        image: image.name,
        message: "seems outdated (replace_frequency exceeded) but is not hidden or otherwise marked",
      });
    }
    const replacement = byName.get(replacementName(image.name));
    if (replacement === undefined || classOf(replacement) !== "fine") {
      findings.push({ level: "error", image: image.name, message: "outdated without replacement" });
    }
  }
  return findings;
}
