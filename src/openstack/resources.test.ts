import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFlavor } from "./compute.ts";
import { parseVersions } from "./discovery.ts";
import { parseImage } from "./image.ts";
import { parseSecret, secretUuid } from "./key-manager.ts";
import { parseDefaultSecurityGroupRule, parseNetwork, parseSecurityGroup } from "./network.ts";
import { parseBackup, parseVolume, parseVolumeType } from "./volume.ts";

describe("resource parsing (API answer → typed value)", () => {
  it("reads a Nova 2.61 flavor, including the swap quirk", () => {
    const f = parseFlavor({
      id: "42",
      name: "SCS-2V-8",
      vcpus: 2,
      ram: 8192,
      disk: 0,
      swap: "",
      "OS-FLV-EXT-DATA:ephemeral": 0,
      "os-flavor-access:is_public": false,
      "OS-FLV-DISABLED:disabled": false,
      description: null,
      extra_specs: { "scs:name-v2": "SCS-2V-8", "hw_rng:allowed": "True" },
    });
    assert.deepEqual(f, {
      id: "42",
      name: "SCS-2V-8",
      vcpus: 2,
      ram: 8192,
      disk: 0,
      ephemeral: 0,
      swap: 0,
      isPublic: false,
      disabled: false,
      description: null,
      extraSpecs: { "scs:name-v2": "SCS-2V-8", "hw_rng:allowed": "True" },
    });
  });

  it("splits a Glance image into its own fields and its properties", () => {
    const i = parseImage({
      id: "i1",
      name: "Debian 12",
      visibility: "public",
      status: "active",
      os_hidden: false,
      protected: false,
      owner: "p",
      created_at: "2024-05-01T10:00:00Z",
      updated_at: "2024-05-01T10:00:01Z",
      size: 65536,
      virtual_size: null,
      min_disk: 1,
      min_ram: 512,
      disk_format: "raw",
      container_format: "bare",
      os_hash_algo: "sha512",
      os_hash_value: "abc",
      checksum: "c",
      tags: ["x"],
      self: "/v2/images/i1",
      file: "/v2/images/i1/file",
      schema: "/v2/schemas/image",
      architecture: "x86_64",
      os_distro: "debian",
      image_source: "https://cloud.debian.org/images/cloud/bookworm/",
      "owner_specified.openstack.md5": "",
    });
    assert.equal(i.osHashAlgo, "sha512");
    assert.equal(i.minRam, 512);
    assert.equal(i.virtualSize, null);
    assert.deepEqual(i.properties, {
      architecture: "x86_64",
      os_distro: "debian",
      image_source: "https://cloud.debian.org/images/cloud/bookworm/",
      "owner_specified.openstack.md5": "",
    });
    assert.equal(parseImage({ id: "x", visibility: "weird" }).visibility, "private");
    assert.equal(parseImage({ id: "x", size: null }).size, null);
  });

  it("reads Cinder volume types, volumes and backups", () => {
    assert.deepEqual(
      parseVolumeType({
        id: "t",
        name: "fast",
        description: "[scs:encrypted] x",
        "os-volume-type-access:is_public": false,
      }),
      {
        id: "t",
        name: "fast",
        description: "[scs:encrypted] x",
        isPublic: false,
        extraSpecs: {},
      },
    );
    assert.equal(
      parseVolume({ id: "v", name: "n", status: "available", size: 1, volume_type: null }).volumeType,
      null,
    );
    assert.equal(parseBackup({ id: "b", volume_id: "v", status: "creating" }).volumeId, "v");
  });

  it("reads Neutron groups, rules, default rules and networks", () => {
    const g = parseSecurityGroup({
      id: "g",
      name: "default",
      tenant_id: "p",
      security_group_rules: [
        {
          id: "r",
          security_group_id: "g",
          direction: "ingress",
          ethertype: "IPv4",
          remote_group_id: "g",
          port_range_min: null,
        },
      ],
    });
    assert.equal(g.projectId, "p");
    assert.equal(g.stateful, true);
    assert.deepEqual(g.rules[0], {
      id: "r",
      securityGroupId: "g",
      direction: "ingress",
      ethertype: "IPv4",
      protocol: null,
      portRangeMin: null,
      portRangeMax: null,
      remoteIpPrefix: null,
      remoteGroupId: "g",
      description: null,
    });
    const d = parseDefaultSecurityGroupRule({
      id: "d",
      direction: "ingress",
      ethertype: "IPv6",
      remote_group_id: "PARENT",
      used_in_default_sg: true,
      used_in_non_default_sg: false,
    });
    assert.equal(d.remoteGroupId, "PARENT");
    assert.equal(d.usedInDefaultSg && !d.usedInNonDefaultSg, true);
    assert.equal(parseNetwork({ id: "n", "router:external": true, subnets: ["s"] }).external, true);
  });

  it("reads Barbican secrets and their uuid", () => {
    assert.equal(secretUuid("http://b:9311/v1/secrets/0f1e-22/"), "0f1e-22");
    assert.deepEqual(
      parseSecret({
        secret_ref: "http://b/v1/secrets/u1",
        name: null,
        status: "ACTIVE",
        secret_type: "opaque",
      }),
      {
        secretRef: "http://b/v1/secrets/u1",
        uuid: "u1",
        name: null,
        status: "ACTIVE",
        secretType: "opaque",
      },
    );
  });

  it("reads version documents in their two shapes", () => {
    assert.deepEqual(
      parseVersions({ versions: [{ id: "v2.1", status: "CURRENT", version: "2.90", min_version: "2.1" }] }),
      [{ id: "v2.1", status: "CURRENT", minVersion: "2.1", maxVersion: "2.90" }],
    );
    assert.deepEqual(parseVersions({ versions: { values: [{ id: "v3.14", status: "stable" }] } }), [
      { id: "v3.14", status: "stable", minVersion: "", maxVersion: "" },
    ]);
  });
});
