/**
 * Every line the monitor logs goes through logLine: one line (a newline from data cannot forge a log
 * entry) of at most MAX_LOG_LINE bytes (a report with 100,000 odd testcases once made 1.3 MB lines).
 */
export const MAX_LOG_LINE = 1024;

export function logLine(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const flat = line.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === "\n" ? "\\n" : " "));
  if (Buffer.byteLength(flat) <= MAX_LOG_LINE) return flat;
  const tail = ` … (${Buffer.byteLength(flat)} bytes, cut)`;
  let cut = Buffer.from(flat)
    .subarray(0, MAX_LOG_LINE - Buffer.byteLength(tail))
    .toString("utf8");
  // A multi-byte character split at the cut decodes to U+FFFD: drop it.
  cut = cut.replace(/\uFFFD+$/, "");
  return `${cut}${tail}`;
}
