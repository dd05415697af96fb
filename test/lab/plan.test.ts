/**
 * populate's planner (scripts/lab/src/plan.ts), without a cloud: what it creates, repairs,
 * replaces and deletes, and what it must leave alone.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ActualFlavor, ActualImage, ActualVolumeType } from "../../scripts/lab/src/cloud.ts";
import {
  GENERATED_MARK,
  type PlanOptions,
  planFlavors,
  planImages,
  planVolumeTypes,
  SAMPLE_MARK,
} from "../../scripts/lab/src/plan.ts";
import type { FlavorSpec, ImageSpec, VolumeTypeSpec } from "../../scripts/lab/src/sample.ts";

const opts = (over: Partial<PlanOptions> = {}): PlanOptions => ({
  reset: false,
  prune: false,
  sampleNames: new Set(["SCS-2V-4", "SCS-2X-8", "Debian 12", "Rocky 9", "fast", "old-type"]),
  ...over,
});
const flavor = (name: string, over: Partial<FlavorSpec> = {}): FlavorSpec => ({
  name,
  vcpus: 2,
  ram: 4096,
  disk: 0,
  isPublic: true,
  extraSpecs: { "scs:cpu-type": "shared-core" },
  ...over,
});
const actualFlavor = (name: string, over: Partial<ActualFlavor> = {}): ActualFlavor => ({
  ...flavor(name),
  id: `id-${name}`,
  description: SAMPLE_MARK,
  ...over,
});
const ops = (actions: { op: string; name: string }[]) => actions.map((a) => `${a.op} ${a.name}`).sort();

describe("planFlavors", () => {
  const want = [{ spec: flavor("SCS-2V-4"), mark: SAMPLE_MARK }];

  it("does nothing when the cloud already matches", () => {
    assert.deepEqual(planFlavors(want, [actualFlavor("SCS-2V-4")], opts()), []);
  });

  it("creates what is missing and deletes owned flavors the variant does not want", () => {
    const actual = [actualFlavor("SCS-2X-8"), actualFlavor("m1.foreign", { description: null })];
    assert.deepEqual(ops(planFlavors(want, actual, opts())), ["create SCS-2V-4", "delete SCS-2X-8"]);
  });

  it("replaces a flavor whose size changed, since Nova flavors are immutable", () => {
    const [a] = planFlavors(want, [actualFlavor("SCS-2V-4", { ram: 8192 })], opts());
    assert.equal(a?.op, "recreate");
  });

  it("sets and removes extra specs and re-marks a flavor it adopts", () => {
    const actual = [
      actualFlavor("SCS-2V-4", { extraSpecs: { "hw_rng:allowed": "true" }, description: null }),
    ];
    assert.deepEqual(planFlavors(want, actual, opts()), [
      {
        op: "update",
        name: "SCS-2V-4",
        id: "id-SCS-2V-4",
        set: { "scs:cpu-type": "shared-core" },
        unset: ["hw_rng:allowed"],
        mark: SAMPLE_MARK,
      },
    ]);
  });

  it("deletes generated flavors beyond the wanted scale, but never foreign ones unless pruning", () => {
    const actual = [
      actualFlavor("SCS-2V-4"),
      actualFlavor("SCS-64V-64", { description: GENERATED_MARK }),
      actualFlavor("someone-elses", { description: "a test's flavor" }),
    ];
    assert.deepEqual(ops(planFlavors(want, actual, opts())), ["delete SCS-64V-64"]);
    assert.deepEqual(ops(planFlavors(want, actual, opts({ prune: true }))), [
      "delete SCS-64V-64",
      "delete someone-elses",
    ]);
  });

  it("on reset deletes everything it owns and creates the sample anew", () => {
    const actual = [actualFlavor("SCS-2V-4"), actualFlavor("other", { description: null })];
    assert.deepEqual(ops(planFlavors(want, actual, opts({ reset: true }))), [
      "create SCS-2V-4",
      "delete SCS-2V-4",
    ]);
  });

  it("removes an owned duplicate of a name (the checks' lookups would be ambiguous)", () => {
    const actual = [actualFlavor("SCS-2V-4"), actualFlavor("SCS-2V-4", { id: "second" })];
    assert.deepEqual(planFlavors(want, actual, opts()), [{ op: "delete", name: "SCS-2V-4", id: "second" }]);
  });
});

describe("planImages", () => {
  const created = "2026-03-10T12:00:00Z";
  const image = (name: string, properties: Record<string, string>): ImageSpec => ({
    name,
    visibility: "public",
    hidden: false,
    minDisk: 4,
    minRam: 512,
    diskFormat: "raw",
    containerFormat: "bare",
    properties,
  });
  const actualImage = (name: string, over: Partial<ActualImage> = {}): ActualImage => ({
    id: `id-${name}`,
    name,
    status: "active",
    visibility: "public",
    hidden: false,
    minDisk: 4,
    minRam: 512,
    diskFormat: "raw",
    containerFormat: "bare",
    createdAt: created,
    tags: ["scs-lab-sample"],
    properties: {},
    ...over,
  });
  const now = new Date("2026-04-01T00:00:00Z");

  it("counts relative build dates from the image's upload, so re-running changes nothing", () => {
    const want = [{ spec: image("Debian 12", { image_build_date: "@today-3d" }), mark: SAMPLE_MARK }];
    const actual = [actualImage("Debian 12", { properties: { image_build_date: "2026-03-07" } })];
    assert.deepEqual(planImages(want, actual, opts(), now), []);
  });

  it("creates with dates counted from now", () => {
    const want = [{ spec: image("Debian 12", { image_build_date: "@today-3d" }), mark: SAMPLE_MARK }];
    const [a] = planImages(want, [], opts(), now);
    assert.ok(a?.op === "create");
    assert.deepEqual(a.properties, { image_build_date: "2026-03-29" });
    assert.equal(a.mark, "scs-lab-sample");
  });

  it("patches properties and core fields, removing properties the variant does not have", () => {
    const want = [{ spec: image("Debian 12", { os_distro: "debian" }), mark: SAMPLE_MARK }];
    const actual = [
      actualImage("Debian 12", {
        minRam: 0,
        properties: { os_distro: "Debian", os_purpose: "generic", os_glance_importing_to_stores: "" },
      }),
    ];
    const [a] = planImages(want, actual, opts(), now);
    assert.ok(a?.op === "update");
    assert.deepEqual(a.patch, [
      { op: "replace", path: "/min_ram", value: 512 },
      { op: "replace", path: "/os_distro", value: "debian" },
      { op: "remove", path: "/os_purpose" },
    ]);
  });

  it("replaces an image that never became active", () => {
    const want = [{ spec: image("Debian 12", {}), mark: SAMPLE_MARK }];
    const [a] = planImages(want, [actualImage("Debian 12", { status: "queued" })], opts(), now);
    assert.equal(a?.op, "recreate");
  });

  it("deletes owned images the variant does not want, by name or by tag", () => {
    const actual = [
      actualImage("Rocky 9", { tags: [] }),
      actualImage("lab-image-00042", { tags: ["scs-lab-generated"] }),
      actualImage("a test's image", { tags: [] }),
    ];
    assert.deepEqual(ops(planImages([], actual, opts(), now)), ["delete Rocky 9", "delete lab-image-00042"]);
  });
});

describe("planVolumeTypes", () => {
  const type = (name: string, description: string): VolumeTypeSpec => ({
    name,
    description,
    isPublic: true,
    extraSpecs: { volume_backend_name: "labfile" },
  });
  const actual = (name: string, description: string): ActualVolumeType => ({
    ...type(name, description),
    id: name,
  });

  it("updates a description and never touches __DEFAULT__, even when pruning", () => {
    const want = [{ spec: type("fast", "[scs:encrypted, replicated] fast"), mark: "" }];
    const plan = planVolumeTypes(
      want,
      [actual("fast", "[scs:replicated, encrypted] fast"), actual("__DEFAULT__", "Default Volume Type")],
      opts({ prune: true }),
    );
    assert.deepEqual(ops(plan), ["update fast"]);
    assert.ok(plan[0]?.op === "update" && plan[0].describe);
  });

  it("deletes the sample's types that the variant does not want", () => {
    assert.deepEqual(ops(planVolumeTypes([], [actual("old-type", "x")], opts())), ["delete old-type"]);
  });
});
