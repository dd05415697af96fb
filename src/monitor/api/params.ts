import { validationError } from "./http-error.ts";

/** A non-negative integer query parameter (422 otherwise). */
export function intParam(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value.trim())) throw validationError("query", name, "value is not a valid integer");
  return Number(value.trim());
}

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off"]);

/** A boolean query parameter accepting 1/0/true/false/yes/no/on/off (422 otherwise). */
export function boolParam(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw validationError("query", name, "value could not be parsed to a boolean");
}
