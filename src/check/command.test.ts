import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fake, fakeFacts, fakeSource, registryOf } from "../../test/check/support/fakes.ts";
import { frozenClock } from "../clock.ts";
import { ScsError, UsageError } from "../errors.ts";
import { parseReport } from "../standards/scope/index.ts";
import { type CheckEnvironment, type CheckOptions, check, type SourceRequest } from "./command.ts";

const dir = mkdtempSync(join(tmpdir(), "scs-check-"));
const scopePath = join(dir, "scope.yaml");
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  scopePath,
  `
uuid: 0000-scope
name: Test scope
url: https://example.org/test.yaml
variables: [os_cloud]
scripts:
- executable: ./run.py
  args: -c {os_cloud} {testcases}
  testcases:
  - id: t-pass
    description: passes
    section: light
  - id: t-fail
    description: fails
    url: https://example.org/t-fail
  - id: t-abort
- testcases:
  - id: manual
modules:
- id: m1
  targets:
    main: [t-pass, t-fail]
- id: m2
  targets:
    main: [t-abort]
    preview: [manual]
timeline:
- date: 2025-01-01
  versions: {v2: draft, v1: effective}
versions:
- version: v2
  include: [m1, m2]
- version: v1
  stabilized_at: 2024-12-01
  include: [m1]
`,
);

const registry = registryOf(
  fake("t-pass", "PASS"),
  fake("t-fail", "FAIL", [{ level: "error", message: 'flavor "SCS-x": wrong' }]),
  fake("t-abort", "ABORT", [{ level: "warning", message: "no images" }]),
);

interface Captured {
  out: string;
  err: string;
  requests: SourceRequest[];
  closed: boolean;
}

async function runWith(
  options: Partial<CheckOptions>,
  roles?: readonly string[],
  env: Partial<CheckEnvironment<unknown>> = {},
) {
  const cap: Captured = { out: "", err: "", requests: [], closed: false };
  const facts = fakeFacts();
  const source = fakeSource(facts, roles ? { roles } : {});
  let n = 0;
  const result = await check(
    {
      spec: scopePath,
      subject: "lab",
      assign: ["os_cloud=lab-member"],
      date: "2025-06-01",
      argv: ["-s", "lab"],
      ...options,
    },
    {
      registry,
      async openSource(request) {
        cap.requests.push(request);
        return source;
      },
      stdout: (t) => {
        cap.out += t;
      },
      stderr: (t) => {
        cap.err += t;
      },
      progress: { update() {}, clear() {} },
      runner: "scs test",
      fixed: { runUuid: "run-uuid", checkedAt: "2025-06-01 12:00:00.000001", newId: () => `inv-${++n}` },
      ...env,
    },
  );
  cap.closed = source.closed;
  return { ...result, cap };
}

describe("check: its clock", () => {
  it("takes the reference date and checked_at from the clock it is given", async () => {
    const clock = frozenClock(new Date(2025, 5, 3, 4, 5, 6, 789));
    const { report } = await runWith({ date: undefined }, undefined, { clock, fixed: undefined });
    assert.equal(report.reference_date, "2025-06-03");
    assert.equal(report.checked_at, "2025-06-03 04:05:06.789000");
  });
});

