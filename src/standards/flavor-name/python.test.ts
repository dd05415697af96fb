import assert from "node:assert/strict";
import { test } from "node:test";
import { repr, reprFloat, reprStr, reprTuple } from "./python.ts";

test("reprFloat matches Python's repr(float)", () => {
  const cases: [number, string][] = [
    [0, "0.0"],
    [4, "4.0"],
    [0.5, "0.5"],
    [0.25, "0.25"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [1e20, "1e+20"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [1234567890123456, "1234567890123456.0"],
    [123456789012345680, "1.2345678901234568e+17"],
    [0.1, "0.1"],
    [1.5e-7, "1.5e-07"],
    [Number.POSITIVE_INFINITY, "inf"],
    [1e300, "1e+300"],
    [3.5, "3.5"],
  ];
  for (const [x, want] of cases) assert.equal(reprFloat(x), want, String(x));
});

test("reprStr matches Python's repr(str)", () => {
  const cases: [string, string][] = [
    ["a_ib", "'a_ib'"],
    ["", "''"],
    ["a\nb", "'a\\nb'"],
    ["\t\\", "'\\t\\\\'"],
    ["\x7fx", "'\\x7fx'"],
    ["it's", '"it\'s"'],
    ['it\'s "q"', "'it\\'s \"q\"'"],
    ["ü€", "'ü€'"],
    ["\u00a0", "'\\xa0'"],
    ["\u200b", "'\\u200b'"],
    ["\u{e0001}", "'\\U000e0001'"],
  ];
  for (const [s, want] of cases) assert.equal(reprStr(s), want, JSON.stringify(s));
});

test("repr and reprTuple cover None, int, float and tuples", () => {
  assert.equal(repr(null), "None");
  assert.equal(repr(99999999999999999999n), "99999999999999999999");
  assert.equal(reprTuple([null, 0n, 1n]), "(None, 0, 1)");
  assert.equal(reprTuple(["", "h", "hh"]), "('', 'h', 'hh')");
  assert.equal(reprTuple([null]), "(None,)");
});
