import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CatalogEntry } from "../facts/model.ts";
import { errors, facts, flavor, image, runTestcase } from "./testing.ts";

const entry = (type: string): CatalogEntry => ({ type, endpoints: [] });

describe("scs-0123 services", () => {
  const catalog = ["compute", "identity", "image", "network", "volumev3"].map(entry);
  const rows: [string, "PASS" | "FAIL"][] = [
    ["scs-0123-service-compute", "PASS"],
    ["scs-0123-service-identity", "PASS"],
    ["scs-0123-service-image", "PASS"],
    ["scs-0123-service-network", "PASS"],
    ["scs-0123-storage-apis", "PASS"],
    ["scs-0123-service-load-balancer", "FAIL"],
    ["scs-0123-service-placement", "FAIL"],
    ["scs-0123-service-s3", "FAIL"],
  ];
  for (const [id, verdict] of rows) {
    it(`${id} → ${verdict}`, async () =>
      assert.equal((await runTestcase(id, facts({ catalog }))).verdict, verdict));
  }
  it("names the missing types", async () => {
    const outcome = await runTestcase("scs-0123-storage-apis", facts({ catalog: [entry("compute")] }));
    assert.deepEqual(errors(outcome), ["No service of type(s) volume, volumev3, block-storage found."]);
  });
  it("aborts without a catalog", async () => {
    const outcome = await runTestcase(
      "scs-0123-service-compute",
      facts({}, { failing: { catalog: new Error("401") } }),
    );
    assert.equal(outcome.verdict, "ABORT");
  });
});

describe("scs-0123-swift-s3", () => {
  const rows: [Parameters<typeof facts>[0]["s3Probe"], "PASS" | "FAIL" | "ABORT"][] = [
    [{ kind: "no-object-store" }, "PASS"],
    [{ kind: "rejected", endpoint: "https://s3.example", message: "InvalidAccessKeyId" }, "PASS"],
    [{ kind: "failed", endpoint: "https://s3.example", message: "connection refused" }, "FAIL"],
    [{ kind: "accepted", endpoint: "https://s3.example" }, "ABORT"],
  ];
  for (const [s3Probe, verdict] of rows) {
    it(`${s3Probe?.kind} → ${verdict}`, async () => {
      assert.equal((await runTestcase("scs-0123-swift-s3", facts({ s3Probe }))).verdict, verdict);
    });
  }
});

describe("scs-0116-presence", () => {
  it("passes with a key-manager and fails without", async () => {
    assert.equal(
      (await runTestcase("scs-0116-presence", facts({ catalog: [entry("key-manager")] }))).verdict,
      "PASS",
    );
    assert.equal(
      (await runTestcase("scs-0116-presence", facts({ catalog: [entry("compute")] }))).verdict,
      "FAIL",
    );
  });
});

describe("scs-0114 volume types", () => {
  const type = (name: string, description: string | null) => ({ id: name, name, description });
  it("syntax-check fails each wrong list with the type's name", async () => {
    const volumeTypes = [
      type("ok", "[scs:encrypted, replicated] LUKS"),
      type("unsorted", "[scs:replicated,encrypted]"),
      type("dup", "[scs:encrypted,encrypted]"),
      type("odd", "[scs:Encrypted]"),
      type("none", "LUKS [scs:encrypted]"),
      type("empty", "[scs:]"),
      type("null", null),
    ];
    const outcome = await runTestcase("scs-0114-syntax-check", facts({ volumeTypes }));
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), [
      'volume type "unsorted": feature list not sorted',
      'volume type "dup": duplicate features: encrypted',
      'volume type "odd": unrecognized features: Encrypted',
    ]);
    assert.equal((await runTestcase("scs-0114-encrypted-type", facts({ volumeTypes }))).verdict, "PASS");
  });
  it("an unsorted list still counts for its aspects", async () => {
    const on = facts({ volumeTypes: [type("x", "[scs:replicated,encrypted]")] });
    assert.equal((await runTestcase("scs-0114-replicated-type", on)).verdict, "PASS");
    assert.equal((await runTestcase("scs-0114-encrypted-type", on)).verdict, "PASS");
  });
  it("aspect testcases fail when no type lists the aspect, and with no types", async () => {
    const on = facts({ volumeTypes: [type("x", "LUKS [scs:encrypted]")] });
    assert.equal((await runTestcase("scs-0114-encrypted-type", on)).verdict, "FAIL");
    assert.equal((await runTestcase("scs-0114-replicated-type", facts({ volumeTypes: [] }))).verdict, "FAIL");
    assert.equal((await runTestcase("scs-0114-syntax-check", facts({ volumeTypes: [] }))).verdict, "PASS");
  });
});

describe("scs-0101 property testcases", () => {
  it("flavor-property wants hw_rng:allowed true on every flavor", async () => {
    const ok = flavor("a", 1, 1, 0, { "hw_rng:allowed": "True" });
    assert.equal((await runTestcase("scs-0101-flavor-property", facts({ flavors: [ok] }))).verdict, "PASS");
    const outcome = await runTestcase(
      "scs-0101-flavor-property",
      facts({ flavors: [ok, flavor("b", 1, 1)] }),
    );
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), ['flavor "b": hw_rng:allowed is missing, should be True']);
  });
  it("image-property wants hw_rng_model virtio on every image", async () => {
    const outcome = await runTestcase(
      "scs-0101-image-property",
      facts({ images: [image("a", { hw_rng_model: "virtio" }), image("b")] }),
    );
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), ['image "b": hw_rng_model is missing, should be virtio']);
  });
});
