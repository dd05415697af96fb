import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CatalogEntry, DefaultSecurityGroupRule } from "../facts/model.ts";
import { FakeCloud, HttpError } from "./fake-cloud.ts";
import { defaultRuleProblems } from "./scs-0115.ts";
import { BACKUP_NAME, backupTestcase, RESTORED_VOLUME_NAME, VOLUME_NAME } from "./scs-0117.ts";
import { errors, facts, runTestcase } from "./testing.ts";

const rule = (
  direction: "ingress" | "egress",
  ethertype: "IPv4" | "IPv6",
  fields: Partial<DefaultSecurityGroupRule> = {},
): DefaultSecurityGroupRule => ({
  direction,
  ethertype,
  remoteGroupId: null,
  remoteIpPrefix: null,
  usedInDefaultSg: true,
  usedInNonDefaultSg: true,
  ...fields,
});
const OPENSTACK_DEFAULTS = [
  rule("egress", "IPv4"),
  rule("egress", "IPv6"),
  rule("ingress", "IPv4", { remoteGroupId: "PARENT", usedInNonDefaultSg: false }),
  rule("ingress", "IPv6", { remoteGroupId: "PARENT", usedInNonDefaultSg: false }),
];

describe("scs-0115 default rules", () => {
  it("passes OpenStack's defaults", () => assert.deepEqual(defaultRuleProblems(OPENSTACK_DEFAULTS), []));
  it("fails an ingress rule (also PARENT used in custom groups)", () => {
    assert.equal(
      defaultRuleProblems([...OPENSTACK_DEFAULTS, rule("ingress", "IPv4", { remoteIpPrefix: "0.0.0.0/0" })])
        .length,
      1,
    );
    assert.deepEqual(
      defaultRuleProblems([...OPENSTACK_DEFAULTS, rule("ingress", "IPv6", { remoteGroupId: "PARENT" })]),
      ["ingress IPv6 rule from PARENT is a default rule"],
    );
  });
  it("requires egress to anywhere for both ethertypes in default and custom groups", () => {
    assert.deepEqual(
      defaultRuleProblems([rule("egress", "IPv4"), rule("egress", "IPv6", { usedInNonDefaultSg: false })]),
      ["no default egress rule for IPv6 to anywhere in custom security groups"],
    );
    assert.equal(
      defaultRuleProblems([rule("egress", "IPv4"), rule("egress", "IPv6", { remoteIpPrefix: "::/0" })])
        .length,
      2,
    );
  });

  it("runs on the listing, FAILs with the problems, ABORTs when it cannot be read", async () => {
    const listed = (rules: DefaultSecurityGroupRule[]) =>
      facts({ defaultSecurityGroupRules: { kind: "listed", rules } });
    assert.equal((await runTestcase("scs-0115-default-rules", listed(OPENSTACK_DEFAULTS))).verdict, "PASS");
    const outcome = await runTestcase("scs-0115-default-rules", listed([rule("egress", "IPv4")]));
    assert.equal(outcome.verdict, "FAIL");
    assert.equal(errors(outcome).length, 2);
    const broken = facts({}, { failing: { defaultSecurityGroupRules: new Error("HTTP 500 from network") } });
    assert.equal((await runTestcase("scs-0115-default-rules", broken)).verdict, "ABORT");
  });

  it("falls back to a fresh group on old Neutron, and deletes it", async () => {
    const unsupported = { kind: "unsupported" as const, reason: "404 default-security-group-rules" };
    const cloud = new FakeCloud();
    const outcome = await runTestcase(
      "scs-0115-default-rules",
      facts({ defaultSecurityGroupRules: unsupported }, { cloud }),
    );
    assert.equal(outcome.verdict, "PASS");
    assert.equal(cloud.groupStore.size, 0);
    assert.ok(cloud.calls.includes("securityGroups.create scs-test-default-sg"));

    const open = new FakeCloud({
      defaultGroupRules: [
        { direction: "ingress", ethertype: "IPv4" },
        { direction: "egress", ethertype: "IPv4" },
      ],
    });
    const failed = await runTestcase(
      "scs-0115-default-rules",
      facts({ defaultSecurityGroupRules: unsupported }, { cloud: open }),
    );
    assert.equal(failed.verdict, "FAIL");
    assert.deepEqual(errors(failed), [
      "new security group has an ingress IPv4 rule",
      "new security group has no egress rule for IPv6",
    ]);
    assert.equal(open.groupStore.size, 0);

    const snapshot = await runTestcase(
      "scs-0115-default-rules",
      facts({ defaultSecurityGroupRules: unsupported }),
    );
    assert.equal(snapshot.verdict, "ABORT");
  });
});

