import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_IMAGE_SPECS, hasSpecSource, matchingNames } from "./builtin-specs.ts";

describe("scs-0104 built-in specs", () => {
  const names = [
    "ubuntu-capi-image v1.30.2",
    "ubuntu-capi-image v1.31 foo",
    "ubuntu-capi-image-v1.29.3",
    "my ubuntu-capi-image v1.30",
    "ubuntu-capi-image vX",
    "Ubuntu 24.04",
    "Ubuntu 24.04 old",
  ];
  it("matches a name scheme at the start of the name", () => {
    assert.deepEqual(matchingNames(BUILTIN_IMAGE_SPECS["capi-1"], names), [
      "ubuntu-capi-image v1.30.2",
      "ubuntu-capi-image v1.31 foo",
    ]);
    assert.deepEqual(matchingNames(BUILTIN_IMAGE_SPECS["capi-2"], names), ["ubuntu-capi-image-v1.29.3"]);
  });
  it("matches exact names without a scheme", () => {
    assert.deepEqual(matchingNames(BUILTIN_IMAGE_SPECS["ubuntu-2404"], names), ["Ubuntu 24.04"]);
  });
  it("checks sources as plain, case-sensitive prefixes", () => {
    const spec = BUILTIN_IMAGE_SPECS["debian-12"];
    assert.ok(hasSpecSource(spec, "https://cloud.debian.org/images/cloud/bookworm/latest/x.qcow2"));
    assert.ok(hasSpecSource(spec, "https://cdimage.debian.org/cdimage/cloud/bookworm/"));
    assert.ok(!hasSpecSource(spec, "https://cloud.debian.org/images/cloud/trixie/x"));
    assert.ok(!hasSpecSource(spec, "HTTPS://cloud.debian.org/images/cloud/bookworm/"));
    assert.ok(!hasSpecSource(spec, undefined));
  });
});
