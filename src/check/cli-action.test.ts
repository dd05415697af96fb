import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkOptionsOf } from "./cli-action.ts";

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
