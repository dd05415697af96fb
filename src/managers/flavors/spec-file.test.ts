import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { standardFlavors } from "./desired.ts";
import { parseFlavorSpec } from "./spec-file.ts";

const VERBOSE = new URL("../../../data/SCS-Spec.MandatoryFlavors.verbose.yaml", import.meta.url);

function issues(text: string): string[] {
  const r = parseFlavorSpec(text);
  assert.equal(r.ok, false, "should not parse");
  return r.ok ? [] : r.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`);
}

describe("parseFlavorSpec", () => {
  it("reads names and entries with id, visibility, description and extra_specs", () => {
    const r = parseFlavorSpec(
      [
        "flavors:",
        "  - SCS-2V-4",
        "  - name: SCS-4V-16-100s",
        '    id: "4-16-100s"',
        "    public: false",
        "    description: big",
        "    extra_specs: { hw:cpu_policy: shared, hw:mem_encryption: true }",
      ].join("\n"),
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.value.map((f) => [f.name, f.id, f.isPublic, f.description]),
      [
        ["SCS-2V-4", undefined, true, undefined],
        ["SCS-4V-16-100s", "4-16-100s", false, "big"],
      ],
    );
    assert.equal(r.value[1]?.extraSpecs["hw:cpu_policy"], "shared");
    assert.equal(r.value[1]?.extraSpecs["hw:mem_encryption"], "True");
  });

  it("reads the scs-0103 verbose YAML to exactly the standard flavors", () => {
    const r = parseFlavorSpec(readFileSync(VERBOSE, "utf8"));
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value, standardFlavors({ recommended: true }));
  });

  it("names the line of every mistake", () => {
    assert.match(
      issues("flavors:\n  - SCS-2V-4\n  - SCS-2X-8\n")[0]!,
      /^3: flavors\[1\]: SCS-2X-8 is no valid SCS flavor name: \S/,
    );
    assert.match(
      issues("flavors:\n  - SCS-2V-4\n  - SCS-2V-4\n")[0]!,
      /^3: flavors\[1\]: SCS-2V-4 is listed twice$/,
    );
    assert.match(
      issues("mandatory:\n  - name: SCS-2V-4\n    cpus: 2\n    ram: 4000\n")[0]!,
      /^4: mandatory\[0\]\.ram: ram is 4000, but SCS-2V-4 means 4096$/,
    );
    assert.match(
      issues("flavors:\n  - name: SCS-2V-4\n    colour: red\n")[0]!,
      /^3: flavors\[0\]: a flavor uses unknown keys: colour/,
    );
    assert.match(
      issues("flavors:\n  - name: SCS-2V-4\n    public: yes please\n")[0]!,
      /^3: flavors\[0\]\.public: must be true or false$/,
    );
    assert.match(issues("flavor:\n  - SCS-2V-4\n")[0]!, /unknown keywords: flavor/);
    assert.match(issues("flavors: [SCS-2V-4\n")[0]!, /^\d+: : /);
    assert.match(issues("")[0]!, /must be a mapping|no `flavors:` list/);
  });
});
