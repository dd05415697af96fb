import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_POLL, GiveUp, pollDelay, pollUntil } from "./poll.ts";

const FAST = { timeoutMs: 100, firstDelayMs: 1, maxDelayMs: 4 };
const live = () => new AbortController().signal;

describe("pollUntil", () => {
  it("returns the first defined value, retrying probes that throw", async () => {
    let calls = 0;
    const value = await pollUntil(
      async () => {
        calls++;
        if (calls === 1) throw new Error("not yet");
        return calls < 4 ? undefined : "done";
      },
      live(),
      FAST,
    );
    assert.equal(value, "done");
    assert.equal(calls, 4);
  });

  it("times out with the last reason", async () => {
    await assert.rejects(
      pollUntil(
        async () => {
          throw new Error("status creating");
        },
        live(),
        FAST,
      ),
      /^Error: Timed out after 0 s: status creating$/,
    );
  });

  it("stops at once on GiveUp and on abort", async () => {
    let calls = 0;
    await assert.rejects(
      pollUntil(
        async () => {
          calls++;
          throw new GiveUp("status error");
        },
        live(),
        FAST,
      ),
      GiveUp,
    );
    assert.equal(calls, 1);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("Ctrl-C")), 10);
    const started = Date.now();
    await assert.rejects(
      pollUntil(async () => undefined, controller.signal, { ...FAST, timeoutMs: 60_000 }),
      /Ctrl-C/,
    );
    assert.ok(Date.now() - started < 1000);
  });

  it("waits 0.25 s at first, then 5 % of the time waited, at most 2 s", () => {
    assert.equal(pollDelay(0, DEFAULT_POLL), 250);
    assert.equal(pollDelay(4_000, DEFAULT_POLL), 250);
    assert.equal(pollDelay(10_000, DEFAULT_POLL), 500);
    assert.equal(pollDelay(30_000, DEFAULT_POLL), 1_500);
    assert.equal(pollDelay(100_000, DEFAULT_POLL), 2_000);
    let probes = 0;
    for (let t = 0; t < 60_000; t += pollDelay(t, DEFAULT_POLL)) probes++;
    assert.ok(probes > 60 && probes < 80, `a minute of waiting takes ${probes} probes`);
  });
});
