import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDefaultSecurityGroupRule, parseFlavor, parseImage } from "../openstack/index.ts";
import type { Snapshot } from "../snapshot/index.ts";
import { referenceVisible, toDefaultRules, toFlavor, toImage } from "./convert.ts";
import { snapshotFacts } from "./snapshot.ts";

const GLANCE_IMAGE = {
  id: "8a1c",
  name: "Ubuntu 24.04",
  status: "active",
  visibility: "public",
  os_hidden: false,
  protected: false,
  owner: "p-admin",
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:01Z",
  size: 16384,
  virtual_size: null,
  min_disk: 8,
  min_ram: 512,
  disk_format: "raw",
  container_format: "bare",
  os_hash_algo: "sha512",
  os_hash_value: "abc",
  checksum: "def",
  tags: [],
  architecture: "x86_64",
  image_source: "https://cloud-images.ubuntu.com/releases/noble/x.img",
  hw_rng_model: null,
  self: "/v2/images/8a1c",
  file: "/v2/images/8a1c/file",
  schema: "/v2/schemas/image",
};

describe("facts from the OpenStack client's records", () => {
  it("reads a Glance image as the rules see it (os_hash_algo among the properties, null = absent)", () => {
    const image = toImage(parseImage(GLANCE_IMAGE));
    assert.deepEqual(image, {
      id: "8a1c",
      name: "Ubuntu 24.04",
      visibility: "public",
      hidden: false,
      createdAt: "2026-11-01T10:00:00Z",
      size: 16384,
      minDisk: 8,
      minRam: 512,
      properties: {
        architecture: "x86_64",
        image_source: "https://cloud-images.ubuntu.com/releases/noble/x.img",
        os_hash_algo: "sha512",
      },
    });
    assert.equal(toImage(parseImage({ ...GLANCE_IMAGE, size: null, name: null })).size, null);
  });

  it("sees community images of other projects as the reference does: not at all", () => {
    const community = parseImage({ ...GLANCE_IMAGE, visibility: "community" });
    assert.equal(referenceVisible(community, "p-member"), false);
    assert.equal(referenceVisible(community, "p-admin"), true);
    assert.equal(referenceVisible(parseImage(GLANCE_IMAGE), "p-member"), true);
    assert.equal(referenceVisible(parseImage({ ...GLANCE_IMAGE, visibility: "shared" }), "p-admin"), false);
  });

  it("keeps flavor fields and extra_specs", () => {
    const flavor = toFlavor(
      parseFlavor({
        id: "f",
        name: "SCS-1V-4",
        vcpus: 1,
        ram: 4096,
        disk: 0,
        extra_specs: { "scs:cpu-type": "shared-core" },
      }),
    );
    assert.deepEqual(flavor, {
      id: "f",
      name: "SCS-1V-4",
      vcpus: 1,
      ram: 4096,
      disk: 0,
      extraSpecs: { "scs:cpu-type": "shared-core" },
    });
  });

  it("maps default rules and a missing API", () => {
    assert.equal(toDefaultRules(null).kind, "unsupported");
    const rule = parseDefaultSecurityGroupRule({
      id: "r",
      direction: "ingress",
      ethertype: "IPv4",
      remote_group_id: "PARENT",
      remote_ip_prefix: null,
      used_in_default_sg: true,
      used_in_non_default_sg: false,
    });
    assert.deepEqual(toDefaultRules([rule]), {
      kind: "listed",
      rules: [
        {
          direction: "ingress",
          ethertype: "IPv4",
          remoteGroupId: "PARENT",
          remoteIpPrefix: null,
          usedInDefaultSg: true,
          usedInNonDefaultSg: false,
        },
      ],
    });
  });
});

function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    format: "scs-cloud-snapshot",
    version: 1,
    takenAt: "2026-11-20T12:00:00.000Z",
    tool: "scs-compliance 0.1.0",
    cloud: { name: "lab-member", region: "RegionOne", interface: "public" },
    identity: {
      user: { id: "u", name: "lab-member", domainId: "default" },
      project: { id: "p-member", name: "lab-project", domainId: "default" },
      roles: ["member", "reader"],
    },
    catalog: [{ id: "c", type: "compute", name: "nova", endpoints: [] }],
    flavors: { ok: true, value: [] },
    images: {
      ok: true,
      value: [parseImage(GLANCE_IMAGE), parseImage({ ...GLANCE_IMAGE, id: "c", visibility: "community" })],
    },
    volumeTypes: { ok: false, error: "GET .../types failed with HTTP 503" },
    securityGroups: { ok: true, value: [] },
    defaultSecurityGroupRules: { ok: true, value: null },
    networks: { ok: true, value: [] },
    s3Probe: { ok: true, value: { kind: "no-object-store" } },
    keyManager: { present: false },
    stats: { requests: 7, wallMs: 100 },
    ...overrides,
  } as Snapshot;
}

describe("facts from a snapshot", () => {
  it("serves the recorded facts, judged at the time the snapshot was taken", async () => {
    const facts = snapshotFacts(snapshot(), { source: "lab.json" });
    assert.equal(facts.origin, "snapshot lab.json");
    assert.equal(facts.now.toISOString(), "2026-11-20T12:00:00.000Z");
    assert.equal(facts.cloud, undefined);
    assert.deepEqual(await facts.get("roles"), ["member", "reader"]);
    assert.deepEqual(
      (await facts.get("images")).map((i) => i.id),
      ["8a1c"],
    );
    assert.deepEqual(await facts.get("defaultSecurityGroupRules"), {
      kind: "unsupported",
      reason: "default-security-group-rules not found",
    });
    assert.deepEqual(await facts.get("s3Probe"), { kind: "no-object-store" });
  });

  it("turns a fact that failed when the snapshot was taken into the reason of an ABORT", async () => {
    await assert.rejects(snapshotFacts(snapshot()).get("volumeTypes"), {
      message:
        "could not read volumeTypes: volumeTypes could not be read when the snapshot was taken: GET .../types failed with HTTP 503",
    });
  });

  it("serves the S3 probe made when the snapshot was taken", async () => {
    const probe = {
      kind: "rejected",
      endpoint: "https://swift.example",
      message: "InvalidAccessKeyId",
    } as const;
    const withSwift = snapshot({ s3Probe: { ok: true, value: probe } });
    assert.deepEqual(await snapshotFacts(withSwift).get("s3Probe"), probe);
  });
});
