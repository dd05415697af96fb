import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expiryOf, lifetimeOf } from "./lifetime.ts";
import type { Lifetime } from "./types.ts";

const naive = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const show = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ");

describe("expiryOf (spec §7)", () => {
  const table: Array<[Lifetime, string, string]> = [
    ["day", "2026-11-21 05:26:03", "2026-11-23 00:00:00"],
    ["day", "2026-12-31 23:59:59", "2027-01-02 00:00:00"],
    ["week", "2026-11-16 10:00:00", "2026-11-30 00:00:00"], // Monday → +14
    ["week", "2026-11-22 10:00:00", "2026-11-30 00:00:00"], // Sunday → +8
    ["week", "2026-11-21 00:00:00", "2026-11-30 00:00:00"], // Saturday → +9
    ["month", "2026-11-21 05:00:00", "2027-01-01 00:00:00"],
    ["month", "2026-12-01 00:00:00", "2027-02-01 00:00:00"],
    ["month", "2026-01-31 00:00:00", "2026-03-01 00:00:00"],
    ["quarter", "2026-01-01 00:00:00", "2026-07-01 00:00:00"],
    ["quarter", "2026-06-30 00:00:00", "2026-10-01 00:00:00"],
    ["quarter", "2026-09-30 00:00:00", "2027-01-01 00:00:00"],
    ["quarter", "2026-10-01 00:00:00", "2027-04-01 00:00:00"],
    ["year", "2026-11-21 00:00:00", "2028-01-01 00:00:00"],
    ["year", "2026-05-15 00:00:00", "2027-07-01 00:00:00"],
  ];
  for (const [lifetime, checked, expiry] of table) {
    it(`${lifetime} from ${checked} → ${expiry}`, () => {
      assert.equal(show(expiryOf(lifetime, naive(checked))), expiry);
    });
  }
  it("lifetimeOf: week by default, undefined for unknown periods", () => {
    assert.equal(lifetimeOf(undefined), "week");
    assert.equal(lifetimeOf("quarter"), "quarter");
    assert.equal(lifetimeOf("fortnight"), undefined);
  });
});
