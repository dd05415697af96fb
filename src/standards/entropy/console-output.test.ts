import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { consoleState, parseConsole } from "./console-output.ts";

/** A console log as the lab's Debian guest prints it, kernel lines interleaved. */
export const GOOD_CONSOLE = [
  "[    0.000000] Linux version 6.1.0-28-cloud-amd64",
  "[   21.114590] cloud-init[412]: Cloud-init v. 22.4.2 running 'modules:final'",
  "[   24.223001] cloud-init[412]: _scs-test-entropy-avail: 256",
  "[   29.001002] cloud-init[412]: _scs-test-fips-test: rngtest 5",
  "[   29.001003] cloud-init[412]: _scs-test-fips-test: rngtest: starting FIPS tests...",
  "[   29.001004] cloud-init[412]: _scs-test-fips-test: rngtest: bits received from input: 20000032",
  "[   29.001005] cloud-init[412]: _scs-test-fips-test: rngtest: FIPS 140-2 successes: 1000",
  "[   29.001006] cloud-init[412]: _scs-test-fips-test: rngtest: FIPS 140-2 failures: 0",
  "[   29.001007] cloud-init[412]: _scs-test-fips-test: rngtest: FIPS 140-2(2001-10-10) Monobit: 0",
  "[   30.101000] cloud-init[412]: _scs-test-rngd: ● rngd.service - Start entropy gathering daemon (rngd)",
  "[   30.101001] cloud-init[412]: _scs-test-rngd:      Loaded: loaded (/lib/systemd/system/rngd.service; enabled; preset: enabled)",
  "[   30.101002] cloud-init[412]: _scs-test-rngd:      Active: active (running) since Wed 2026-12-02 17:00:00 UTC; 10s ago",
  "[   30.201000] cloud-init[412]: _scs-test-virtio-rng: virtio_rng.0",
  "[   30.201001] cloud-init[412]: _scs-test-virtio-rng:  3f a1",
  "[   30.301000] cloud-init[412]: _scs-test-end",
  "[   30.401000] cloud-init[412]: _scs-test-end",
].join("\n");

describe("parseConsole", () => {
  it("collects the lines of each section in console order, trimmed", () => {
    const sections = parseConsole(GOOD_CONSOLE);
    assert.deepEqual([...sections.keys()], ["entropy-avail", "fips-test", "rngd", "virtio-rng"]);
    assert.deepEqual(sections.get("entropy-avail"), ["256"]);
    assert.equal(sections.get("fips-test")?.length, 6);
    assert.deepEqual(sections.get("virtio-rng"), ["virtio_rng.0", "3f a1"]);
  });

  const cases: readonly { name: string; console: string; expected: Record<string, string[]> }[] = [
    { name: "nothing marked", console: "login:\nfoo: bar", expected: {} },
    { name: "end marker only", console: "_scs-test-end\n", expected: {} },
    { name: "CRLF lines", console: "_scs-test-a: 1\r\n_scs-test-a: 2\r\n", expected: { a: ["1", "2"] } },
    { name: "split at the first colon", console: "x _scs-test-a: b: c", expected: { a: ["b: c"] } },
    {
      name: "reordered and interleaved sections",
      console: "_scs-test-b: 2\nnoise\n_scs-test-a: 1\n_scs-test-b: 3",
      expected: { b: ["2", "3"], a: ["1"] },
    },
    {
      name: "the first marker of a line counts",
      console: "_scs-test-a: _scs-test-b: 1",
      expected: { a: ["_scs-test-b: 1"] },
    },
    { name: "empty value", console: "_scs-test-a:", expected: { a: [""] } },
  ];
  for (const { name, console, expected } of cases) {
    it(name, () => {
      assert.deepEqual(Object.fromEntries(parseConsole(console)), expected);
    });
  }
});

describe("consoleState", () => {
  const cases: readonly [string, string][] = [
    ["", "running"],
    ["booting\n_scs-test-entropy-avail: 256", "running"],
    [GOOD_CONSOLE, "ended"],
    ["2026 - util.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud)", "failed"],
    [`${GOOD_CONSOLE}\nFailed to run module scripts-user`, "failed"],
  ];
  for (const [console, kind] of cases) {
    it(`${JSON.stringify(console.slice(-40))} is ${kind}`, () => {
      assert.equal(consoleState(console).kind, kind);
    });
  }
});
