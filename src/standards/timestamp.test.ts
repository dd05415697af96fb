import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatWallTime,
  localMoment,
  localTimestamp,
  localWallTime,
  normaliseTimestamp,
  parseTimestamp,
  wallClockDate,
} from "./timestamp.ts";

describe("report timestamps", () => {
  it("normalises to the stored form: T, six fractional digits", () => {
    assert.equal(normaliseTimestamp("2026-11-21 05:27:07.7837"), "2026-11-21T05:27:07.783700");
    assert.equal(normaliseTimestamp("2026-11-21T05:27:07"), "2026-11-21T05:27:07.000000");
    assert.equal(normaliseTimestamp(" 2024-02-29 23:59:59.999999 "), "2024-02-29T23:59:59.999999");
  });

  it("refuses what is not a real moment", () => {
    for (const bad of [
      "yesterday",
      "2026-13-45 25:61:61",
      "2026-02-29 10:00:00",
      "2026-04-31 10:00:00",
      "2026-11-21 24:00:00",
      "2026-11-21 23:60:00",
      "2026-11-21 23:59:60",
      "0000-01-01 00:00:00",
      "2026-11-21 05:27:07.1234567",
      "2026-11-21 05:27:07Z",
      "2026-11-21",
      "2026-11-21 05:27:07\nextra",
    ]) {
      assert.equal(parseTimestamp(bad), undefined, bad);
      assert.equal(normaliseTimestamp(bad), undefined, bad);
    }
  });

  it("writes a moment in local time and reads it back", () => {
    const moment = new Date(2026, 10, 21, 5, 27, 7, 783);
    assert.equal(localTimestamp(moment), "2026-11-21T05:27:07.783000");
    assert.equal(localMoment("2026-11-21T05:27:07.783000").getTime(), moment.getTime());
    assert.equal(
      formatWallTime(localWallTime(moment.getTime() + 0.25), " "),
      "2026-11-21 05:27:07.783250",
      "fractions of a millisecond are kept",
    );
  });

  it("reads wall-clock fields into UTC fields for day arithmetic", () => {
    assert.equal(wallClockDate("2026-03-29T02:30:00").toISOString(), "2026-03-29T02:30:00.000Z");
    assert.throws(() => wallClockDate("2026-13-45T25:61:61"), /not a timestamp: 2026-13-45T25:61:61/);
  });
});
