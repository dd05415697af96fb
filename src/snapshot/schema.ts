/**
 * A small structural check of snapshot files: the first mismatch as `path: what is wrong`.
 * Pure. Extra keys are allowed (a newer writer may add fields within the same version).
 */

export type Shape =
  | "string"
  | "number"
  | "boolean"
  | { readonly nullable: Shape }
  | { readonly array: Shape }
  | { readonly object: Readonly<Record<string, Shape>> }
  | { readonly record: Shape }
  | { readonly literal: string | number }
  | { readonly fact: Shape };

export function checkShape(value: unknown, shape: Shape, path: string): string | null {
  if (typeof shape === "string") {
    return typeof value === shape ? null : `${path} must be a ${shape}, not ${describe(value)}`;
  }
  if ("nullable" in shape) return value === null ? null : checkShape(value, shape.nullable, path);
  if ("literal" in shape) {
    return value === shape.literal
      ? null
      : `${path} must be ${JSON.stringify(shape.literal)}, not ${describe(value)}`;
  }
  if ("array" in shape) {
    if (!Array.isArray(value)) return `${path} must be a list, not ${describe(value)}`;
    for (let i = 0; i < value.length; i++) {
      const issue = checkShape(value[i], shape.array, `${path}[${i}]`);
      if (issue) return issue;
    }
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${path} must be a mapping, not ${describe(value)}`;
  }
  const o = value as Record<string, unknown>;
  if ("record" in shape) {
    for (const [k, v] of Object.entries(o)) {
      const issue = checkShape(v, shape.record, `${path}.${k}`);
      if (issue) return issue;
    }
    return null;
  }
  if ("fact" in shape) {
    if (o["ok"] === true) return checkShape(o["value"], shape.fact, `${path}.value`);
    if (o["ok"] === false) return checkShape(o["error"], "string", `${path}.error`);
    return `${path}.ok must be true or false`;
  }
  for (const [k, s] of Object.entries(shape.object)) {
    if (!(k in o)) return `${path}.${k} is missing`;
    const issue = checkShape(o[k], s, `${path}.${k}`);
    if (issue) return issue;
  }
  return null;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "a mapping" : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}
