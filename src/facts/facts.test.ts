import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type FactLoaders, Facts, FactUnavailable } from "./facts.ts";
import { factsFromValues } from "./from-values.ts";
import { FACT_NAMES, type FactName } from "./model.ts";

function counting(fail: Partial<Record<FactName, Error>> = {}) {
  const calls: FactName[] = [];
  const loaders = Object.fromEntries(
    FACT_NAMES.map((name) => [
      name,
      async () => {
        calls.push(name);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail[name]) throw fail[name];
        return [];
      },
    ]),
  ) as unknown as FactLoaders;
  return { calls, facts: new Facts({ loaders, now: new Date(0), origin: "test" }) };
}

describe("Facts", () => {
  it("fetches nothing until asked", () => {
    const { calls, facts } = counting();
    assert.deepEqual(calls, []);
    assert.deepEqual(facts.fetched(), []);
  });

  it("fetches each fact once, however many testcases ask at the same time", async () => {
    const { calls, facts } = counting();
    const values = await Promise.all([
      facts.get("flavors"),
      facts.get("flavors"),
      facts.get("images"),
      facts.get("flavors"),
    ]);
    assert.equal(values[0], values[1]);
    assert.deepEqual(calls.sort(), ["flavors", "images"]);
    await facts.get("flavors");
    assert.equal(calls.length, 2);
  });

  it("memoises a failure: one attempt, every caller gets the same reason", async () => {
    const { calls, facts } = counting({ images: new Error("HTTP 500 from image\nsecond line") });
    const first = await facts.get("images").catch((err: unknown) => err);
    const second = await facts.get("images").catch((err: unknown) => err);
    assert.ok(first instanceof FactUnavailable);
    assert.equal(first, second);
    assert.equal(first.message, "could not read images: HTTP 500 from image second line");
    assert.equal(first.fact, "images");
    assert.deepEqual(calls, ["images"]);
  });

  it("keeps other facts usable when one fails", async () => {
    const { facts } = counting({ images: new Error("down") });
    await assert.rejects(facts.get("images"));
    assert.deepEqual(await facts.get("catalog"), []);
  });

  it("prefetches in parallel without unhandled rejections", async () => {
    const { calls, facts } = counting({ volumeTypes: new Error("down") });
    facts.prefetch(["flavors", "volumeTypes"]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(calls.sort(), ["flavors", "volumeTypes"]);
  });
});

describe("factsFromValues", () => {
  it("serves the values and reports a missing fact with its origin", async () => {
    const facts = factsFromValues({ roles: ["member"] }, { now: new Date(0), origin: "snapshot lab.json" });
    assert.deepEqual(await facts.get("roles"), ["member"]);
    await assert.rejects(facts.get("flavors"), {
      message: "could not read flavors: snapshot lab.json holds no flavors",
    });
  });
});
