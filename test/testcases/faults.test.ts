/**
 * Error handling against a fault-injecting stand-in on 127.0.0.1 (not a cloud: behaviour is
 * tested on the lab): one service answers 500, garbage or nothing; the testcases that need it
 * ABORT with the reason, the others still run, and each fact is read once.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { liveFacts } from "../../src/facts/index.ts";
import { Session } from "../../src/openstack/index.ts";
import { FAKE_PASSWORD, FaultServer } from "../../src/openstack/testing/fault-server.ts";
import { IAAS_TESTCASES } from "../../src/testcases/registry.ts";
import type { Outcome } from "../../src/testcases/testcase.ts";

const FAST_RETRY = { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 100 };
const signal = new AbortController().signal;

async function runAll(session: Session, ids: readonly string[]): Promise<Map<string, Outcome>> {
  const facts = liveFacts(session);
  const outcomes = await Promise.all(ids.map((id) => IAAS_TESTCASES.get(id)!.run(facts, { signal })));
  return new Map(ids.map((id, i) => [id, outcomes[i]!]));
}

const errorsOf = (outcome: Outcome | undefined) =>
  (outcome?.log ?? []).filter((l) => l.level === "error").map((l) => l.message);

describe("testcases when one service fails", () => {
  let server: FaultServer;
  before(async () => {
    server = await new FaultServer().start();
    server.on("GET", /^\/volume\/v3\/pid\/types$/, () => ({
      status: 200,
      json: { volume_types: [{ id: "t1", name: "LUKS", description: "[scs:encrypted] LUKS" }] },
    }));
  });
  after(() => server.stop());

  it("compute answers 500: every flavor testcase ABORTs with the reason, flavors are requested once", async () => {
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({
      status: 500,
      json: { computeFault: { code: 500, message: "Unexpected API Error." } },
    }));
    const session = new Session(server.cloud(), { retry: FAST_RETRY });
    const flavorIds = [...IAAS_TESTCASES.values()]
      .filter((t) => t.needs.includes("flavors"))
      .map((t) => t.id);
    assert.ok(flavorIds.length > 30);
    const outcomes = await runAll(session, [
      ...flavorIds,
      "scs-0114-encrypted-type",
      "scs-0123-service-compute",
    ]);
    for (const id of flavorIds) {
      assert.equal(outcomes.get(id)?.verdict, "ABORT", id);
      assert.match(
        errorsOf(outcomes.get(id))[0] ?? "",
        /^could not read flavors: GET .*flavors\/detail.* failed with HTTP 500: Unexpected API Error\./,
      );
    }
    assert.equal(outcomes.get("scs-0114-encrypted-type")?.verdict, "PASS");
    assert.equal(outcomes.get("scs-0123-service-compute")?.verdict, "PASS");
    // One listing for the whole run, however many testcases asked: the client reads flavors
    // from both ends at once, each cursor with 1 attempt + 1 retry, so 2 to 4 requests.
    const requests = server.count(/flavors\/detail$/);
    assert.ok(requests >= 2 && requests <= 4, `${requests} flavor requests`);
    await session.close();
  });

  it("image answers garbage: image testcases ABORT, volume types still checked", async () => {
    server.on("GET", /^\/image\/v2\/images$/, () => ({ status: 200, text: "<html>proxy error</html>" }));
    const session = new Session(server.cloud(), { retry: FAST_RETRY });
    const outcomes = await runAll(session, [
      "scs-0102-prop-architecture",
      "scs-0104-image-ubuntu-2404",
      "scs-0114-syntax-check",
    ]);
    assert.equal(outcomes.get("scs-0102-prop-architecture")?.verdict, "ABORT");
    assert.match(errorsOf(outcomes.get("scs-0104-image-ubuntu-2404"))[0] ?? "", /^could not read images: /);
    assert.equal(outcomes.get("scs-0114-syntax-check")?.verdict, "PASS");
    await session.close();
  });

  it("block storage times out: volume-type testcases ABORT in bounded time", async () => {
    server.on("GET", /^\/volume\/v3\/pid\/types$/, () => ({
      delayMs: 2_000,
      reply: { status: 200, json: { volume_types: [] } },
    }));
    const session = new Session(server.cloud({ timeoutMs: 200 }), {
      retry: { ...FAST_RETRY, maxRetries: 0 },
    });
    const outcomes = await runAll(session, ["scs-0114-syntax-check", "scs-0123-storage-apis"]);
    assert.equal(outcomes.get("scs-0114-syntax-check")?.verdict, "ABORT");
    assert.match(errorsOf(outcomes.get("scs-0114-syntax-check"))[0] ?? "", /no answer within 0.2 s/);
    assert.equal(outcomes.get("scs-0123-storage-apis")?.verdict, "PASS");
    await session.close();
  });

  it("never puts the password or the token into a log line", async () => {
    const session = new Session(server.cloud(), { retry: FAST_RETRY });
    const outcomes = await runAll(
      session,
      [...IAAS_TESTCASES.keys()].filter((id) => !id.startsWith("scs-0117")),
    );
    const text = JSON.stringify([...outcomes.values()]);
    assert.ok(!text.includes(FAKE_PASSWORD));
    assert.ok(!/gAAAA/.test(text));
    await session.close();
  });
});
