import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDate, parseMarkerDate, parseStrictDate } from "./dates.ts";

const utc = (text: string): number => Date.parse(text) / 1000;

describe("parseDate (strptime layouts)", () => {
  const cases: [string, number][] = [
    ["2024-05-01T10:20:30Z", utc("2024-05-01T10:20:30Z")],
    ["2024-05-01t10:20:30z", utc("2024-05-01T10:20:30Z")],
    ["2024-05-01 10:20:30", utc("2024-05-01T10:20:30Z")],
    ["2024-05-01 \t 10:20", utc("2024-05-01T10:20:00Z")],
    ["2024-05-01", utc("2024-05-01T00:00:00Z")],
    ["2024-5-1", utc("2024-05-01T00:00:00Z")],
    ["2024-12-31 23:59:60", utc("2025-01-01T00:00:00Z")],
    ["2024-02-29", utc("2024-02-29T00:00:00Z")],
    ["1969-12-31", -86400],
    // invalid
    ["1970-01-01", 0],
    ["2024-02-30", 0],
    ["2023-02-29", 0],
    ["2024-13-01", 0],
    ["2024-00-10", 0],
    ["24-05-01", 0],
    ["02024-05-01", 0],
    [" 2024-05-01", 0],
    ["2024-05-01 ", 0],
    ["2024-05-01T10:20:30.5Z", 0],
    ["2024-05-01T10:20:30+01:00", 0],
    ["2024-05-01T10:20:30", 0],
    ["2024-05-01 24:00", 0],
    ["2024-05-01 10:60", 0],
    ["2024-05-01 10:20:62", 0],
    ["0000-01-01", 0],
    ["", 0],
    ["soon", 0],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(parseDate(text), expected));
  }
});

describe("parseStrictDate", () => {
  it("accepts only YYYY-MM-DDTHH:MM:SSZ", () => {
    assert.equal(parseStrictDate("2024-05-01T10:20:30Z"), utc("2024-05-01T10:20:30Z"));
    assert.equal(parseStrictDate("2024-05-01 10:20:30"), 0);
    assert.equal(parseStrictDate("2024-05-01"), 0);
  });
});

describe("parseMarkerDate", () => {
  it("reads YYYY-MM-DD and YYYYMMDD like strptime", () => {
    assert.equal(parseMarkerDate("2024-01-05"), utc("2024-01-05T00:00:00Z"));
    assert.equal(parseMarkerDate("20240105"), utc("2024-01-05T00:00:00Z"));
    assert.equal(parseMarkerDate("202415"), utc("2024-01-05T00:00:00Z"));
    assert.equal(parseMarkerDate("2024111"), utc("2024-11-01T00:00:00Z"));
  });
  it("rejects other words", () => {
    for (const word of ["old", "prev", "2024-01", "v1.2", "20241301", "2024-01-05T00:00:00Z"]) {
      assert.equal(parseMarkerDate(word), 0, word);
    }
  });
});
