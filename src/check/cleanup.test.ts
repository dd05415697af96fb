import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { UsageError } from "../errors.ts";
import { Session } from "../openstack/session.ts";
import { VmCloud } from "../openstack/testing/vm-cloud.ts";
import { cleanup, cleanupExitCode, parseAge } from "./cleanup.ts";

describe("parseAge", () => {
  const cases: readonly [string, number][] = [
    ["0", 0],
    ["90s", 90_000],
    ["30m", 1_800_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    [" 1h ", 3_600_000],
  ];
  for (const [text, ms] of cases)
    it(`${JSON.stringify(text)} → ${ms} ms`, () => assert.equal(parseAge(text), ms));

  for (const bad of ["", "1", "h", "-1h", "1.5h", "1w", "1h30m"]) {
    it(`refuses ${JSON.stringify(bad)} with a one-line usage error`, () => {
      assert.throws(
        () => parseAge(bad),
        (err: unknown) => err instanceof UsageError && /give an age like 30m, 2h or 1d/.test(err.message),
      );
    });
  }
});

describe("cleanup", () => {
  const NOW = new Date("2026-01-01T12:00:00Z");
  let cloud: VmCloud;
  afterEach(() => cloud.stop());

  async function project() {
    cloud = await new VmCloud({ settleReads: 0 }).start();
    cloud.leave("_scs-old1-", "2026-01-01T09:00:00Z");
    cloud.leave("_scs-new1-", "2026-01-01T11:50:00Z");
    cloud.leave("mine-", "2025-01-01T00:00:00Z");
    return new Session(cloud.server.cloud());
  }

  it("removes _scs- resources older than the age, keeps younger ones and other names", async () => {
    const session = await project();
    const lines: string[] = [];
    const result = await cleanup(session, { olderThanMs: 3_600_000, now: NOW, out: (l) => lines.push(l) });
    assert.equal(cleanupExitCode(result), 0);
    assert.deepEqual(result.removed.map((l) => l.name).sort(), [
      "_scs-old1-net",
      "_scs-old1-router",
      "_scs-old1-server",
      "_scs-old1-volume",
    ]);
    assert.deepEqual(cloud.remaining(), [
      "network _scs-new1-net",
      "network mine-net",
      "router _scs-new1-router",
      "router mine-router",
      "server _scs-new1-server",
      "server mine-server",
      "volume _scs-new1-volume",
      "volume mine-volume",
    ]);
    assert.ok(
      lines.some((l) =>
        /^keeping server _scs-new1-server \(server-\d+\): younger than --older-than$/.test(l),
      ),
    );
    assert.ok(lines.some((l) => /^removed router _scs-old1-router \(router-\d+\)$/.test(l)));
  });

  it("with age 0 removes every _scs- resource", async () => {
    const session = await project();
    await cleanup(session, { olderThanMs: 0, now: NOW, out: () => {} });
    assert.ok(
      cloud.remaining().every((r) => r.includes("mine-")),
      cloud.remaining().join(", "),
    );
  });

  it("removes nothing in a dry run and says what it would remove", async () => {
    const session = await project();
    const before = cloud.remaining();
    const lines: string[] = [];
    await cleanup(session, { olderThanMs: 3_600_000, now: NOW, dryRun: true, out: (l) => lines.push(l) });
    assert.deepEqual(cloud.remaining(), before);
    assert.equal(lines.filter((l) => l.startsWith("would remove ")).length, 4);
  });
});
