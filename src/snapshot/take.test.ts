import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { frozenClock } from "../clock.ts";
import { Session } from "../openstack/session.ts";
import { FAKE_PASSWORD, FAKE_TOKEN_PREFIX, FaultServer } from "../openstack/testing/fault-server.ts";
import { formatSnapshot, parseSnapshot } from "./file.ts";
import { failedFacts, takeSnapshot } from "./take.ts";

describe("takeSnapshot", () => {
  let server: FaultServer;

  before(async () => {
    server = await new FaultServer().start();
    server.extraCatalog = [
      {
        id: "s",
        type: "object-store",
        name: "swift",
        endpoints: [
          { id: "s1", interface: "public", region_id: "RegionOne", url: `${server.base}/swift/v1/AUTH_pid` },
        ],
      },
    ];
    server
      .on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({
        status: 200,
        json: {
          flavors: [
            {
              id: "1",
              name: "SCS-1V-4",
              vcpus: 1,
              ram: 4096,
              disk: 0,
              extra_specs: { "scs:name-v2": "SCS-1V-4" },
            },
          ],
        },
      }))
      .on("GET", /^\/image\/v2\/images$/, () => ({
        status: 200,
        json: {
          images: [
            {
              id: "i",
              name: "Debian 12",
              visibility: "public",
              os_distro: "debian",
              size: 65536,
              min_disk: 1,
            },
          ],
        },
      }))
      .on("GET", /^\/volume\/v3\/pid\/types$/, () => ({
        status: 403,
        json: { forbidden: { message: "Policy doesn't allow volume_extension:types to be performed." } },
      }))
      .on("GET", /^\/network\/v2\.0\/security-groups$/, () => ({
        status: 200,
        json: { security_groups: [] },
      }))
      .on("GET", /^\/network\/v2\.0\/networks$/, () => ({ status: 200, json: { networks: [] } }))
      .on("GET", /^\/$/, () => ({
        status: 403,
        text: "<?xml version='1.0'?><Error><Code>InvalidAccessKeyId</Code><Message>no such key</Message></Error>",
      }));
  });
  after(async () => {
    await server.stop();
  });

  it("reads every fact concurrently, records a failing one, and holds no secret", async () => {
    const progress: string[] = [];
    const session = new Session(server.cloud(), {
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    const snap = await takeSnapshot(session, {
      progress: (l) => progress.push(l),
      clock: frozenClock(new Date("2026-01-02T03:04:05Z")),
    });
    await session.close();

    assert.equal(snap.takenAt, "2026-01-02T03:04:05.000Z");
    assert.deepEqual(snap.identity.roles, ["member", "reader"]);
    assert.ok(snap.flavors.ok && snap.flavors.value[0]?.extraSpecs["scs:name-v2"] === "SCS-1V-4");
    assert.ok(snap.images.ok && snap.images.value[0]?.properties["os_distro"] === "debian");
    assert.ok(!snap.volumeTypes.ok && /HTTP 403: Policy doesn't allow/.test(snap.volumeTypes.error));
    assert.deepEqual(snap.defaultSecurityGroupRules, { ok: true, value: null });
    assert.deepEqual(snap.s3Probe, {
      ok: true,
      value: { kind: "rejected", endpoint: server.base, message: "InvalidAccessKeyId: no such key" },
    });
    assert.deepEqual(snap.keyManager, { present: false });
    assert.equal(snap.stats.requests, 10); // auth, 2 flavor and 2 image cursors, 4 lists, S3 probe
    assert.deepEqual(
      failedFacts(snap).map((l) => l.split(":")[0]),
      ["volumeTypes"],
    );
    assert.ok(
      progress.some(
        (l) =>
          l === "defaultSecurityGroupRules: not offered" ||
          l.startsWith("defaultSecurityGroupRules: not offered in"),
      ),
    );

    const text = formatSnapshot(snap);
    assert.ok(!text.includes(FAKE_PASSWORD) && !text.includes(FAKE_TOKEN_PREFIX));
    assert.deepEqual(parseSnapshot(JSON.parse(text)), JSON.parse(text));
    const s3 = server.seen.find((s) => s.path === "/");
    assert.match(
      String(s3?.headers["authorization"]),
      /^AWS4-HMAC-SHA256 Credential=doesnotexist\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    assert.equal(s3?.headers["x-auth-token"], undefined);
  });

  it("fails as a whole when authentication fails", async () => {
    const session = new Session(
      server.cloud({
        auth: { kind: "password", user: { id: "u" }, password: "not-it-at-all", scope: { kind: "unscoped" } },
      }),
    );
    await assert.rejects(takeSnapshot(session), /HTTP 401/);
    await session.close();
  });
});
