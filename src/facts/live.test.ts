/**
 * The run's signal reaches every request of the live facts and of the testcases' cloud calls:
 * aborting closes the connections still waiting for an answer (a stand-in cloud on 127.0.0.1
 * that never answers shows it; behaviour on a real cloud is tested with the lab).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Session } from "../openstack/session.ts";
import { FaultServer } from "../openstack/testing/fault-server.ts";
import { FactUnavailable } from "./facts.ts";
import { liveFacts } from "./live.ts";

const NEVER = 3_600_000;

describe("live facts under a signal", () => {
  let server: FaultServer;
  before(async () => {
    server = await new FaultServer().start();
    const silent = () => ({ delayMs: NEVER, reply: { status: 200, json: {} } });
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, silent);
    server.on("GET", /^\/image\/v2\/images$/, silent);
    server.on("GET", /^\/volume\/v3\/pid\/volumes\/detail$/, silent);
  });
  after(() => server.stop());

  it("aborting the run ends every fetch under way and closes its connections", async () => {
    const session = new Session(server.cloud({ timeoutMs: NEVER }));
    const run = new AbortController();
    const facts = liveFacts(session, { signal: run.signal });
    const flavors = facts.get("flavors");
    const images = facts.get("images");
    const volumes = facts.cloud!.volumes.list(run.signal);
    // Two cursors each for flavors and images, one for volumes: five requests waiting.
    while (server.count(/flavors\/detail|images$|volumes\/detail/) < 5) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.ok(server.openConnections >= 5);
    run.abort(new Error("interrupted"));
    await assert.rejects(
      flavors,
      (err: unknown) => err instanceof FactUnavailable && /interrupted/.test(err.message),
    );
    await assert.rejects(images, FactUnavailable);
    await assert.rejects(volumes, /interrupted/);
    // The waiting connections are closed by the abort itself; at most the authentication's idle
    // kept-alive connection stays, until close().
    while (server.openConnections > 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await session.close();
    await server.allClosed();
    assert.equal(server.openConnections, 0);
  });

  it("a view's signal does not end the session's other requests", async () => {
    server.on("GET", /^\/volume\/v3\/pid\/types$/, () => ({ status: 200, json: { volume_types: [] } }));
    const session = new Session(server.cloud());
    const gone = new AbortController();
    gone.abort(new Error("this view is gone"));
    await assert.rejects(
      session.withSignal(gone.signal).request("block-storage", "GET", "types"),
      /view is gone/,
    );
    const res = await session.request("block-storage", "GET", "types");
    assert.equal(res.status, 200);
    await session.close();
  });
});