describe("check: console output and exit status", () => {
  it("prints the reference's console report and the summary; exit status = errors + FAILs", async () => {
    const { exitStatus, cap } = await runWith({});
    assert.equal(exitStatus, 2); // one ERROR line + one FAIL
    assert.deepEqual(cap.requests, [{ cloud: "lab-member" }]);
    assert.ok(cap.closed);
    const expected = [
      "lab Test scope v2:",
      "- main: FAIL (1 passed, 1 failed, 1 aborted)",
      "  - FAILED:",
      "    - t-fail:",
      "      > fails",
      "      > https://example.org/t-fail",
      "  - ABORTED:",
      "    - t-abort:",
      "- preview: TENTATIVE pass (0 passed, 1 missing)",
      "  - MISSING:",
      "    - manual:",
      "lab Test scope v1:",
      "- main: FAIL (1 passed, 1 failed)",
      "  - FAILED:",
      "    - t-fail:",
      "      > fails",
      "      > https://example.org/t-fail",
      "Summary: lab against Test scope (reference date 2025-06-01)",
    ].join("\n");
    assert.ok(cap.out.startsWith(expected), cap.out);
    assert.match(
      cap.out,
      /✘ t-fail \(FAIL\)\n {6}ERROR: flavor "SCS-x": wrong\n {2}! t-abort \(ABORT\)\n {6}WARNING: no images/,
    );
    assert.equal(cap.err, "");
  });

  it("a refused pre-flight comes first under Fix first", async () => {
    const { cap } = await runWith({}, ["manager", "member"]);
    assert.match(
      cap.out,
      /Fix first:\n {2}✘ CRITICAL: user privileges too high: admin\/manager roles detected \(manager\)/,
    );
  });

  it("-v lists PASSED and echoes the testcases' output, then a line of stars", async () => {
    const { cap } = await runWith({ verbose: 1 });
    assert.match(cap.out, /^\*{80}\n/);
    assert.match(cap.out, /- PASSED:\n {4}- t-pass:\n {6}> passes/);
    assert.match(
      cap.err,
      /^t-abort: ABORT\nt-fail: FAIL\nt-pass: PASS\nWARNING: no images\nERROR: flavor "SCS-x": wrong\n/,
    );
  });

  it("-q prints nothing; -C counts only critical lines", async () => {
    const { exitStatus, cap } = await runWith({ quiet: true, criticalOnly: true });
    assert.equal(cap.out + cap.err, "");
    assert.equal(exitStatus, 0);
  });

  it("--sections and --tests show in the header and hide MISSING", async () => {
    const { cap, report } = await runWith({ sections: " light ", tests: "t-" });
    assert.match(
      cap.out,
      /^lab Test scope \[sections: light\] \[tests: 't-'\] v2:\n- main: TENTATIVE pass \(1 passed, 2 missing\)\n/,
    );
    assert.doesNotMatch(cap.out, /MISSING/);
    assert.deepEqual(report.run.sections, ["light"]);
    assert.equal(report.run.forced_tests, "t-");
  });

  it("a refused pre-flight echoes the critical lines even with -q and exits non-zero with -C", async () => {
    const { exitStatus, cap } = await runWith({ quiet: true, criticalOnly: true }, ["admin", "member"]);
    assert.match(cap.err, /^CRITICAL: user privileges too high: admin\/manager roles detected \(admin\)/);
    assert.match(cap.err, /CRITICAL: Pre-flight checks failed\. Reporting all testcases as ABORT\.\n$/);
    assert.equal(exitStatus, 2);
  });
});

