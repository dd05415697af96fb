import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IAAS_TESTCASES } from "./registry.ts";
import { errors, facts, image, runTestcase } from "./testing.ts";

describe("scs-0104 standard images", () => {
  it("declares the scope's ids and the reference's extra ones", () => {
    const ids = [...IAAS_TESTCASES.keys()].filter((id) => id.startsWith("scs-0104-")).sort();
    assert.deepEqual(ids, [
      "scs-0104-image-capi-1",
      "scs-0104-image-capi-2",
      "scs-0104-image-debian-10",
      "scs-0104-image-debian-12",
      "scs-0104-image-debian-13",
      "scs-0104-image-ubuntu-2004",
      "scs-0104-image-ubuntu-2204",
      "scs-0104-image-ubuntu-2404",
      "scs-0104-source-capi-1",
      "scs-0104-source-capi-2",
      "scs-0104-source-debian-10",
      "scs-0104-source-debian-11",
      "scs-0104-source-debian-12",
      "scs-0104-source-debian-13",
      "scs-0104-source-ubuntu-2004",
      "scs-0104-source-ubuntu-2204",
      "scs-0104-source-ubuntu-2404",
    ]);
  });

  it("image-X passes iff a matching image exists", async () => {
    const on = facts({ images: [image("Ubuntu 24.04"), image("ubuntu-capi-image v1.30.2 extra")] });
    assert.equal((await runTestcase("scs-0104-image-ubuntu-2404", on)).verdict, "PASS");
    assert.equal((await runTestcase("scs-0104-image-capi-1", on)).verdict, "PASS");
    const missing = await runTestcase("scs-0104-image-capi-2", on);
    assert.equal(missing.verdict, "FAIL");
    assert.deepEqual(errors(missing), ["Missing image 'ubuntu-capi-image'"]);
    assert.deepEqual(errors(await runTestcase("scs-0104-image-debian-12", on)), [
      "Missing image 'Debian 12'",
    ]);
  });

  it("source-X checks every matching image and passes when none matches", async () => {
    const on = facts({
      images: [
        image("ubuntu-capi-image-v1.30.2", {
          image_source: "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/x",
        }),
        image("ubuntu-capi-image-v1.31.0", { image_source: "https://example.com/capi" }),
        image("Debian 12", { image_source: "https://cloud.debian.org/images/cloud/bookworm/latest/x.qcow2" }),
        image("Ubuntu 24.04"),
      ],
    });
    assert.equal((await runTestcase("scs-0104-source-debian-12", on)).verdict, "PASS");
    assert.equal((await runTestcase("scs-0104-source-debian-13", on)).verdict, "PASS");
    const capi = await runTestcase("scs-0104-source-capi-2", on);
    assert.equal(capi.verdict, "FAIL");
    assert.equal(errors(capi).length, 1);
    assert.match(
      errors(capi)[0]!,
      /^image "ubuntu-capi-image-v1.31.0": image_source "https:\/\/example.com\/capi" does not start with/,
    );
    const ubuntu = await runTestcase("scs-0104-source-ubuntu-2404", on);
    assert.equal(ubuntu.verdict, "FAIL");
    assert.match(errors(ubuntu)[0]!, /^image "Ubuntu 24.04": image_source missing/);
  });

  it("judges the last image of a duplicated name", async () => {
    const on = facts({
      images: [
        image("Debian 12"),
        image("Debian 12", { image_source: "https://cdimage.debian.org/cdimage/cloud/bookworm/x" }),
      ],
    });
    assert.equal((await runTestcase("scs-0104-source-debian-12", on)).verdict, "PASS");
  });
});
