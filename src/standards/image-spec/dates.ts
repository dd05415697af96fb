/**
 * Dates in image metadata, read the way C/Python `strptime` reads them (scs-0102): exactly four
 * year digits, one or two digits for the other fields, times in UTC. A date is a number of seconds
 * since the Unix epoch; 0 means "not a valid date" (so 1970-01-01 is invalid, as in the reference).
 */

// The alternations mirror strptime's field patterns; their order decides ambiguous texts like 202415.
const Y = "([0-9]{4})";
const M = "(1[0-2]|0[1-9]|[1-9])";
const D = "(3[01]|[12][0-9]|0[1-9]|[1-9])";
const H = "(2[0-3]|[01][0-9]|[0-9])";
const MIN = "([0-5][0-9]|[0-9])";
const S = "(6[01]|[0-5][0-9]|[0-9])";

const ISO_Z = new RegExp(`^${Y}-${M}-${D}[Tt]${H}:${MIN}:${S}[Zz]$`);
const LAYOUTS: readonly RegExp[] = [
  ISO_Z,
  new RegExp(`^${Y}-${M}-${D}\\s+${H}:${MIN}:${S}$`),
  new RegExp(`^${Y}-${M}-${D}\\s+${H}:${MIN}$`),
  new RegExp(`^${Y}-${M}-${D}$`),
];
const MARKERS: readonly RegExp[] = [new RegExp(`^${Y}-${M}-${D}$`), new RegExp(`^${Y}${M}${D}$`)];

function toSeconds(match: RegExpExecArray): number {
  const [y, mo, d, h = 0, mi = 0, s = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  if (y === undefined || mo === undefined || d === undefined || y < 1) return 0;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  // A day that does not exist in that month (2024-02-30) rolls over: reject it like strptime does.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return 0;
  return Math.floor(date.getTime() / 1000) + h * 3600 + mi * 60 + s;
}

function firstMatch(layouts: readonly RegExp[], text: string): number {
  for (const layout of layouts) {
    const match = layout.exec(text);
    if (match) return toSeconds(match);
  }
  return 0;
}

/** Seconds since the epoch of a metadata date (four layouts, see the spec's "D"), 0 if invalid. */
export function parseDate(text: string): number {
  return firstMatch(LAYOUTS, text);
}

/** Like {@link parseDate} but only `YYYY-MM-DDTHH:MM:SSZ`, the layout Glance uses for `created_at`. */
export function parseStrictDate(text: string): number {
  return firstMatch([ISO_Z], text);
}

/** A date marker at the end of an image name: `YYYY-MM-DD` or `YYYYMMDD`; 0 if it is none. */
export function parseMarkerDate(text: string): number {
  return firstMatch(MARKERS, text);
}