describe("check: the report file", () => {
  it("writes YAML by default with the run's argv, given assignment and invocations", async () => {
    const output = join(dir, "report.yaml");
    const { report } = await runWith({
      output,
      argv: ["-s", "lab", "-a", "os_cloud=lab-member", "-o", output],
    });
    const text = readFileSync(output, "utf8");
    const parsed = parseReport(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, report);
    assert.deepEqual(report.run.assignment, { os_cloud: "lab-member" });
    assert.deepEqual(report.run.argv, ["-s", "lab", "-a", "os_cloud=lab-member", "-o", output]);
    assert.equal(report.run.uuid, "run-uuid");
    assert.equal(report.reference_date, "2025-06-01");
    assert.deepEqual(Object.keys(report.run.invocations), ["inv-1"]);
    assert.equal(
      report.run.invocations["inv-1"]?.cmd,
      "scs test (in-process): ./run.py -c lab-member t-abort t-fail t-pass",
    );
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes(".tmp")),
      [],
    );
  });

  const formats: Array<[string, string | undefined, RegExp]> = [
    ["r.json", undefined, /^\{\n {2}"spec": \{/],
    ["r.xml", undefined, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /],
    ["r.out", "json", /^\{/],
    ["r.txt", undefined, /^---\nspec:/],
  ];
  for (const [name, format, start] of formats) {
    it(`-o ${name}${format ? ` --format ${format}` : ""}`, async () => {
      const output = join(dir, name);
      await runWith({ output, ...(format ? { format } : {}) });
      assert.match(readFileSync(output, "utf8"), start);
    });
  }

  it("a signer signs exactly the bytes of the written report", async () => {
    const output = join(dir, "signed.yaml");
    let signed = "";
    await check(
      {
        spec: scopePath,
        subject: "lab",
        assign: ["os_cloud=x"],
        date: "2025-06-01",
        argv: [],
        output,
        quiet: true,
        sign: "key",
      },
      {
        registry,
        openSource: async () => fakeSource(fakeFacts()),
        stdout: () => {},
        stderr: () => {},
        runner: "t",
        openSigner: async (key) => {
          assert.equal(key, "key");
          return {
            async sign(bytes) {
              signed = Buffer.from(bytes).toString("utf8");
              return "-----BEGIN SSH SIGNATURE-----\nfake\n-----END SSH SIGNATURE-----\n";
            },
          };
        },
      },
    );
    assert.equal(signed, readFileSync(output, "utf8"));
    assert.match(readFileSync(`${output}.sig`, "utf8"), /^-----BEGIN SSH SIGNATURE-----\n/);
  });

  it("--sign without -o FILE is a usage error", async () => {
    for (const output of [undefined, "-"]) {
      await assert.rejects(
        runWith({ sign: "key", ...(output ? { output } : {}) }),
        (err: Error) =>
          err instanceof UsageError &&
          err.message === "--sign needs -o FILE: the signature is written beside the report as FILE.sig",
      );
    }
  });

  it("--junit writes JUnit XML besides the report", async () => {
    const output = join(dir, "both.yaml");
    const junit = join(dir, "both.xml");
    const { cap } = await runWith({ output, junit });
    assert.match(readFileSync(output, "utf8"), /^---\n/);
    assert.match(
      readFileSync(junit, "utf8"),
      /<testsuite name="Test scope v2 \(draft\)" tests="4" failures="1" errors="1" skipped="1"/,
    );
    assert.match(cap.out, new RegExp(`Report run-uuid written to ${output} and ${junit}\n`));
  });

  it("-o - writes the report to stdout instead of the console report", async () => {
    const { cap } = await runWith({ output: "-" });
    assert.match(cap.out, /^---\nspec:\n {2}uuid: 0000-scope\n/);
    assert.doesNotMatch(cap.out, /Summary/);
  });

  it("an unwritable path is a clear error and leaves nothing behind", async () => {
    const output = join(dir, "missing-dir", "r.yaml");
    await assert.rejects(runWith({ output }), (err: Error) => {
      assert.ok(err instanceof ScsError);
      assert.match(err.message, /^cannot write the report to .*missing-dir\/r\.yaml: ENOENT/);
      return true;
    });
    assert.equal(existsSync(join(dir, "missing-dir")), false);
  });

  it("--snapshot: no os_cloud needed, the snapshot file stands in for it", async () => {
    const { cap, report } = await runWith({ assign: [], snapshot: "/some/where/lab.json" });
    assert.deepEqual(cap.requests, [{ snapshot: "/some/where/lab.json" }]);
    assert.deepEqual(report.run.assignment, {});
    assert.match(Object.values(report.run.invocations)[0]!.cmd, /-c lab\.json /);
  });
});

describe("check: user mistakes give the reference's one-line errors", () => {
  const table: Array<[string, Partial<CheckOptions>, RegExp]> = [
    ["no subject", { subject: undefined }, /^You need pass --subject=SUBJECT\.$/],
    ["empty subject", { subject: "" }, /^You need pass --subject=SUBJECT\.$/],
    ["missing variable", { assign: [] }, /^Missing variable assignments \(via -a\) for: os_cloud$/],
    ["double assignment", { osCloud: "other" }, /^Double assignment for 'os_cloud'$/],
    ["unknown version", { version: "v9" }, /^Requested version 'v9' not found$/],
    ["no valid version", { date: "2024-06-01" }, /^No valid version found for 2024-06-01$/],
    ["bad date", { date: "01.06.2025" }, /^invalid --date '01\.06\.2025': use YYYY-MM-DD$/],
    ["bad format", { format: "xml" }, /^unknown --format 'xml': use yaml, json, junit$/],
    ["bad regex", { tests: "[" }, /^invalid --tests pattern '\['/],
  ];
  for (const [what, options, message] of table) {
    it(what, async () => {
      await assert.rejects(runWith(options), (err: Error) => {
        assert.ok(err instanceof UsageError, `${err.name}: ${err.message}`);
        assert.match(err.message, message);
        assert.equal(err.message.includes("\n"), false);
        return true;
      });
    });
  }

  it("an args template naming an unknown variable is reported before anything runs", async () => {
    const bad = join(dir, "bad-args.yaml");
    writeFileSync(
      bad,
      readFileSync(scopePath, "utf8").replace("-c {os_cloud} {testcases}", "-c {os_cloud} --x {nothing}"),
    );
    await assert.rejects(
      runWith({ spec: bad }),
      /^UsageError: scope script \.\/run\.py: no value for \{nothing\} in template/,
    );
  });

  it("a missing scope file names it", async () => {
    await assert.rejects(
      runWith({ spec: join(dir, "nope.yaml") }),
      /^ScsError: cannot read scope file .*nope\.yaml: ENOENT/,
    );
  });

  it("the obsolete scope format is rejected naming file, line and key; --debug lists every issue", async () => {
    const obsolete = new URL("../../test/fixtures/check/scs-compatible-test.yaml", import.meta.url).pathname;
    let stderr = "";
    await assert.rejects(
      check(
        { spec: obsolete, subject: "x", argv: [], debug: true },
        {
          registry,
          openSource: () => Promise.reject(new Error("not reached")),
          stdout: () => {},
          stderr: (t) => {
            stderr += t;
          },
          runner: "t",
        },
      ),
      (err: Error) => {
        assert.match(
          err.message,
          /^invalid scope file: .*scs-compatible-test\.yaml:7:5: versions\[0\]\.standards: this is the obsolete scope format/,
        );
        assert.match(err.message, /\(\+14 more problems; --debug lists them\)$/);
        return true;
      },
    );
    assert.equal(stderr.trim().split("\n").length, 15);
  });

  it("the built-in scopes are found by their file name", async () => {
    await assert.rejects(
      runWith({ spec: "scs-compatible-kaas.yaml", assign: [] }),
      /Missing variable assignments \(via -a\) for: subject_root, kubeconfig/,
    );
  });
});
