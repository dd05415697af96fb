import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { repoText, SMALL_SCOPE, scopeOf } from "../../../test/check/support/scope.ts";
import { formatIssue } from "./issues.ts";
import { parseScope } from "./parse.ts";

describe("parseScope on the built-in scopes", () => {
  it("reads the IaaS scope with the facts of the spec (§2.6)", () => {
    const scope = scopeOf(repoText("data/scs-compatible-iaas.yaml"));
    assert.equal(scope.uuid, "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f");
    assert.equal(scope.name, "SCS-compatible IaaS");
    assert.deepEqual(
      scope.versions.map((v) => [v.name, v.stabilizedAt, v.targets.get("main")?.length]),
      [
        ["next", undefined, 55],
        ["v5.1", "2024-12-19", 54],
        ["v4", "2024-02-28", 39],
        ["v3", "2024-02-28", 16],
      ],
    );
    assert.deepEqual(scope.variables, [{ name: "os_cloud" }]);
    const v4 = scope.versions[2]!;
    assert.deepEqual(v4.includes[5], {
      moduleId: "scs-0104-v1-1",
      parameters: new Map([
        [
          "image_spec",
          "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/iaas/scs-0104-v1-images.yaml",
        ],
      ]),
    });
    assert.equal(scope.scripts.length, 2);
    assert.equal(scope.scripts[0]?.kind, "automated");
    assert.equal(scope.scripts[1]?.kind, "manual");
    // v5.1, v4 and v3 are stabilized and all include scs-0100-v3.1
    assert.equal(scope.attention.get("scs-0100-syntax-check"), 3);
    assert.equal(scope.attention.get("scs-0123-service-s3"), undefined);
    assert.equal(scope.timeline.length, 5);
    const main = scope.versions[0]!.targets.get("main")!;
    assert.deepEqual([...main], [...main].sort());
  });

  it("reads the KaaS scope: variable defaults, sections, lifetimes, manual script", () => {
    const scope = scopeOf(repoText("data/scs-compatible-kaas.yaml"));
    assert.deepEqual(scope.variables, [
      { name: "subject_root" },
      { name: "kubeconfig" },
      { name: "execution_mode", default: "parallel" },
    ]);
    const conformance = scope.testcases.get("cncf-k8s-conformance")!;
    assert.equal(conformance.lifetime, "year");
    assert.equal(conformance.section, "heavy");
    assert.equal(scope.testcases.get("node-distribution-check")?.lifetime, "week");
    assert.equal(scope.scripts[2]?.kind, "manual");
  });

  it("computes targets in order of first appearance and as sorted unions", () => {
    const scope = scopeOf(SMALL_SCOPE);
    const v2 = scope.versions[0]!;
    assert.deepEqual([...v2.targets.keys()], ["main", "preview"]);
    assert.deepEqual(v2.targets.get("main"), ["a-1", "a-2", "b-1"]);
    assert.deepEqual(v2.targets.get("preview"), ["a-3", "manual-1"]);
    assert.equal(v2.targetOf.get("manual-1"), "preview");
    const script = scope.scripts[1]!;
    assert.equal(script.kind === "automated" && script.executable, "./b.py");
  });
});