const keyManager: CatalogEntry[] = [{ type: "key-manager", endpoints: [] }];

describe("scs-0116-permissions", () => {
  const run = (cloud: FakeCloud | undefined, roles = ["member", "reader"], catalog = keyManager) =>
    runTestcase("scs-0116-permissions", facts({ roles, catalog }, cloud ? { cloud } : {}));

  it("passes when a member can store and delete a secret, removing leftovers first", async () => {
    const cloud = new FakeCloud();
    cloud.secretStore.set("old", { id: "old", name: "scs-member-role-test-secret" });
    cloud.secretStore.set("keep", { id: "keep", name: "production" });
    const outcome = await run(cloud);
    assert.equal(outcome.verdict, "PASS");
    assert.deepEqual([...cloud.secretStore.keys()], ["keep"]);
  });

  it("passes without a key manager (not applicable)", async () => {
    assert.equal((await run(undefined, ["member"], [])).verdict, "PASS");
  });

  it("aborts on wrong roles", async () => {
    assert.deepEqual(errors(await run(new FakeCloud(), ["member", "admin"])), [
      "user privileges too high: admin role(s) detected",
    ]);
    assert.equal((await run(new FakeCloud(), ["reader"])).verdict, "ABORT");
  });

  it("fails on 403, aborts on other errors, and always deletes what it created", async () => {
    const forbidden = new FakeCloud({ faults: { "secrets.create": new HttpError(403, "Forbidden") } });
    const outcome = await run(forbidden);
    assert.equal(outcome.verdict, "FAIL");
    assert.match(errors(outcome)[0]!, /creating a secret forbidden for a member/);
    assert.equal(
      (await run(new FakeCloud({ faults: { "secrets.list": new HttpError(500, "boom") } }))).verdict,
      "ABORT",
    );

    const undiscoverable = new FakeCloud({
      faults: {
        "secrets.list": new Error("the key-manager service has no public endpoint (it has: internal)"),
      },
    });
    assert.equal((await run(undiscoverable)).verdict, "FAIL");

    const hidden = new FakeCloud({ hideSecrets: true });
    assert.equal((await run(hidden)).verdict, "ABORT");
    assert.equal(hidden.secretStore.size, 0, "the created secret is deleted by id");
  });
});

const FAST = { timeoutMs: 200, firstDelayMs: 1, maxDelayMs: 5 };

