/** Properties over a generated corpus: round trips, robustness on hostile input, conversions. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { generateCorpus, rng } from "../../../bench/flavor-names/corpus.ts";
import { describe } from "./describe.ts";
import { deriveExtraSpecs } from "./extra-specs.ts";
import { formatV1, formatV2, shortV2, v1ToV2, v2ToV1 } from "./format.ts";
import { extraSpecsJson, parseResultJson, renderParse } from "./render.ts";
import { parseFlavorName, STRATEGIES } from "./strategy.ts";

test("format(parse(x)) is a fixed point, and v1/v2 canonical forms parse to the same flavor", () => {
  let valid = 0;
  for (const name of generateCorpus(5000, 1)) {
    const r = parseFlavorName(name, "vN");
    if (r.status !== "valid") continue;
    valid++;
    const v2 = formatV2(r.flavor);
    const again = parseFlavorName(v2, "v3");
    assert.equal(again.status, "valid", `${name} -> ${v2}`);
    assert.equal(again.status === "valid" && formatV2(again.flavor), v2, name);
    // v1 has no chy: such a name has no valid v1 form (the reference derives one anyway).
    if (r.flavor.hype === "chy") continue;
    const v1 = parseFlavorName(formatV1(r.flavor), "v1");
    assert.equal(v1.status, "valid", `${name} -> ${formatV1(r.flavor)}`);
    assert.deepEqual((v1 as { flavor: unknown }).flavor, (again as { flavor: unknown }).flavor, name);
    // A canonical v2 name without normalisations is its own canonical form.
    if (name === v2) assert.deepEqual(r.flavor, (again as { flavor: unknown }).flavor);
    // The short form is valid too, except where the reference's quirk 1 bites: a GPU part
    // without unit count loses its h and then swallows the _ib that follows (e.g. _GNh_ib).
    const g = r.flavor.gpu;
    const quirk = g !== null && g.cu === null && g.vram === null && r.flavor.ib;
    const short = parseFlavorName(shortV2(r.flavor), "v3");
    assert.equal(short.status, quirk ? "invalid" : "valid", shortV2(r.flavor));
  }
  assert.ok(valid > 2000, `the corpus should hold many valid names, has ${valid}`);
});

test("hostile input never throws and gives one of the three outcomes", () => {
  const r = rng(99);
  const alphabet = [
    "S",
    "C",
    "-",
    "_",
    ":",
    "x",
    "h",
    "0",
    "1",
    "9",
    ".",
    "i",
    "V",
    "G",
    "N",
    "\n",
    "\r",
    "\0",
    "ü",
    "💥",
    "\u200b",
    " ",
  ];
  const inputs = [
    "",
    "SCS-",
    "SCS-\n",
    `SCS-2V-4${"_ib".repeat(10000)}`,
    `SCS-${"9".repeat(100000)}V-4`,
    `SCS-2V-${"9".repeat(100000)}`,
    `SCS-2V-4-${"9".repeat(5000)}x${"9".repeat(5000)}`,
    `SCS-2V-4_GN${"a".repeat(1_000_000)}`,
    "SCS-2V-4_i\u0000",
    "SCS-\uD800",
  ];
  for (let i = 0; i < 20000; i++) {
    let s = "SCS-";
    const len = Math.floor(r() * 20);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(r() * alphabet.length)];
    inputs.push(s);
  }
  for (const name of inputs) {
    for (const strategy of STRATEGIES) {
      const out = parseFlavorName(name, strategy);
      assert.ok(["valid", "invalid", "not-scs"].includes(out.status));
      if (out.status === "invalid") assert.ok(out.error.length > 0);
      for (const mode of ["none", "prose", "yaml", "json"] as const) renderParse(name, out, mode, true);
    }
  }
});

test("a 1 MB name is answered quickly with the reference's message", () => {
  const name = `SCS-2V-4_GN${"a".repeat(1_000_000)}`;
  const r = parseFlavorName(name);
  assert.equal(r.status, "invalid");
  assert.ok(r.status === "invalid" && r.error.startsWith("gen can not be set to 'aaaa"));
  assert.ok(JSON.parse(parseResultJson(name, r)).error.length > 1_000_000);
});

test("huge integers stay exact", () => {
  const r = parseFlavorName("SCS-123456789012345678901234567890V-4-98765432109876543210", "v3");
  assert.equal(r.status, "valid");
  const f = (r as { flavor: Parameters<typeof formatV2>[0] }).flavor;
  assert.equal(f.cpuram.cpus, 123456789012345678901234567890n);
  assert.equal(formatV2(f), "SCS-123456789012345678901234567890V-4-98765432109876543210");
  assert.match(describe(f), /^SCS flavor with 123456789012345678901234567890 generic/);
  const json = parseResultJson("x", r);
  assert.match(json, /"cpus":123456789012345678901234567890,/);
  assert.match(json, /"disk":98765432109876543210,/);
  const specs = deriveExtraSpecs([f]);
  assert.ok(specs.ok && specs.extraSpecs.get("cpus") === 123456789012345678901234567890n);
});

test("the one-pass v2->v1 conversion equals the three substitutions of the spec", () => {
  const r = rng(5);
  const alphabet = ["S", "C", "-", "_", ":", "x", "2"];
  const reference = (s: string) => s.replaceAll("-", ":").replaceAll("_", "-").replaceAll("SCS:", "SCS-");
  for (let i = 0; i < 20000; i++) {
    let s = "";
    for (let j = 0; j < 12; j++) s += alphabet[Math.floor(r() * alphabet.length)];
    assert.equal(v2ToV1(s), reference(s), JSON.stringify(s));
    assert.equal(v1ToV2(s).length, s.length);
  }
});

test("the JSON line's extraSpecs equal deriveExtraSpecs for every valid name", () => {
  for (const name of generateCorpus(3000, 3)) {
    const r = parseFlavorName(name, "v3");
    if (r.status !== "valid") continue;
    const derived = deriveExtraSpecs([r.flavor]);
    assert.ok(derived.ok);
    const line = parseResultJson(name, r);
    const expected = extraSpecsJson(derived.extraSpecs);
    assert.equal(line.slice(line.indexOf(',"extraSpecs":') + 14, -1), expected, name);
  }
});