describe("parseScope rejects bad scopes with located issues", () => {
  it("rejects the obsolete format, the first issue says so and names file, line and key", () => {
    const parsed = parseScope(repoText("test/fixtures/check/scs-compatible-test.yaml"));
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    const first = parsed.issues[0]!;
    assert.equal(first.key, "standards");
    assert.equal(first.line, 7);
    assert.match(
      formatIssue(first, "scs-compatible-test.yaml"),
      /^scs-compatible-test\.yaml:7:5: versions\[0\]\.standards: this is the obsolete scope format/,
    );
    const messages = parsed.issues.map((i) => i.message);
    assert.ok(messages.includes("the scope lacks the required key uuid"));
    assert.ok(
      messages.some((m) => m.startsWith("each version uses unknown keywords: deprecated_at,standards")),
    );
  });

  // [what, edit, expected message, text that starts where the issue must point]
  const broken: Array<[string, (s: string) => string, RegExp, string | undefined]> = [
    [
      "unknown top-level key",
      (s) => `${s}\nextra: 1\n`,
      /the scope uses unknown keywords: extra/,
      "extra: 1",
    ],
    [
      "deprecated_at on a version",
      (s) =>
        s.replace("stabilized_at: 2023-12-01", "stabilized_at: 2023-12-01\n    deprecated_at: 2024-01-01"),
      /each version uses unknown keywords: deprecated_at/,
      "deprecated_at:",
    ],
    [
      "duplicate testcase id",
      (s) => s.replace("id: a-3", "id: a-2"),
      /duplicate testcase a-2/,
      "id: a-2\n- executable",
    ],
    [
      "duplicate module id",
      (s) => s.replace("id: m-empty", "id: m-b"),
      /spec contains duplicate module ids \(m-b\)/,
      "m-b\n    targets: {}",
    ],
    [
      "duplicate version",
      (s) => s.replace("version: v1", "version: v2"),
      /spec contains duplicate version ids/,
      "v2\n    stabilized_at",
    ],
    ["unknown module in include", (s) => s.replace("[m-a, m-b,", "[m-a, m-x,"), /unknown module m-x/, "m-x"],
    [
      "unknown version in timeline",
      (s) => s.replace("v2: draft", "v9: draft"),
      /unknown version v9/,
      "v9: draft",
    ],
    ["unknown validity", (s) => s.replace("v2: draft", "v2: maybe"), /unknown validity maybe/, "v2: maybe"],
    [
      "effective but not stable",
      (s) => s.replace("v2: draft", "v2: effective"),
      /version v2 is effective but not stable/,
      "v2: effective",
    ],
    [
      "bad date",
      (s) => s.replace("date: 2024-01-01", "date: 2024-02-30"),
      /date must be YYYY-MM-DD, not 2024-02-30/,
      "2024-02-30",
    ],
    [
      "unknown lifetime",
      (s) => s.replace("lifetime: day", "lifetime: fortnight"),
      /unknown lifetime fortnight/,
      "fortnight",
    ],
    [
      "target names an undeclared testcase",
      (s) => s.replace("[b-1]", "[b-9]"),
      /unknown testcase b-9/,
      "[b-9]",
    ],
    [
      "remote executable",
      (s) => s.replace("file://./b.py", "https://x/b.py"),
      /remote check_tool https:\/\/x\/b\.py not yet supported/,
      "https://x/b.py",
    ],
    [
      "scripts not a list",
      (s) => s.replace(/scripts:[\s\S]*?modules:/, "scripts: 3\nmodules:"),
      /scripts must be a list/,
      "scripts: 3",
    ],
    ["YAML syntax error", (s) => `${s}\n  - : [\n`, /./, undefined],
    [
      "duplicate key",
      (s) => s.replace("name: Small scope", "name: Small scope\nname: again"),
      /unique/i,
      "name: again",
    ],
  ];
  for (const [what, edit, message, lineText] of broken) {
    it(what, () => {
      const text = edit(SMALL_SCOPE);
      const parsed = parseScope(text);
      assert.equal(parsed.ok, false, "must be rejected");
      if (parsed.ok) return;
      const issue = parsed.issues.find((i) => message.test(i.message));
      assert.ok(issue, `no issue matching ${message}: ${parsed.issues.map((i) => i.message).join(" | ")}`);
      if (lineText === undefined) return;
      const offset = text.indexOf(lineText);
      assert.ok(offset >= 0, "bad test: marker not in text");
      const expected = text.slice(0, offset).split("\n").length;
      assert.equal(issue.line, expected, `issue at line ${issue.line}: ${issue.message}`);
    });
  }

  it("rejects an empty file and a list", () => {
    for (const text of ["", "- a\n"]) {
      const parsed = parseScope(text);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.issues[0]!.message, /the scope must be a mapping/);
    }
  });
});
