import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MANDATORY_FLAVORS, RECOMMENDED_FLAVORS } from "../../testcases/scs-0103.ts";
import { desiredFlavor, standardFlavors } from "./desired.ts";

describe("desiredFlavor", () => {
  it("derives sizes and every scs: extra_spec from the name, plus hw_rng:allowed", () => {
    const d = desiredFlavor("SCS-2V-4-20s");
    assert.ok(d.ok);
    assert.deepEqual(d.value, {
      name: "SCS-2V-4-20s",
      vcpus: 2,
      ram: 4096,
      disk: 20,
      isPublic: true,
      extraSpecs: {
        "scs:cpu-type": "shared-core",
        "scs:disk0-type": "ssd",
        "scs:name-v1": "SCS-2V:4:20s",
        "scs:name-v2": "SCS-2V-4-20s",
        "hw_rng:allowed": "True",
      },
    });
  });

  it("keeps id, visibility, description and the user's other extra_specs; half GiB RAM is 512 MiB", () => {
    const d = desiredFlavor("SCS-1L-1.5", {
      id: "tiny",
      isPublic: false,
      description: "small",
      extraSpecs: { "hw:cpu_policy": "shared" },
      hwRng: false,
    });
    assert.ok(d.ok);
    assert.equal(d.value.ram, 1536);
    assert.equal(d.value.id, "tiny");
    assert.equal(d.value.isPublic, false);
    assert.equal(d.value.extraSpecs["hw:cpu_policy"], "shared");
    assert.equal(d.value.extraSpecs["hw_rng:allowed"], undefined);
  });

  it("names with extensions get the short names as v3/v4 too", () => {
    const d = desiredFlavor("SCS-2C-8-50p_kvm");
    assert.ok(d.ok);
    assert.equal(d.value.extraSpecs["scs:name-v4"], "SCS-2C-8-50p");
  });

  it("refuses what cannot become a flavor, with a reason", () => {
    const cases: [string, RegExp][] = [
      ["m1.small", /not an SCS flavor name/],
      ["SCS-2X-8", /no valid SCS flavor name/],
      ["SCS-2C-4-", /disk part has no size/],
      ["SCS-4000000000V-8", /too large for Nova/],
    ];
    for (const [name, error] of cases) {
      const d = desiredFlavor(name);
      assert.equal(d.ok, false, name);
      if (!d.ok) assert.match(d.error, error, name);
    }
    const clash = desiredFlavor("SCS-2V-4", { extraSpecs: { "scs:cpu-type": "dedicated-core" } });
    assert.ok(!clash.ok && /the name says shared-core/.test(clash.error));
  });
});

describe("standardFlavors", () => {
  it("is the scs-0103 lists, matching the published verbose spec", () => {
    assert.deepEqual(
      standardFlavors({ recommended: false }).map((f) => f.name),
      [...MANDATORY_FLAVORS],
    );
    const all = standardFlavors({ recommended: true });
    assert.equal(all.length, MANDATORY_FLAVORS.length + RECOMMENDED_FLAVORS.length);
    const big = all.find((f) => f.name === "SCS-16V-128");
    assert.deepEqual([big?.vcpus, big?.ram, big?.disk], [16, 131072, 0]);
    assert.equal(all.find((f) => f.name === "SCS-1V-4-10")?.extraSpecs["scs:disk0-type"], "network");
  });
});
