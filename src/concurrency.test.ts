import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mapLimit } from "./concurrency.ts";

describe("mapLimit", () => {
  it("keeps order and never exceeds the limit", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0]);
    assert.equal(peak, 2);
    assert.deepEqual(await mapLimit([], 4, async () => 1), []);
  });
  it("rejects with the first failure", async () => {
    await assert.rejects(
      mapLimit([1, 2], 2, async (n) => {
        if (n === 2) throw new Error("two");
        return n;
      }),
      /two/,
    );
  });
});
