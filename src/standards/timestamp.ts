/**
 * The one home of report timestamps. Reports, the monitor's database and its pages carry naive local
 * wall-clock times with microseconds (`2026-11-21 05:27:07.783701`, stored with a `T`), as the
 * reference's tools write them. Fixed width, so stored timestamps compare correctly as text.
 */

/** A timestamp's fields, as written (no time zone). */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
}

const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * The fields of `YYYY-MM-DD HH:MM:SS[.ffffff]` (or with `T`) when it names a real moment: a real
 * calendar day, hour < 24, minute and second < 60. Anything else (`2026-13-45 25:61:61`) is undefined.
 */
export function parseTimestamp(text: string): WallTime | undefined {
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const realDay =
    probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  if (!realDay || year < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const microsecond = Number((m[7] ?? "").padEnd(6, "0"));
  return { year, month, day, hour, minute, second, microsecond };
}

/** The stored form `YYYY-MM-DDTHH:MM:SS.ffffff` (or with a space, as reports write it). */
export function formatWallTime(t: WallTime, separator: "T" | " " = "T"): string {
  return (
    `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}${separator}` +
    `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${pad(t.microsecond, 6)}`
  );
}

/** A timestamp in its stored form, or undefined when it is not a real one (see parseTimestamp). */
export function normaliseTimestamp(text: string): string | undefined {
  const t = parseTimestamp(text.trim());
  return t === undefined ? undefined : formatWallTime(t);
}

/** The local wall-clock time of a moment; `epochMs` may carry fractions of a millisecond. */
export function localWallTime(epochMs: number): WallTime {
  const whole = Math.floor(epochMs);
  const d = new Date(whole);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    microsecond: Math.floor(epochMs * 1000) % 1_000_000,
  };
}

/** A moment as a stored timestamp in local time: `2026-11-21T05:27:07.783000`. */
export function localTimestamp(moment: Date): string {
  return formatWallTime(localWallTime(moment.getTime()));
}

function fieldsOf(text: string): WallTime {
  const t = parseTimestamp(text);
  if (t === undefined) throw new RangeError(`not a timestamp: ${text.slice(0, 40)}`);
  return t;
}

/** The moment a stored timestamp names, read as local time (the inverse of localTimestamp). */
export function localMoment(text: string): Date {
  const t = fieldsOf(text);
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, Math.floor(t.microsecond / 1000));
}

/**
 * The timestamp as a Date whose UTC fields hold its wall-clock values: day arithmetic (lifetimes,
 * history days) without daylight-saving jumps.
 */
export function wallClockDate(text: string): Date {
  const t = fieldsOf(text);
  return new Date(
    Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, Math.floor(t.microsecond / 1000)),
  );
}
