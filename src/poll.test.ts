import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { VirtualClock } from "../test/support/clock.ts";
import { DEFAULT_POLL, GiveUp, pollDelay, pollUntil } from "./poll.ts";

const FAST = { timeoutMs: 100, firstDelayMs: 1, maxDelayMs: 4 };
const live = () => new AbortController().signal;
/** Polling runs on a virtual clock: a wait advances it at once, whatever the machine's speed. */
const virtual = () => new VirtualClock(new Date(2030, 0, 1));

describe("pollUntil", () => {
  it("returns the first defined value, retrying probes that throw", async () => {
    let calls = 0;
    const clock = virtual();
    const start = clock.now().getTime();
    const value = await pollUntil(
      async () => {
        calls++;
        if (calls === 1) throw new Error("not yet");
        return calls < 4 ? undefined : "done";
      },
      live(),
      FAST,
      clock,
    );
    assert.equal(value, "done");
    assert.equal(calls, 4);
    assert.equal(clock.now().getTime() - start, 3, "three waits of the first delay");
  });

  it("times out with the last reason after the deadline of the clock it runs on", async () => {
    let calls = 0;
    await assert.rejects(
      pollUntil(
        async () => {
          calls++;
          throw new Error("status creating");
        },
        live(),
        DEFAULT_POLL,
        virtual(),
      ),
      /^Error: Timed out after 110 s: status creating$/,
    );
    assert.ok(calls > 80 && calls < 140, `110 s of waiting takes ${calls} probes`);
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
        virtual(),
      ),
      GiveUp,
    );
    assert.equal(calls, 1);
    const controller = new AbortController();
    calls = 0;
    await assert.rejects(
      pollUntil(
        async () => {
          if (++calls === 3) controller.abort(new Error("Ctrl-C"));
          return undefined;
        },
        controller.signal,
        FAST,
        virtual(),
      ),
      /Ctrl-C/,
    );
    assert.equal(calls, 3, "no probe after the abort");
  });

  it("ends a wait on the machine's clock as soon as the signal aborts", async () => {
    // The only wait is a minute long: if the abort did not end it, the poll would time out instead.
    const controller = new AbortController();
    await assert.rejects(
      pollUntil(
        async () => {
          setImmediate(() => controller.abort(new Error("Ctrl-C")));
          return undefined;
        },
        controller.signal,
        { timeoutMs: 60_000, firstDelayMs: 60_000, maxDelayMs: 60_000 },
      ),
      /Ctrl-C/,
    );
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