describe("scs-0117-test-backup", () => {
  const run = (cloud: FakeCloud, signal?: AbortSignal) =>
    backupTestcase(FAST).run(facts({}, { cloud }), { signal: signal ?? new AbortController().signal });

  it("passes when volume, backup and restore become available, and leaves nothing behind", async () => {
    const cloud = new FakeCloud();
    cloud.volumeStore.set("left", { id: "left", name: "scs-test-volume", status: "error", pending: 0 });
    cloud.volumeStore.set("mine", { id: "mine", name: "database", status: "in-use", pending: 0 });
    const outcome = await run(cloud);
    assert.equal(outcome.verdict, "PASS", JSON.stringify(outcome.log));
    assert.deepEqual([...cloud.volumeStore.keys()], ["mine"]);
    assert.equal(cloud.backupStore.size, 0);
    for (const name of [VOLUME_NAME, BACKUP_NAME, RESTORED_VOLUME_NAME]) {
      assert.ok(
        cloud.calls.some((call) => call.endsWith(name)),
        name,
      );
    }
  });

  it("fails (never aborts) when the backup ends in error, and cleans up", async () => {
    const cloud = new FakeCloud({ backupStatus: "error" });
    const outcome = await run(cloud);
    assert.equal(outcome.verdict, "FAIL");
    assert.match(errors(outcome)[0]!, /went into status error/);
    assert.equal(cloud.volumeStore.size, 0);
    assert.equal(cloud.backupStore.size, 0);
  });

  it("fails on an API error and times out a volume that never becomes available", async () => {
    const noBackup = new FakeCloud({
      faults: { "backups.create": new HttpError(404, "Service cinder-backup could not be found") },
    });
    assert.equal((await run(noBackup)).verdict, "FAIL");
    assert.equal(noBackup.volumeStore.size, 0);
    const stuck = new FakeCloud({ delay: 1_000_000 });
    const outcome = await run(stuck);
    assert.equal(outcome.verdict, "FAIL");
    assert.match(errors(outcome)[0]!, /^Timed out after \d+ s: volume vol-1 has status creating/);
  });

  it("waits for a leftover that is already being deleted instead of failing", async () => {
    const cloud = new FakeCloud();
    cloud.volumeStore.set("going", { id: "going", name: "scs-test-volume", status: "deleting", pending: 0 });
    const get = cloud.volumes.get;
    let reads = 0;
    (cloud.volumes as { get: typeof get }).get = async (id, signal) => {
      if (id === "going" && ++reads === 2) cloud.volumeStore.delete("going");
      return get(id, signal);
    };
    const outcome = await run(cloud);
    assert.equal(outcome.verdict, "PASS", JSON.stringify(outcome.log));
    assert.ok(!cloud.calls.includes("volumes.delete going"));
  });

  it("leaves young leftovers of a concurrent run alone and removes only its own objects at the end", async () => {
    const cloud = new FakeCloud();
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString().replace("Z", "");
    cloud.volumeStore.set("theirs", {
      id: "theirs",
      name: "scs-test-volume",
      status: "creating",
      pending: 0,
      createdAt: minutesAgo(2),
    });
    cloud.backupStore.set("their-backup", {
      id: "their-backup",
      name: "scs-test-volume-backup",
      status: "creating",
      pending: 0,
      createdAt: minutesAgo(1),
    });
    cloud.volumeStore.set("stale", {
      id: "stale",
      name: "scs-test-volume",
      status: "available",
      pending: 0,
      createdAt: minutesAgo(90),
    });
    const outcome = await run(cloud);
    assert.equal(outcome.verdict, "PASS", JSON.stringify(outcome.log));
    assert.deepEqual([...cloud.volumeStore.keys()], ["theirs"]);
    assert.deepEqual([...cloud.backupStore.keys()], ["their-backup"]);
    assert.ok(outcome.log.some((l) => l.message.includes("leaving scs-test-volume (theirs) alone")));
  });

  it("fails when the initial cleanup cannot remove leftovers", async () => {
    const cloud = new FakeCloud({ faults: { "volumes.delete": new HttpError(409, "volume is busy") } });
    cloud.volumeStore.set("left", { id: "left", name: "scs-test-volume", status: "available", pending: 0 });
    const outcome = await run(cloud);
    assert.equal(outcome.verdict, "FAIL");
    assert.ok(errors(outcome).includes("Initial cleanup failed"));
  });

  it("on Ctrl-C stops waiting, still cleans up, and reports ABORT", async () => {
    const cloud = new FakeCloud({ delay: 60 });
    const controller = new AbortController();
    const slow = backupTestcase({ timeoutMs: 60_000, firstDelayMs: 5, maxDelayMs: 5 });
    setTimeout(() => controller.abort(new Error("Ctrl-C")), 30);
    const outcome = await slow.run(facts({}, { cloud }), { signal: controller.signal });
    assert.equal(outcome.verdict, "ABORT");
    assert.ok(cloud.calls.includes("volumes.delete vol-1"), "the volume is deleted");
  });

  it("aborts on a snapshot (it creates resources)", async () => {
    const outcome = await backupTestcase(FAST).run(facts({}), { signal: new AbortController().signal });
    assert.equal(outcome.verdict, "ABORT");
    assert.match(errors(outcome)[0]!, /needs a live cloud/);
  });
});
