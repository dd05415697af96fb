import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ImageMetadata } from "./image.ts";
import { UndecidableImage } from "./properties.ts";
import { classifyRecency, recencyFindings, replacementName } from "./recency.ts";

const NOW = Date.parse("2025-06-01T00:00:00Z") / 1000;

function image(
  name: string,
  properties: Record<string, string>,
  fields: Partial<ImageMetadata> = {},
): ImageMetadata {
  return {
    name,
    visibility: "public",
    hidden: false,
    createdAt: "2025-05-20T00:00:00Z",
    size: 1,
    minDisk: 1,
    minRam: 1,
    properties,
    ...fields,
  };
}
const stale = { image_build_date: "2024-01-01", replace_frequency: "monthly", provided_until: "2026-01-01" };

describe("classifyRecency", () => {
  const rows: [string, ImageMetadata, string][] = [
    ["fresh monthly", image("A", { ...stale, image_build_date: "2025-05-15" }), "fine"],
    ["never replaced", image("A", { ...stale, replace_frequency: "never" }), "fine"],
    ["critical_bug", image("A", { ...stale, replace_frequency: "critical_bug" }), "fine"],
    ["no frequency = never", image("A", { image_build_date: "2000-01-01" }), "fine"],
    ["unknown frequency", image("A", { ...stale, replace_frequency: "" }), "fine"],
    ["provided_until none", image("A", { ...stale, provided_until: "none" }), "fine"],
    ["provided_until notice", image("A", { ...stale, provided_until: "notice" }), "fine"],
    ["provided_until in the past", image("A", { ...stale, provided_until: "2025-01-01" }), "fine"],
    ["provided_until not a date", image("A", { ...stale, provided_until: "soon" }), "invalid"],
    ["hidden", image("Ubuntu 22.04", stale, { hidden: true }), "marked"],
    ["no space in name", image("ubuntu", stale), "unmarked"],
    ["named old", image("Ubuntu 22.04 old", stale), "marked"],
    ["named prev", image("Ubuntu 22.04 prev", stale), "marked"],
    ["dated", image("Ubuntu 22.04 20240101", stale), "marked"],
    ["dated with dashes", image("Ubuntu 22.04 2024-01-01", stale), "marked"],
    ["plain name", image("Ubuntu 22.04", stale), "unmarked"],
    // created_at is used when image_build_date is missing or invalid
    ["created_at fresh", image("A", { ...stale, image_build_date: "bad" }), "fine"],
    [
      "created_at stale",
      image("A B", { ...stale, image_build_date: "bad" }, { createdAt: "2024-01-01T00:00:00Z" }),
      "unmarked",
    ],
  ];
  for (const [what, img, expected] of rows) {
    it(`${what} → ${expected}`, () => assert.equal(classifyRecency(img, NOW), expected));
  }

  it("weekly allows 1.1 × 7 × 25 hours", () => {
    const built = NOW - Math.floor(1.1 * 7 * 25 * 3600);
    const date = new Date(built * 1000).toISOString().replace(/\.000Z$/, "Z");
    const weekly = { replace_frequency: "weekly", provided_until: "2030-01-01", image_build_date: date };
    assert.equal(classifyRecency(image("A", weekly), NOW), "fine");
    assert.equal(classifyRecency(image("A", weekly), NOW + 1), "unmarked");
  });

  it("an outdated image without provided_until is undecidable (ABORT)", () => {
    const { provided_until: _, ...rest } = stale;
    assert.throws(() => classifyRecency(image("A", rest), NOW), UndecidableImage);
  });
});

describe("replacementName", () => {
  it("drops the last word and trailing blanks", () => {
    assert.equal(replacementName("Ubuntu 22.04 old"), "Ubuntu 22.04");
    assert.equal(replacementName("Ubuntu 22.04  20240101"), "Ubuntu 22.04");
    assert.equal(replacementName("ubuntu"), "ubuntu");
  });
});

describe("recencyFindings", () => {
  const fresh = { ...stale, image_build_date: "2025-05-15" };
  it("passes a marked image with a fresh replacement", () => {
    const findings = recencyFindings([image("Ubuntu 22.04 old", stale), image("Ubuntu 22.04", fresh)], NOW);
    assert.deepEqual(findings, []);
  });
  it("warns about an unmarked outdated image and fails it without replacement", () => {
    const findings = recencyFindings([image("Ubuntu 22.04", stale)], NOW);
    assert.deepEqual(
      findings.map((f) => [f.level, f.image, f.message.split(" (")[0]]),
      [
        ["warning", "Ubuntu 22.04", "seems outdated"],
        ["error", "Ubuntu 22.04", "outdated without replacement"],
      ],
    );
  });
  it("fails when the replacement is itself outdated", () => {
    const findings = recencyFindings(
      [image("Debian 12 old", stale), image("Debian 12", stale, { hidden: true })],
      NOW,
    );
    assert.equal(findings.filter((f) => f.level === "error").length, 2);
  });
  it("fails an invalid provided_until", () => {
    const findings = recencyFindings([image("A", { ...stale, provided_until: "later" })], NOW);
    assert.deepEqual(findings, [
      { level: "error", image: "A", message: "outdated and provided_until is not a date" },
    ]);
  });
  it("warns about duplicate names and uses the last image of a name as replacement", () => {
    const images = [
      image("Debian 12 old", stale),
      image("Debian 12", fresh),
      image("Debian 12", stale, { hidden: true }),
    ];
    const findings = recencyFindings(images, NOW);
    assert.ok(findings.some((f) => f.level === "warning" && f.message === "duplicate image name"));
    assert.ok(findings.some((f) => f.level === "error" && f.image === "Debian 12 old"));
  });
});
