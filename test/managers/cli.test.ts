/** `scs flavors` and `scs images` mistakes a user makes, caught before any cloud is asked. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { scs } from "../support/cli.ts";

describe("scs flavors / scs images command lines", () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-managers-cli-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a flavor spec mistake is reported with its line, exit 2", () => {
    const spec = join(dir, "flavors.yaml");
    writeFileSync(spec, "flavors:\n  - SCS-2V-4\n  - SCS-2Q-4\n");
    const run = scs(["flavors", "plan", "--os-cloud", "no-such-cloud", "--spec", spec]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /^scs: error: .*flavors\.yaml:3:5: flavors\[1\]: SCS-2Q-4 is no valid SCS flavor name/m,
    );
    const both = scs(["flavors", "plan", "--os-cloud", "no-such-cloud", "--spec", spec, "--recommended"]);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--recommended and --spec exclude each other/);
  });

  it("an image spec mistake is reported with its line, exit 2; --spec is required", () => {
    const spec = join(dir, "images.yaml");
    writeFileSync(
      spec,
      "images:\n  - name: Debian 12\n    url: ftp://example.org/x.qcow2\n    checksum: sha256:abc\n",
    );
    const run = scs(["images", "apply", "--os-cloud", "no-such-cloud", "--spec", spec, "--yes"]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /^scs: error: .*images\.yaml:3:10: images\[0\]\.url: must be an http:\/\/ or https:\/\/ URL \(and 1 more problem\)$/m,
    );
    const missing = scs(["images", "plan", "--os-cloud", "x"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--spec/);
  });

  it("--help shows examples and the exit statuses", () => {
    for (const command of [
      ["flavors", "plan"],
      ["images", "apply"],
    ]) {
      const help = scs([...command, "--help"]);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /Examples:/);
      assert.match(help.stdout, /Exit status: plan 0 nothing to change/);
    }
  });
});
