/** Fixtures shared by the scope tests (not shipped: tests only). */
import { readFileSync } from "node:fs";
import { parseScope } from "../../../src/standards/scope/parse.ts";
import type { Scope } from "../../../src/standards/scope/types.ts";

const root = new URL("../../../", import.meta.url);

export function repoText(path: string): string {
  return readFileSync(new URL(path, root), "utf8");
}

export function scopeOf(text: string): Scope {
  const parsed = parseScope(text);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.line}: ${i.message}`).join("\n"));
  return parsed.value;
}

/** A small scope exercising sections, lifetimes, a manual script and two scripts. */
export const SMALL_SCOPE = `
uuid: 11111111-2222-3333-4444-555555555555
name: Small scope
url: https://example.org/small.yaml
variables:
  - os_cloud
  - mode: fast
scripts:
- executable: ./a.py
  args: -c {os_cloud} --mode {mode} {testcases}
  env:
    LANG: C
  testcases:
  - id: a-1
    description: first
    url: https://example.org/a-1
    section: light
    lifetime: day
  - id: a-2
    section: heavy
  - id: a-3
- executable: file://./b.py
  testcases:
  - id: b-1
    lifetime: year
- testcases:
  - id: manual-1
modules:
  - id: m-a
    targets:
      main: [a-2, a-1]
      preview: [a-3]
  - id: m-b
    name: module b
    targets:
      main: [b-1]
  - id: m-manual
    targets:
      preview: [manual-1]
  - id: m-empty
    targets: {}
timeline:
  - date: 2025-01-01
    versions:
      v2: draft
      v1: effective
  - date: 2024-01-01
    versions:
      v1: effective
  - date: 2025-01-01
    versions:
      v1: deprecated
versions:
  - version: v2
    include: [m-a, m-b, m-manual, m-empty]
  - version: v1
    stabilized_at: 2023-12-01
    include:
      - ref: m-a
        parameters:
          p: 1
`;
