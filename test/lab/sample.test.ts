/**
 * The lab's sample description (scripts/lab/sample.yaml) and its scale generator, without a
 * cloud: the standard flavors are exactly those of scs-0103, every deliberate defect is repaired
 * in the fixed variant and nothing else changes, and bad sample files fail with a located message.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { generatedFlavors, generatedImages } from "../../scripts/lab/src/generate.ts";
import { parseOptions } from "../../scripts/lab/src/populate.ts";
import {
  desiredState,
  type FlavorSpec,
  loadSample,
  parseSample,
  resolveDate,
  sampleNames,
} from "../../scripts/lab/src/sample.ts";
import { ScsError } from "../../src/errors.ts";

const sample = loadSample();
const broken = desiredState(sample, "sample");
const fixed = desiredState(sample, "fixed");

interface SpecFlavor {
  name: string;
  cpus: number;
  ram: number;
  disk?: number;
  [key: string]: unknown;
}
const specFile = fileURLToPath(new URL("../../data/SCS-Spec.MandatoryFlavors.verbose.yaml", import.meta.url));
const spec = parse(readFileSync(specFile, "utf8")) as { mandatory: SpecFlavor[]; recommended: SpecFlavor[] };
const standard = [...spec.mandatory, ...spec.recommended];

function asStandard(f: FlavorSpec | undefined) {
  if (!f) return undefined;
  const scs = Object.fromEntries(Object.entries(f.extraSpecs).filter(([k]) => k.startsWith("scs:")));
  return { name: f.name, cpus: f.vcpus, ram: f.ram, disk: f.disk, ...scs };
}
function fromSpec(s: SpecFlavor) {
  const { name, cpus, ram, disk, ...rest } = s;
  return { name, cpus, ram, disk: disk ?? 0, ...rest };
}

describe("lab sample", () => {
  it("has objects of every kind in both variants", () => {
    assert.deepEqual([broken.flavors.length, broken.images.length, broken.volumeTypes.length], [39, 12, 4]);
    assert.deepEqual([fixed.flavors.length, fixed.images.length, fixed.volumeTypes.length], [39, 12, 4]);
  });

  it("holds every scs-0103 standard flavor exactly as specified in the fixed variant", () => {
    for (const s of standard) {
      const f = fixed.flavors.find((x) => x.name === s.name);
      assert.deepEqual(asStandard(f), fromSpec(s), s.name);
    }
  });

  it("deviates from scs-0103 in exactly the two flavors marked BROKEN in the sample variant", () => {
    const deviating = standard
      .filter((s) => {
        const f = broken.flavors.find((x) => x.name === s.name);
        return JSON.stringify(asStandard(f)) !== JSON.stringify(fromSpec(s));
      })
      .map((s) => s.name);
    assert.deepEqual(deviating.sort(), ["SCS-16V-32", "SCS-2V-4-20s"]);
  });

  it("changes between the variants exactly the entries whose why says BROKEN", () => {
    for (const kind of ["flavors", "images", "volumeTypes"] as const) {
      for (const e of sample[kind]) {
        const differs = JSON.stringify(e.sample) !== JSON.stringify(e.fixed);
        assert.equal(differs, e.why.startsWith("BROKEN"), `${kind}: ${e.sample?.name ?? e.fixed?.name}`);
      }
    }
  });

  it("says for every object which SCS testcases it exercises", () => {
    for (const kind of ["flavors", "images", "volumeTypes"] as const) {
      for (const e of sample[kind]) {
        assert.ok(e.exercises.length > 0);
        for (const id of e.exercises) assert.match(id, /^scs-01\d\d-[a-z0-9_.-]+$/, id);
      }
    }
  });

  it("knows every name of both variants as its own", () => {
    const names = sampleNames(sample);
    assert.ok(names.flavors.has("SCS-2X-8") && names.flavors.has("SCS-16V-32"));
    assert.ok(names.images.has("Rocky 9") && names.images.has("Debian 13"));
    assert.equal(names.volumeTypes.size, 4);
  });
});

describe("sample file errors", () => {
  const bad = (text: string) => assert.throws(() => parseSample(text, "s.yaml"), ScsError);
  const message = (text: string) => {
    try {
      parseSample(text, "s.yaml");
    } catch (err) {
      return (err as Error).message;
    }
    return assert.fail("no error");
  };
  const minimal = "images: []\nvolume_types: []\n";

  it("names the entry and field that is wrong", () => {
    assert.equal(
      message(`flavors:\n  - { name: a, vcpus: -1, ram: 1, why: w, exercises: [scs-0100-x] }\n${minimal}`),
      "s.yaml: flavors[0] (a).vcpus must be an integer ≥ 0",
    );
    assert.match(
      message(`flavors:\n  - { name: a, vcpus: 1, ram: 1, colour: red, why: w, exercises: [x] }\n${minimal}`),
      /flavors\[0\] \(a\)\.colour is not a known field/,
    );
  });

  it("refuses duplicate names, unknown variants, empty exercises and bad relative dates", () => {
    const f = "{ name: a, vcpus: 1, ram: 1, why: w, exercises: [x] }";
    bad(`flavors:\n  - ${f}\n  - ${f}\n${minimal}`);
    bad(`flavors:\n  - { name: a, vcpus: 1, ram: 1, only: both, why: w, exercises: [x] }\n${minimal}`);
    bad(`flavors:\n  - { name: a, vcpus: 1, ram: 1, why: w, exercises: [] }\n${minimal}`);
    bad(
      "flavors: []\nvolume_types: []\nimages:\n  - { name: i, why: w, exercises: [x], properties: { d: '@yesterday' } }\n",
    );
    bad("flavors: {}\nimages: []\nvolume_types: []\n");
    bad("flavors: [\n");
  });

  it("refuses fields in `fixed` that the kind does not have", () => {
    bad(`flavors:\n  - { name: a, vcpus: 1, ram: 1, why: w, exercises: [x], fixed: { why: v } }\n${minimal}`);
  });

  it("resolves relative dates against a base day", () => {
    const base = new Date("2026-03-01T05:00:00Z");
    assert.equal(resolveDate("@today-1d", base), "2026-02-28");
    assert.equal(resolveDate("@today-0d", base), "2026-03-01");
    assert.equal(resolveDate("2024-01-01", base), "2024-01-01");
  });
});

describe("scale generator", () => {
  const taken = sampleNames(sample).flavors;

  it("yields distinct flavors that avoid the sample's names and are the same at every scale", () => {
    const many = generatedFlavors(3000, taken);
    assert.equal(many.length, 3000);
    assert.equal(new Set(many.map((f) => f.name)).size, 3000);
    assert.ok(many.every((f) => !taken.has(f.name)));
    assert.deepEqual(generatedFlavors(100, taken), many.slice(0, 100));
    assert.ok(many.some((f) => f.name.startsWith("lab-custom-")));
  });

  it("gives generated SCS flavors exactly what their names promise", () => {
    for (const f of generatedFlavors(500, taken).filter((x) => x.name.startsWith("SCS-"))) {
      const m = /^SCS-(\d+)([LVTC])-(\d+)(?:-(\d+)([nhsp]?))?$/.exec(f.name);
      assert.ok(m, f.name);
      assert.equal(f.vcpus, Number(m[1]));
      assert.equal(f.ram, Number(m[3]) * 1024);
      assert.equal(f.disk, m[4] ? Number(m[4]) : 0);
      assert.equal(f.extraSpecs["scs:name-v2"], f.name);
      assert.equal(f.extraSpecs["scs:name-v1"], `SCS-${f.name.slice(4).replaceAll("-", ":")}`);
      assert.equal("scs:disk0-type" in f.extraSpecs, m[4] !== undefined);
    }
  });

  it("yields compliant, uniquely named images that are never os_purpose generic", () => {
    const images = generatedImages(1000);
    assert.equal(new Set(images.map((i) => i.name)).size, 1000);
    assert.ok(images.every((i) => i.properties["os_purpose"] === "custom" && i.visibility === "public"));
    assert.ok(images.every((i) => i.minDisk > 0 && i.minRam > 0 && i.properties["image_source"]));
  });
});

describe("populate options", () => {
  it("defaults to the small sample variant", () => {
    const o = parseOptions([]);
    assert.notEqual(o, "help");
    if (o === "help") return;
    assert.deepEqual(
      [o.variant, o.flavors, o.images, o.reset, o.prune, o.cloud],
      ["sample", undefined, undefined, false, false, "lab-admin"],
    );
  });

  it("reads the scale, the variant and help", () => {
    const o = parseOptions(["--fixed", "--flavors", "2000", "--images", "1000", "--reset"]);
    assert.ok(o !== "help" && o.variant === "fixed" && o.flavors === 2000 && o.images === 1000 && o.reset);
    assert.equal(parseOptions(["-h"]), "help");
  });

  it("refuses bad numbers and unknown options with a one-line usage error", () => {
    for (const argv of [["--flavors", "many"], ["--images", "-3"], ["--concurrency", "0"], ["--colour"]]) {
      assert.throws(
        () => parseOptions(argv),
        (err: Error) => err instanceof ScsError && err.exitCode === 2 && !err.message.includes("\n"),
        argv.join(" "),
      );
    }
  });
});
