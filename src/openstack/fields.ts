/** Reading fields of API answers defensively: a missing or odd field becomes a typed default. */

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

export function str(o: Json, key: string): string {
  const v = o[key];
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

export function strOrNull(o: Json, key: string): string | null {
  const v = o[key];
  return typeof v === "string" ? v : v === undefined || v === null ? null : String(v);
}

export function num(o: Json, key: string): number {
  const v = o[key];
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : 0;
  return Number.isFinite(n) ? n : 0;
}

export function numOrNull(o: Json, key: string): number | null {
  const v = o[key];
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function bool(o: Json, key: string, fallback = false): boolean {
  const v = o[key];
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return v.toLowerCase() === "true";
  return fallback;
}

/** A string map (extra_specs, metadata); non-string values are stringified. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) {
    if (val !== null && val !== undefined) out[k] = typeof val === "string" ? val : JSON.stringify(val);
  }
  return out;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
