/** Reading values of clouds.yaml entries, with one-line errors that name the cloud. */
import { ScsError } from "../errors.ts";

export type Dict = Record<string, unknown>;

export function isDict(v: unknown): v is Dict {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(d: Dict, key: string, where: string): string | null {
  const v = d[key];
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw new ScsError(`${where}: "${key}" must be a string`);
  return v;
}

export function bool(d: Dict, key: string, where: string): boolean | null {
  const v = d[key];
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (["true", "yes", "1", "on"].includes(s)) return true;
    if (["false", "no", "0", "off"].includes(s)) return false;
  }
  throw new ScsError(`${where}: "${key}" must be true or false`);
}
