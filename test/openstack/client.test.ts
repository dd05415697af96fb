/**
 * The OpenStack client against the real lab, as member and as admin: both ways of
 * authenticating, every listing the checks use, the writes the managers and testcases make,
 * and clear errors. Resources created here carry a unique name and are always removed.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ApiError,
  type CloudConfig,
  createApplicationCredential,
  createFlavor,
  createImage,
  createSecurityGroup,
  deleteApplicationCredential,
  deleteFlavor,
  deleteFlavorExtraSpec,
  deleteImage,
  deleteSecurityGroup,
  discoverVersions,
  getFlavor,
  getImage,
  getSecurityGroup,
  isApiStatus,
  listApplicationCredentials,
  listDefaultSecurityGroupRules,
  listFlavors,
  listNetworks,
  listPublicImages,
  listSecrets,
  listSecurityGroups,
  listVolumeTypes,
  loadCloudConfig,
  probeS3,
  Session,
  serviceCatalog,
  setFlavorExtraSpecs,
  tokenRoles,
  updateImageProperties,
} from "../../src/openstack/index.ts";
import { requirePart } from "../support/require.ts";
import { ADMIN, LAB_WHY, labAvailable, MEMBER, uniqueName } from "./lab.ts";

const available = await labAvailable();

describe("OpenStack client on the lab", { timeout: 300_000 }, () => {
  let member: Session;
  let admin: Session;
  let memberConfig: CloudConfig;
  const trace: string[] = [];

  before(() => {
    if (!available) return;
    memberConfig = loadCloudConfig(MEMBER);
    member = new Session(memberConfig, { trace: (l) => trace.push(l) });
    admin = new Session(loadCloudConfig(ADMIN), { trace: (l) => trace.push(l) });
  });
  after(async () => {
    await member?.close();
    await admin?.close();
  });

  it("authenticates with a password as member and as admin", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const roles = await tokenRoles(member);
    assert.ok(roles.includes("member"), roles.join(","));
    assert.ok(!roles.includes("admin") && !roles.includes("manager"));
    assert.ok((await tokenRoles(admin)).includes("admin"));
    const types = (await serviceCatalog(member)).map((e) => e.type);
    for (const type of ["compute", "identity", "image", "network", "placement"])
      assert.ok(types.includes(type), type);
    assert.ok(types.some((x) => ["volumev3", "block-storage", "volume"].includes(x)));
  });

  it("authenticates with an application credential by id and by name, then deletes it", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const name = uniqueName("scs-client-test-ac");
    const created = await createApplicationCredential(member, { name, description: "scs client test" });
    const secretTrace: string[] = [];
    try {
      assert.ok(created.secret.length > 10);
      const { user } = await member.token();
      for (const credential of [{ id: created.id }, { name, user: { id: user.id } }]) {
        const session = new Session(
          { ...memberConfig, auth: { kind: "application-credential", credential, secret: created.secret } },
          { trace: (l) => secretTrace.push(l) },
        );
        try {
          const token = await session.token();
          assert.ok(token.methods.includes("application_credential"), token.methods.join(","));
          assert.ok(token.roles.includes("member"));
          assert.ok((await listFlavors(session)).length > 0);
        } finally {
          await session.close();
        }
      }
      const wrong = new Session({
        ...memberConfig,
        auth: {
          kind: "application-credential",
          credential: { id: created.id },
          secret: "not-the-secret-at-all",
        },
      });
      await assert.rejects(wrong.token(), (err: unknown) => {
        assert.ok(err instanceof ApiError && err.status === 401);
        assert.ok(!err.message.includes("not-the-secret-at-all") && !err.message.includes(created.secret));
        return true;
      });
      await wrong.close();
    } finally {
      await deleteApplicationCredential(member, created.id);
    }
    assert.ok(!(await listApplicationCredentials(member)).some((c) => c.id === created.id));
    assert.ok(secretTrace.length >= 4);
    assert.ok(!secretTrace.join("\n").includes(created.secret));
  });

  it("lists flavors with their extra_specs, from both ends, in few requests", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const before = member.requestCount;
    const flavors = await listFlavors(member);
    const pages = member.requestCount - before;
    assert.ok(flavors.length >= 30, `${flavors.length} flavors`);
    // Two cursors of 512 per round; never a request per flavor.
    assert.ok(
      pages <= 2 * Math.ceil((flavors.length + 1) / 1024),
      `${pages} requests for ${flavors.length} flavors`,
    );
    const std = flavors.find((f) => f.name === "SCS-2V-8");
    assert.ok(std, "the lab sample has SCS-2V-8");
    assert.equal(std.vcpus, 2);
    assert.equal(std.ram, 8192);
    assert.equal(std.extraSpecs["scs:name-v2"], "SCS-2V-8");
  });

  it("lists public images with all their properties", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const images = await listPublicImages(member);
    assert.ok(images.length > 0);
    assert.ok(images.every((i) => i.visibility === "public" || i.visibility === "community"));
    const annotated = images.find((i) => i.properties["image_source"] && i.properties["os_distro"]);
    assert.ok(annotated, "an annotated sample image");
    assert.equal(typeof annotated.minDisk, "number");
    assert.match(annotated.createdAt, /^\d{4}-\d\d-\d\dT/);
  });

  it("lists volume types with descriptions, security groups with rules, networks", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const [types, groups, networks] = await Promise.all([
      listVolumeTypes(member),
      listSecurityGroups(member),
      listNetworks(member),
    ]);
    assert.ok(
      types.some((v) => v.description?.startsWith("[scs:")),
      types.map((v) => v.description).join("|"),
    );
    const def = groups.find((g) => g.name === "default");
    assert.ok(def, "the project's default security group");
    assert.ok(def.rules.some((r) => r.direction === "egress" && r.ethertype === "IPv4"));
    assert.ok(def.rules.some((r) => r.direction === "ingress" && r.remoteGroupId === def.id));
    assert.ok(Array.isArray(networks));
  });

  it("reports the default-security-group-rules API as absent on Zed", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    assert.equal(await listDefaultSecurityGroupRules(member), null);
  });

  it("creates, reads and deletes a security group (the scs-0115 fallback)", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const group = await createSecurityGroup(member, {
      name: uniqueName("scs-client-test-sg"),
      description: "x",
    });
    try {
      const read = await getSecurityGroup(member, group.id);
      assert.equal(read.name, group.name);
      assert.ok(read.rules.every((r) => r.direction === "egress"));
      assert.deepEqual([...new Set(read.rules.map((r) => r.ethertype))].sort(), ["IPv4", "IPv6"]);
    } finally {
      await deleteSecurityGroup(member, group.id);
    }
    await assert.rejects(getSecurityGroup(member, group.id), (err: unknown) => isApiStatus(err, 404));
  });

  it("says the lab has no key manager and no object store", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    await assert.rejects(listSecrets(member), /no key-manager service in its catalog \(it has: .*compute/);
    assert.deepEqual(await probeS3(member), { kind: "no-object-store" });
  });

  it("discovers the compute API version range (2.61 or later)", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const versions = await discoverVersions(member, "compute");
    const v21 = versions.find((v) => v.id === "v2.1");
    assert.ok(v21, JSON.stringify(versions));
    const [major, minor] = v21.maxVersion.split(".").map(Number);
    assert.ok(major === 2 && minor! >= 61, v21.maxVersion);
  });

  it("creates a flavor with extra_specs as admin and deletes it", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const flavor = await createFlavor(admin, {
      name: uniqueName("scs-client-test-flavor"),
      vcpus: 1,
      ram: 512,
      disk: 0,
    });
    try {
      const specs = await setFlavorExtraSpecs(admin, flavor.id, {
        "scs:cpu-type": "shared-core",
        "scs:test": "1",
      });
      assert.equal(specs["scs:cpu-type"], "shared-core");
      await deleteFlavorExtraSpec(admin, flavor.id, "scs:test");
      assert.deepEqual((await getFlavor(member, flavor.id)).extraSpecs, { "scs:cpu-type": "shared-core" });
      await assert.rejects(
        createFlavor(member, { name: uniqueName("nope"), vcpus: 1, ram: 1, disk: 0 }),
        (err: unknown) => isApiStatus(err, 403),
      );
    } finally {
      await deleteFlavor(admin, flavor.id);
    }
  });

  it("registers an image, updates its properties and deletes it as admin", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const image = await createImage(admin, {
      name: uniqueName("scs-client-test-image"),
      visibility: "private",
      minDisk: 1,
      properties: { os_distro: "debian", os_version: "12" },
    });
    try {
      assert.equal(image.properties["os_distro"], "debian");
      const updated = await updateImageProperties(admin, image, {
        os_version: "13",
        image_source: "https://x/",
        os_distro: null,
      });
      assert.equal(updated.properties["os_version"], "13");
      assert.equal(updated.properties["image_source"], "https://x/");
      assert.equal(updated.properties["os_distro"], undefined);
      assert.equal((await getImage(admin, image.id)).minDisk, 1);
    } finally {
      await deleteImage(admin, image.id);
    }
  });

  it("lists community images of other projects next to public ones", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const image = await createImage(admin, {
      name: uniqueName("scs-client-test-community"),
      visibility: "community",
    });
    try {
      const seen = (await listPublicImages(member)).find((i) => i.id === image.id);
      assert.equal(seen?.visibility, "community");
    } finally {
      await deleteImage(admin, image.id);
    }
  });

  it("never traces a token or password", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const all = trace.join("\n");
    assert.ok(trace.length > 10);
    assert.doesNotMatch(all, /gAAAAA/, "a Fernet token");
    const passwords = [memberConfig, loadCloudConfig(ADMIN)].map((c) =>
      c.auth.kind === "password" ? c.auth.password : "",
    );
    for (const p of passwords) assert.ok(p && !all.includes(p));
    assert.match(
      all,
      /^GET http:\/\/127\.0\.0\.1:8774\/v2\.1\/flavors\/detail\?sort_key=flavorid&sort_dir=asc&limit=512 200 \d+ ms$/m,
    );
  });
});

describe("OpenStack client errors on the lab", { timeout: 60_000 }, () => {
  it("a wrong password is one clear line without the password", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const config = loadCloudConfig(MEMBER);
    assert.equal(config.auth.kind, "password");
    const session = new Session({
      ...config,
      auth: {
        ...(config.auth as { kind: "password" } & typeof config.auth),
        password: "definitely-wrong-pw",
      },
    });
    await assert.rejects(session.token(), (err: unknown) => {
      assert.ok(err instanceof ApiError && err.status === 401);
      assert.equal(
        err.message,
        `Keystone refused the credentials of cloud "lab-member" from ${config.source} (HTTP 401): check user, password or application credential, project and their domains`,
      );
      return true;
    });
    await session.close();
  });

  it("a service missing from the region or interface says what exists", async (t) => {
    if (!requirePart(t, available, LAB_WHY)) return;
    const session = new Session({ ...loadCloudConfig(MEMBER), regionName: "Atlantis" });
    await assert.rejects(
      listFlavors(session),
      /the compute service has no public endpoint in region Atlantis \(it has: .*public@RegionOne/,
    );
    await session.close();
  });
});
