/**
 * The running lab (scripts/lab/up.sh + scripts/lab/populate): both clouds answer with the roles
 * CONTRIBUTING.md promises, and the populated sample is there, kind by kind, in one of its two
 * variants. Read-only: it never changes the lab that others are testing against.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LabCloud } from "../../scripts/lab/src/cloud.ts";
import { loadCloud } from "../../scripts/lab/src/clouds.ts";
import { Session } from "../../scripts/lab/src/rest.ts";
import { type DesiredState, desiredState, loadSample, type Variant } from "../../scripts/lab/src/sample.ts";
import { ScsError } from "../../src/errors.ts";
import { LAB_WHY, labAvailable } from "../openstack/lab.ts";
import { requirePart } from "../support/require.ts";

const available = await labAvailable();
const sample = loadSample();
const variants: Record<Variant, DesiredState> = {
  sample: desiredState(sample, "sample"),
  fixed: desiredState(sample, "fixed"),
};

/** The variant whose names are all present in `seen`, or undefined. */
function loadedVariant(seen: Set<string>, pick: (d: DesiredState) => string[]): Variant | undefined {
  return (Object.keys(variants) as Variant[]).find((v) => pick(variants[v]).every((n) => seen.has(n)));
}

describe("OpenStack lab", () => {
  it("answers as lab-admin with the admin role and every service in the catalog", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const admin = await Session.login(loadCloud("lab-admin"));
    assert.ok(admin.roles.includes("admin"));
    for (const type of [
      "identity",
      "compute",
      "image",
      "network",
      "placement",
      "volumev3",
      "block-storage",
    ]) {
      assert.match(admin.endpoint(type), /^http:\/\/127\.0\.0\.1:\d+/, type);
    }
  });

  it("answers as lab-member with member and reader, never admin or manager", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const member = await Session.login(loadCloud("lab-member"));
    assert.ok(member.roles.includes("member"), member.roles.join(","));
    assert.ok(!member.roles.includes("admin") && !member.roles.includes("manager"), member.roles.join(","));
    const flavors = await member.request<{ flavors: unknown[] }>(
      "GET",
      `${member.endpoint("compute")}/flavors`,
    );
    assert.ok(Array.isArray(flavors.flavors));
  });

  it("refuses a wrong password with a one-line error that does not contain it", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const wrong = "not-the-lab-password-7f3a";
    const cloud = { ...loadCloud("lab-member"), password: wrong };
    await assert.rejects(Session.login(cloud), (err: Error) => {
      assert.ok(err instanceof ScsError);
      assert.match(err.message, /refused the credentials of lab-member/);
      assert.ok(!err.message.includes(wrong) && !err.message.includes("\n"));
      return true;
    });
  });

  it("holds the populated sample: every flavor, image and volume type of one variant", async (t) => {
    if (!requirePart(t, available, `${LAB_WHY}, populated by scripts/lab/populate`)) return;
    const cloud = new LabCloud(await Session.login(loadCloud("lab-admin")));
    const [flavors, images, types] = await Promise.all([
      cloud.listFlavors(),
      cloud.listImages(),
      cloud.listVolumeTypes(),
    ]);
    const names = (list: { name: string }[]) => new Set(list.map((x) => x.name));

    const fv = loadedVariant(names(flavors), (d) => d.flavors.map((f) => f.name));
    const iv = loadedVariant(names(images), (d) => d.images.map((i) => i.name));
    const tv = loadedVariant(names(types), (d) => d.volumeTypes.map((v) => v.name));
    assert.ok(fv && iv && tv, `sample incomplete (flavors: ${fv}, images: ${iv}, volume types: ${tv})`);

    // counts per kind: the sample's objects of that variant, each present exactly once
    for (const [kind, list, wanted] of [
      ["flavors", flavors, variants[fv].flavors],
      ["images", images, variants[iv].images],
      ["volume types", types, variants[tv].volumeTypes],
    ] as const) {
      const wantedNames = new Set(wanted.map((w) => w.name));
      const present = (list as { name: string }[]).filter((x) => wantedNames.has(x.name));
      assert.equal(present.length, wanted.length, `${kind} of the ${fv} variant`);
    }

    // and they carry what the variant says, e.g. the deliberate defects or their repair
    const f2v420s = flavors.find((f) => f.name === "SCS-2V-4-20s");
    const wantF = variants[fv].flavors.find((f) => f.name === "SCS-2V-4-20s");
    assert.equal(f2v420s?.extraSpecs["scs:disk0-type"], wantF?.extraSpecs["scs:disk0-type"]);
    const cirros = images.find((i) => i.name === "Cirros 0.6.2");
    assert.equal(cirros?.minDisk, variants[iv].images.find((i) => i.name === "Cirros 0.6.2")?.minDisk);
    assert.equal(cirros?.status, "active");
  });
});
