/** Naive local wall-clock time as stored timestamps use it: `2026-11-21T05:27:07.783701`. */
export function naiveLocal(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return (
    `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}` +
    `T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds(), 3)}000`
  );
}

/** Inverse of naiveLocal (microseconds beyond milliseconds are dropped). */
export function parseNaive(text: string): Date {
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?/.exec(text);
  if (m === null) throw new Error(`not a timestamp: ${text}`);
  const ms = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
}
