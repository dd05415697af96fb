/** `scs check` as a user runs it: exit statuses and one-line errors through the real program. */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** Runs the real program in a child process (the test runner owns this process's stdout). */
function scs(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, ...argv],
      { env: { ...process.env, NO_COLOR: "1" } },
      (error, out, err) => {
        const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ status, out, err });
      },
    );
  });
}

describe("scs check (CLI)", () => {
  it("--help shows options and examples", async () => {
    const { status, out } = await scs("check", "--help");
    assert.equal(status, 0);
    assert.match(out, /Usage: scs check \[options\] \[SPEC_YAML\]/);
    assert.match(out, /-V, --version <VERSION>/);
    assert.match(out, /Examples:\n {2}scs check -s mycloud --os-cloud mycloud -o report\.yaml/);
  });

  it("-V after the command is the scope version, before it the program version", async () => {
    const forced = await scs("check", "-s", "x", "-V", "v9");
    assert.equal(forced.status, 2);
    assert.equal(forced.err, "scs: error: Missing variable assignments (via -a) for: os_cloud\n");
    const version = await scs("check", "-s", "x", "-a", "os_cloud=c", "-V", "v9");
    assert.equal(version.err, "scs: error: Requested version 'v9' not found\n");
  });

  const errors: Array<[string[], string]> = [
    [["check"], "scs: error: You need pass --subject=SUBJECT.\n"],
    [
      ["check", "-s", "x", "-a", "os_cloud=a", "--os-cloud", "b"],
      "scs: error: Double assignment for 'os_cloud'\n",
    ],
    [
      ["check", "-s", "x", "--os-cloud", "c", "-d", "2020-01-01"],
      "scs: error: No valid version found for 2020-01-01\n",
    ],
    [
      ["check", "-s", "x", "--snapshot", "no-such-snapshot.json"],
      "scs: error: cannot read snapshot no-such-snapshot.json: no such file\n",
    ],
    [["check", "-s", "x", "--os-cloud", "no-such-cloud-here"], "UNKNOWN_CLOUD"],
    [
      ["check", "nope.yaml", "-s", "x"],
      "scs: error: cannot read scope file nope.yaml: ENOENT: no such file or directory, open 'nope.yaml'\n",
    ],
  ];
  for (const [argv, message] of errors) {
    it(`${argv.join(" ")} → exit 2, one line`, async () => {
      const { status, err, out } = await scs(...argv);
      assert.equal(status, 2);
      if (message === "UNKNOWN_CLOUD")
        assert.match(err, /^scs: error: unknown cloud "no-such-cloud-here"[^\n]*\n$/);
      else assert.equal(err, message);
      assert.equal(out, "");
    });
  }

  it("an unknown option is a usage error", async () => {
    const { status, err } = await scs("check", "-s", "x", "--frobnicate");
    assert.equal(status, 2);
    assert.match(err, /unknown option '--frobnicate'/);
  });

  // A scope whose testcases are not implemented: a whole run that needs no cloud.
  const kaas = [
    "scs-compatible-kaas.yaml",
    "-s",
    "k",
    "-a",
    "kubeconfig=k",
    "-a",
    "subject_root=r",
    "-d",
    "2025-01-01",
  ];

  it("records the arguments after the command name as run.argv", async () => {
    const args = [...kaas, "-o", "-"];
    const { status, out } = await scs("check", ...args);
    assert.equal(status, 0);
    const argv = /^ {2}argv:\n((?: {2}- .*\n)+)/m.exec(out)?.[1];
    assert.deepEqual(
      argv
        ?.trimEnd()
        .split("\n")
        .map((l) => l.slice(4).replace(/^'(.*)'$/, "$1")),
      args,
    );
  });

  it("a scope whose testcases are not implemented needs no cloud and reports ABORT", async () => {
    const { status, out } = await scs("check", ...kaas);
    assert.equal(status, 0);
    assert.match(out, /^k SCS-compatible KaaS v1:\n- main: FAIL \(0 passed, 3 aborted\)/);
  });
});
