import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { GOOD_CONSOLE } from "./console-output.test.ts";
import { parseConsole } from "./console-output.ts";
import { fipsFailures, judgeEntropy, judgeFips, judgeRngd, Undecidable } from "./verdicts.ts";

const lines = (section: string, ...values: string[]) =>
  parseConsole(values.map((v) => `[  1.0] cloud-init[1]: _scs-test-${section}: ${v}`).join("\n"));

describe("judgeEntropy", () => {
  const cases: readonly [string[], boolean][] = [
    [["256"], true],
    [["  256  "], true],
    [["256", "17"], true],
    [["255"], false],
    [["4096"], false],
    [["0256"], false],
    [[""], false],
    [["17", "256"], false],
  ];
  for (const [values, passed] of cases) {
    it(`${JSON.stringify(values)} → ${passed ? "PASS" : "FAIL"}`, () => {
      assert.equal(judgeEntropy(lines("entropy-avail", ...values)).passed, passed);
    });
  }

  it("passes the lab guest's console", () => {
    assert.deepEqual(judgeEntropy(parseConsole(GOOD_CONSOLE)), {
      passed: true,
      message: "entropy_avail is 256",
    });
  });

  it("is undecidable without the section and names what it saw", () => {
    assert.throws(
      () => judgeEntropy(lines("fips-test", "x")),
      (err: unknown) =>
        err instanceof Undecidable &&
        err.message === 'the console log has no "_scs-test-entropy-avail:" line (sections seen: fips-test)',
    );
    assert.throws(() => judgeEntropy(parseConsole("")), /sections seen: none/);
  });
});

describe("judgeFips", () => {
  const report = (failures: string) => [
    "rngtest: FIPS 140-2 successes: 997",
    `rngtest: FIPS 140-2 failures: ${failures}`,
    "rngtest: FIPS 140-2(2001-10-10) Monobit: 1",
  ];
  const cases: readonly [string, boolean, boolean][] = [
    ["0", true, false],
    ["3", true, false],
    ["4", true, true],
    ["5", true, true],
    ["6", false, false],
    ["1000", false, false],
  ];
  for (const [failures, passed, lenient] of cases) {
    it(`${failures} failures → ${passed ? "PASS" : "FAIL"}${lenient ? " (lenient)" : ""}`, () => {
      const judgement = judgeFips(lines("fips-test", ...report(failures)));
      assert.equal(judgement.passed, passed);
      assert.equal(judgement.lenient ?? false, lenient);
      assert.match(judgement.message, new RegExp(`^rngtest: ${failures} of 1000 FIPS 140-2 blocks failed`));
    });
  }

  it("reads the first failures count, whatever comes before or after (reordered lines)", () => {
    const sections = lines(
      "fips-test",
      "rngtest: FIPS 140-2 failures: 2",
      "rngtest: FIPS 140-2 successes: 998",
      "failures: 9",
    );
    assert.equal(fipsFailures(sections), 2);
  });

  it("is undecidable when rngtest left out the failures line", () => {
    assert.throws(
      () => judgeFips(lines("fips-test", "rngtest 5", "rngtest: FIPS 140-2 successes: 1000")),
      (err: unknown) =>
        err instanceof Undecidable && err.message === 'rngtest printed no "failures: <count>" line',
    );
  });

  it("is undecidable when the count is not separated by a space (as the reference)", () => {
    assert.throws(
      () => judgeFips(lines("fips-test", "rngtest: FIPS 140-2 failures:\t2")),
      /not separated by a space/,
    );
  });

  it("is undecidable without the section", () => {
    assert.throws(() => judgeFips(lines("entropy-avail", "256")), /no "_scs-test-fips-test:" line/);
  });
});

describe("judgeRngd", () => {
  it("passes a loaded unit, running or not", () => {
    assert.equal(judgeRngd(parseConsole(GOOD_CONSOLE)).passed, true);
    const inactive = lines(
      "rngd",
      "○ rngd.service - rngd",
      "Loaded: loaded (/lib/systemd/system/rngd.service)",
      "Active: inactive (dead)",
    );
    assert.deepEqual(judgeRngd(inactive), {
      passed: true,
      message: "rngd is present (Active: inactive (dead))",
    });
  });

  it("fails when systemd does not know the unit", () => {
    assert.deepEqual(judgeRngd(lines("rngd", "Unit rngd.service could not be found.")), {
      passed: false,
      message: "rngd is not present: Unit rngd.service could not be found.",
    });
    assert.equal(
      judgeRngd(lines("rngd", "○ rngd.service", "Loaded: not-found (Reason: No such file)")).passed,
      false,
    );
  });

  it("is undecidable without the section", () => {
    assert.throws(() => judgeRngd(lines("fips-test", "x")), Undecidable);
  });
});

describe("the console of the lab's Debian 12 image (scripts/lab/vm-image.sh, booted with this user data)", () => {
  const console = readFileSync(new URL("./fixtures/lab-guest-console.txt", import.meta.url), "utf8");
  const sections = parseConsole(console);

  it("passes all three verdicts", () => {
    assert.equal(judgeEntropy(sections).passed, true);
    assert.equal(fipsFailures(sections), 0);
    assert.match(judgeRngd(sections).message, /^rngd is present \(Active: active \(running\)/);
  });

  it("tolerates sudo's stray lines inside the sections", () => {
    assert.equal(
      sections.get("rngd")?.[0],
      "sudo: unable to resolve host scs-smoke: Temporary failure in name resolution",
    );
  });
});
