import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IAAS_TESTCASES } from "./registry.ts";
import { errors, facts, image, runTestcase } from "./testing.ts";

const stale = { image_build_date: "2024-01-01", replace_frequency: "monthly", provided_until: "2026-01-01" };
const fresh = { ...stale, image_build_date: "2025-05-15" };

describe("scs-0102 property testcases", () => {
  it("declares all 18 property testcases", () => {
    assert.equal([...IAAS_TESTCASES.keys()].filter((id) => id.startsWith("scs-0102-prop-")).length, 18);
  });

  it("pass vacuously without images", async () => {
    for (const id of [...IAAS_TESTCASES.keys()].filter((id) => id.startsWith("scs-0102-"))) {
      assert.equal((await runTestcase(id, facts({ images: [] }))).verdict, "PASS", id);
    }
  });

  it("fail with one log line per offending image", async () => {
    const outcome = await runTestcase(
      "scs-0102-prop-image_source",
      facts({
        images: [
          image("Ubuntu 20.04"),
          image("Debian 12", { image_source: "https://x/y" }),
          image("Own", { image_source: "local" }),
        ],
      }),
    );
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), [
      'image "Ubuntu 20.04": image_source missing',
      'image "Own": image_source "local" is neither a URL nor "private"',
    ]);
  });

  it("min_ram below 64 MiB warns but passes", async () => {
    const outcome = await runTestcase(
      "scs-0102-prop-min_ram",
      facts({ images: [image("tiny", {}, { minRam: 32 })] }),
    );
    assert.equal(outcome.verdict, "PASS");
    assert.deepEqual(outcome.log, [
      { level: "warning", message: 'image "tiny": min_ram 32 MiB is very small' },
    ]);
  });

  it("min_disk aborts on an image without size", async () => {
    const outcome = await runTestcase(
      "scs-0102-prop-min_disk",
      facts({ images: [image("queued", {}, { size: null })] }),
    );
    assert.equal(outcome.verdict, "ABORT");
    assert.deepEqual(errors(outcome), ['image "queued": min_disk set but size unknown']);
  });

  it("image_build_date uses the run's start as now", async () => {
    const built = image("A", { image_build_date: "2025-05-30" }, { createdAt: "2025-05-31T00:00:00Z" });
    assert.equal(
      (await runTestcase("scs-0102-prop-image_build_date", facts({ images: [built] }))).verdict,
      "PASS",
    );
    const early = facts({ images: [built] }, { now: new Date("2025-05-29T12:00:00Z") });
    assert.equal((await runTestcase("scs-0102-prop-image_build_date", early)).verdict, "FAIL");
  });

  it("abort when the images cannot be read", async () => {
    const outcome = await runTestcase(
      "scs-0102-prop-architecture",
      facts({}, { failing: { images: new Error("HTTP 503") } }),
    );
    assert.equal(outcome.verdict, "ABORT");
    assert.deepEqual(errors(outcome), ["could not read images: HTTP 503"]);
  });
});

describe("scs-0102-image-recency", () => {
  it("passes fresh images and marked ones with a fresh replacement", async () => {
    const images = [
      image("Ubuntu 22.04", fresh),
      image("Ubuntu 22.04 old", stale),
      image("Debian 12 20240101", stale),
      image("Debian 12", fresh),
    ];
    assert.equal((await runTestcase("scs-0102-image-recency", facts({ images }))).verdict, "PASS");
  });

  it("fails an outdated image without replacement", async () => {
    const outcome = await runTestcase(
      "scs-0102-image-recency",
      facts({ images: [image("Ubuntu 22.04 old", stale)] }),
    );
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), ['image "Ubuntu 22.04 old": outdated without replacement']);
  });

  it("fails provided_until that is no date", async () => {
    const outcome = await runTestcase(
      "scs-0102-image-recency",
      facts({ images: [image("A", { ...stale, provided_until: "2025-13-01" })] }),
    );
    assert.equal(outcome.verdict, "FAIL");
  });

  it("passes an outdated image whose provided_until is in the past", async () => {
    const outcome = await runTestcase(
      "scs-0102-image-recency",
      facts({ images: [image("A", { ...stale, provided_until: "2025-05-01" })] }),
    );
    assert.equal(outcome.verdict, "PASS");
  });

  it("aborts on an outdated image without provided_until", async () => {
    const { provided_until: _, ...rest } = stale;
    const outcome = await runTestcase("scs-0102-image-recency", facts({ images: [image("A", rest)] }));
    assert.equal(outcome.verdict, "ABORT");
    assert.deepEqual(errors(outcome), ['image "A": outdated and provided_until missing']);
  });
});

describe("scs-0102-os_purpose-uniqueness", () => {
  const generic = (name: string, extra: Record<string, string> = {}, fields = {}) =>
    image(
      name,
      { os_purpose: "generic", os_distro: "ubuntu", os_version: "24.04", architecture: "x86_64", ...extra },
      fields,
    );

  it("fails two generic images of the same distro, version and architecture", async () => {
    const outcome = await runTestcase(
      "scs-0102-os_purpose-uniqueness",
      facts({ images: [generic("Ubuntu 24.04"), generic("Ubuntu 24.04 minimal")] }),
    );
    assert.equal(outcome.verdict, "FAIL");
    assert.deepEqual(errors(outcome), [
      'os_purpose generic for x86_64 ubuntu 24.04 on 2 images: "Ubuntu 24.04", "Ubuntu 24.04 minimal"',
    ]);
  });

  it("ignores hidden, community, other-purpose and incomplete images; groups by architecture", async () => {
    const images = [
      generic("Ubuntu 24.04"),
      generic("hidden", {}, { hidden: true }),
      generic("community", {}, { visibility: "community" }),
      generic("minimal", { os_purpose: "minimal" }),
      generic("no version", { os_version: "" }),
      generic("arm", { architecture: "aarch64" }),
    ];
    assert.equal((await runTestcase("scs-0102-os_purpose-uniqueness", facts({ images }))).verdict, "PASS");
  });
});
