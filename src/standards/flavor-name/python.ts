/**
 * Python's text forms of values, because the reference's error messages and prose embed them:
 * `repr` of str, int, float, None and tuples, and `str` of float. Pure, no dependencies.
 */

/** A value as the reference holds it: int (bigint), float (number), str, None (null). */
export type PyValue = bigint | number | string | null;

/** Python's `repr(float)` (equal to `str(float)`): shortest round-trip digits, `.0` on integrals. */
export function reprFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // Fast path for the common case (RAM sizes): integral or short decimals, plain notation.
  if (x >= 1e-4 && x < 1e15 && Number.isInteger(x * 8)) return Number.isInteger(x) ? `${x}.0` : String(x);
  const sign = x < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest digits that round-trip, as Python does.
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const decpt = Number(exponent) + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const exp = decpt - 1;
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

// Python's str.isprintable(): everything but the categories Other (C*) and Separator (Z*), except ' '.
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

function escapeChar(ch: string, quote: string): string {
  switch (ch) {
    case "\\":
      return "\\\\";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
  }
  if (ch === quote) return `\\${quote}`;
  if (ch !== " " && NON_PRINTABLE.test(ch)) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, "0")}`;
    if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, "0")}`;
    return `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  return ch;
}

const PLAIN_STR = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/** Python's `repr(str)`. */
export function reprStr(s: string): string {
  if (PLAIN_STR.test(s)) return `'${s}'`; // fast path: printable ASCII without ' or \
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) out += escapeChar(ch, quote);
  return out + quote;
}

/** Python's `repr` of an int, float, str or None. */
export function repr(v: PyValue): string {
  if (v === null) return "None";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return reprFloat(v);
  return reprStr(v);
}

/** Python's `repr(tuple)`. */
export function reprTuple(values: readonly PyValue[]): string {
  if (values.length === 1) return `(${repr(values[0]!)},)`;
  return `(${values.map(repr).join(", ")})`;
}
