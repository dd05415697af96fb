/** `scs run` as a user runs it, without a cloud: the reference's config.toml, usage errors. */
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { generateEd25519 } from "../../src/ssh/keygen.ts";
import { scsAsync } from "../support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "scs-run-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, "config.toml");
copyFileSync(fileURLToPath(new URL("../../src/run/config.example.toml", import.meta.url)), config);

describe("scs run (CLI)", () => {
  it("--help shows the options and examples", async () => {
    const r = await scsAsync(["run", "--help"]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage: scs run \[options\]/);
    assert.match(r.stdout, /Examples:\n {2}scs run -c config\.toml --preset iaas/);
  });

  it("the reference's config.toml as it is: a KaaS preset (no cloud needed), signed, not uploaded", async () => {
    mkdirSync(join(dir, ".secret"));
    writeFileSync(join(dir, ".secret", "keyfile"), generateEd25519("runner").privateKey, { mode: 0o600 });
    const out = join(dir, "out");
    const r = await scsAsync(["run", "-c", config, "--preset", "kaas1", "--no-upload", "-o", out], {
      env: { CI: "true" },
    });
    // the scope file ./scs-compatible-kaas.yaml is not beside the config: the built-in one is used
    assert.equal(r.status, 1, `KaaS testcases are not implemented: ABORT, so not passed\n${r.stderr}`);
    assert.match(r.stderr, /^teuto-1\.36: checking\nteuto-1\.36: ABORT after \d+\.\d s\n$/);
    assert.match(r.stdout, /^subject +v1 +report\nteuto-1\.36 +ABORT +written\n$/);
    assert.ok(existsSync(join(out, "teuto-1.36.yaml")) && existsSync(join(out, "teuto-1.36.yaml.sig")));
  });

  it("usage errors are one line with exit 2, before any check", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["-c", join(dir, "none.toml")],
        /^scs: error: cannot read the config \S+none\.toml: no such file \(give -c FILE\)\n$/,
      ],
      [
        ["-c", config, "--preset", "nope"],
        /^scs: error: preset not found: nope \(\S+ has default, iaas, kaas, /,
      ],
      [["-c", config, "--subject", "x"], /^scs: error: both scope\(s\) and subject\(s\) must be non-empty/],
      [["-c", config, "--workers", "0"], /^scs: error: --workers must be 1\.\.256, got 0\n$/],
      [["-c", config, "--timeout", "soon"], /^scs: error: --timeout must be seconds > 0, got soon\n$/],
      [
        ["-c", config, "--monitor-url", "http://user:pw@localhost/"],
        /^scs: error: the monitor URL must not carry credentials: use SCS_MONITOR_TOKEN or --token-file\n$/,
      ],
    ];
    for (const [args, expected] of cases) {
      const r = await scsAsync(["run", ...args, "-o", join(dir, "never")], {
        env: { SCS_MONITOR_TOKEN: "" },
      });
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, expected);
    }
    assert.ok(!existsSync(join(dir, "never")), "nothing written");
  });
});
