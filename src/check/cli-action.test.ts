import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../errors.ts";
import { checkOptionsOf, sampleVmOptions } from "./cli-action.ts";

describe("checkOptionsOf", () => {
  it("maps commander's options and drops the absent ones", () => {
    const options = checkOptionsOf(
      "scope.yaml",
      { subject: "s", assign: ["a=1"], osCloud: "c", verbose: 1, criticalOnly: true, junit: "j.xml" },
      ["-s", "s"],
    );
    assert.deepEqual(options, {
      argv: ["-s", "s"],
      spec: "scope.yaml",
      subject: "s",
      assign: ["a=1"],
      osCloud: "c",
      junit: "j.xml",
      criticalOnly: true,
      verbose: 1,
      quiet: false,
      debug: false,
    });
  });
  it("-vv means --debug, like the reference", () => {
    assert.equal(checkOptionsOf(undefined, { verbose: 2 }, []).debug, true);
    assert.equal(checkOptionsOf(undefined, { verbose: 1 }, []).debug, false);
  });
});

describe("sampleVmOptions", () => {
  it("turns --vm-boot-timeout and --vm-timeout seconds into the VM's time-outs", () => {
    const lines: string[] = [];
    const options = sampleVmOptions({ vmBootTimeout: "120", vmTimeout: "900" }, (t) => lines.push(t));
    assert.deepEqual(options.timeouts, { volumeMs: 120_000, activeMs: 120_000, guestMs: 900_000 });
    options.progress?.("sample VM _scs-1: boot: server (1.0 s)");
    assert.deepEqual(lines, ["sample VM _scs-1: boot: server (1.0 s)\n"]);
  });

  it("prints no progress with --quiet", () => {
    assert.equal(sampleVmOptions({ quiet: true }, () => {}).progress, undefined);
  });

  for (const bad of ["0", "-5", "ten", "1e3", ""]) {
    it(`refuses --vm-timeout ${JSON.stringify(bad)}`, () => {
      assert.throws(
        () => sampleVmOptions({ vmTimeout: bad }, () => {}),
        (err: unknown) => err instanceof UsageError && err.message.startsWith("--vm-timeout"),
      );
    });
  }
});
