import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { BUILTIN_IMAGE_SPECS } from "./builtin-specs.ts";
import type { ImageMetadata } from "./image.ts";
import { imageSpecFindings, parseImageSpecFile, specPathFromUrl } from "./spec-file.ts";

const data = (file: string) => readFileSync(new URL(`../../../data/${file}`, import.meta.url), "utf8");

const image = (name: string, source?: string): ImageMetadata => ({
  name,
  visibility: "public",
  hidden: false,
  createdAt: null,
  size: 1,
  minDisk: 1,
  minRam: 1,
  properties: source === undefined ? {} : { image_source: source },
});

describe("image-spec files", () => {
  it("reads both shipped files, agreeing with the built-in specs", () => {
    for (const file of ["scs-0104-v1-images.yaml", "scs-0104-v1-images-v5.yaml"]) {
      const parsed = parseImageSpecFile(data(file));
      assert.ok(parsed.ok, file);
      for (const spec of parsed.images) {
        const builtin = Object.values(BUILTIN_IMAGE_SPECS).find(
          (b) => b.name === spec.name && ("nameScheme" in b ? b.nameScheme : undefined) === spec.nameScheme,
        );
        assert.ok(builtin, `${file}: ${spec.name}`);
        assert.deepEqual(spec.sources, builtin.sources);
      }
    }
    const v5 = parseImageSpecFile(data("scs-0104-v1-images-v5.yaml"));
    assert.ok(v5.ok);
    assert.deepEqual(
      v5.images.map((i) => [i.name, i.status]),
      [
        ["Ubuntu 24.04", "mandatory"],
        ["Debian 12", "recommended"],
        ["ubuntu-capi-image", "recommended"],
        ["Ubuntu 22.04", "optional"],
        ["Ubuntu 20.04", "optional"],
        ["Debian 11", "optional"],
        ["Debian 10", "optional"],
      ],
    );
  });

  it("reports every mistake with its place", () => {
    const parsed = parseImageSpecFile(
      "images:\n- name: ''\n  source: []\n- name: x\n  source: http://a/\n  status: required\n  name_scheme: '('\n- 3\n",
    );
    assert.deepEqual(parsed, {
      ok: false,
      issues: [
        { path: "images[0].name", message: "must be a non-empty text" },
        { path: "images[0].source", message: "must be a prefix or a non-empty list of prefixes" },
        {
          path: "images[1].name_scheme",
          message: "is no regular expression: Invalid regular expression: /(/: Unterminated group",
        },
        { path: "images[1].status", message: "must be mandatory or recommended (or absent: optional)" },
        { path: "images[2]", message: "must be a mapping" },
      ],
    });
    assert.deepEqual(parseImageSpecFile("flavors: []"), {
      ok: false,
      issues: [{ path: "images", message: "must be a list of images" }],
    });
    assert.equal(parseImageSpecFile("images: [").ok, false);
  });

  it("maps the repository URLs of a spec to its path", () => {
    assert.equal(
      specPathFromUrl(
        "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/iaas/scs-0104-v1-images-v5.yaml",
      ),
      "iaas/scs-0104-v1-images-v5.yaml",
    );
    assert.equal(
      specPathFromUrl("https://github.com/SovereignCloudStack/standards/blob/main/Tests/iaas/x.yaml"),
      "iaas/x.yaml",
    );
    assert.equal(specPathFromUrl("local/x.yaml"), "local/x.yaml");
  });

  it("reports missing mandatory (error) and recommended (warning) images and wrong sources", () => {
    const parsed = parseImageSpecFile(data("scs-0104-v1-images-v5.yaml"));
    assert.ok(parsed.ok);
    const findings = imageSpecFindings(parsed.images, [
      image("ubuntu-capi-image-v1.30.1", "https://example.com/x"),
      image("Debian 11"),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.level, f.message.split(":")[0]]),
      [
        ["error", "Missing mandatory image 'Ubuntu 24.04'"],
        ["warning", "Missing recommended image 'Debian 12'"],
        ["error", 'image "ubuntu-capi-image-v1.30.1"'],
        ["error", 'image "Debian 11"'],
      ],
    );
  });
});
