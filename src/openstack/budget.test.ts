import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../errors.ts";
import { BudgetExceeded, RunBudget, timeoutMs } from "./budget.ts";

describe("timeoutMs", () => {
  it("reads seconds and falls back to the default", () => {
    assert.equal(timeoutMs(undefined, 600), 600_000);
    assert.equal(timeoutMs("90", 600), 90_000);
    assert.equal(timeoutMs("2.5", 600), 2_500);
  });

  it("refuses what is not a positive number of seconds with a one-line usage error", () => {
    for (const bad of ["", "0", "-5", "1h", "soon", "1e9"]) {
      assert.throws(
        () => timeoutMs(bad, 600),
        (err: unknown) =>
          err instanceof UsageError &&
          err.exitCode === 2 &&
          /^invalid --timeout '.*': use a number of seconds/.test(err.message),
        bad,
      );
    }
  });
});

describe("RunBudget", () => {
  it("counts down on the clock it is given and aborts its signal with the reason", async () => {
    let now = 1_000;
    const budget = new RunBudget(5_000, "--timeout", () => now);
    assert.equal(budget.remainingMs(), 5_000);
    now += 4_000;
    assert.equal(budget.remainingMs(), 1_000);
    now += 9_000;
    assert.equal(budget.remainingMs(), 0);
    assert.match(budget.exceeded().message, /^the run's time budget of 5 s is spent \(raise --timeout/);
    budget.dispose();
    const short = new RunBudget(1, "--timeout");
    await new Promise((resolve) => short.signal.addEventListener("abort", resolve, { once: true }));
    assert.ok(short.signal.reason instanceof BudgetExceeded);
  });
});
