import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { repoText, SMALL_SCOPE, scopeOf } from "../../../test/check/support/scope.ts";
import { isoDate } from "./date.ts";
import { commandLine, parseSections, selectRun } from "./selection.ts";
import { formatTemplate } from "./template.ts";
import { assignVariables } from "./variables.ts";

const small = scopeOf(SMALL_SCOPE);
const iaas = scopeOf(repoText("data/scs-compatible-iaas.yaml"));
const date = isoDate("2025-06-01")!;

describe("selectRun", () => {
  const table: Array<[string, Parameters<typeof selectRun>[1], string]> = [
    ["valid versions, all targets, manual dropped", { date }, "v2,v1 | ./a.py:a-1,a-2,a-3 ./b.py:b-1"],
    ["forced version", { date, version: "v1" }, "v1 | ./a.py:a-1,a-2,a-3"],
    [
      "forced version not in the timeline",
      { date: isoDate("2020-01-01")!, version: "v2" },
      "v2 | ./a.py:a-1,a-2,a-3 ./b.py:b-1",
    ],
    ["sections drop testcases without section", { date, sections: ["light"] }, "v2,v1 | ./a.py:a-1"],
    ["sections, two of them", { date, sections: ["heavy", "light"] }, "v2,v1 | ./a.py:a-1,a-2"],
    ["tests regex anchored at the start", { date, tests: "b" }, "v2,v1 | ./b.py:b-1"],
    ["tests regex not anchored at the end", { date, tests: "a-[12]" }, "v2,v1 | ./a.py:a-1,a-2"],
    ["tests regex in the middle does not match", { date, tests: "-1" }, "v2,v1 | "],
    ["alternation stays anchored", { date, tests: "x|b" }, "v2,v1 | ./b.py:b-1"],
  ];
  for (const [what, options, expected] of table) {
    it(what, () => {
      const r = selectRun(small, options);
      assert.ok(r.ok);
      const shown = `${r.value.versions.map((v) => v.name).join(",")} | ${r.value.invocations
        .map((i) => `${i.script.executable}:${i.testcaseIds.join(",")}`)
        .join(" ")}`;
      assert.equal(shown, expected);
    });
  }

  it("the IaaS scope in 2025-10 runs the union of next, v5.1, v4, v3 in one invocation", () => {
    const r = selectRun(iaas, { date: isoDate("2025-10-01")! });
    assert.ok(r.ok);
    assert.equal(r.value.invocations.length, 1);
    assert.equal(r.value.invocations[0]!.testcaseIds.length, 58);
  });

  const errors: Array<[string, Parameters<typeof selectRun>[1], string]> = [
    ["unknown version", { date, version: "v7" }, "Requested version 'v7' not found"],
    [
      "no valid version on the date",
      { date: isoDate("2023-01-01")! },
      "No valid version found for 2023-01-01",
    ],
    ["bad regex", { date, tests: "(" }, "invalid --tests pattern '('"],
  ];
  for (const [what, options, message] of errors) {
    it(`error: ${what}`, () => {
      const r = selectRun(small, options);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(r.message.startsWith(message), r.message);
    });
  }

  it("parseSections trims items", () => {
    assert.deepEqual(parseSections(" light, heavy ,x"), ["light", "heavy", "x"]);
  });
});

describe("commandLine and templates", () => {
  it("formats env, executable and args like the reference's cmd", () => {
    const r = selectRun(small, { date, version: "v1" });
    assert.ok(r.ok);
    const assignment = new Map([
      ["os_cloud", "lab"],
      ["mode", "fast"],
    ]);
    assert.deepEqual(commandLine(r.value.invocations[0]!, assignment), {
      ok: true,
      text: "LANG=C ./a.py -c lab --mode fast a-1 a-2 a-3",
    });
  });
  const table: Array<[string, string | undefined, string | undefined]> = [
    ["-c {x} {{literal}}", "-c 1 {literal}", undefined],
    ["{x}{x}", "11", undefined],
    ["{y}", undefined, "no value for {y}"],
    ["{x!r}", undefined, "unsupported placeholder"],
    ["{x", undefined, "single '{'"],
    ["x}", undefined, "single '}'"],
  ];
  for (const [template, text, error] of table) {
    it(`template ${template}`, () => {
      const f = formatTemplate(template, new Map([["x", "1"]]));
      if (text !== undefined) assert.deepEqual(f, { ok: true, text });
      else assert.ok(!f.ok && f.message.startsWith(error!), JSON.stringify(f));
    });
  }
});

describe("assignVariables", () => {
  it("overlays -a on defaults and records only -a", () => {
    const r = assignVariables(small, ["os_cloud=lab=x"]);
    assert.ok(r.ok);
    assert.deepEqual([...r.given], [["os_cloud", "lab=x"]]);
    assert.deepEqual(
      [...r.all],
      [
        ["mode", "fast"],
        ["os_cloud", "lab=x"],
      ],
    );
  });
  const errors: Array<[string[], string]> = [
    [[], "Missing variable assignments (via -a) for: os_cloud"],
    [["os_cloud=a", "os_cloud=b"], "Double assignment for 'os_cloud'"],
    [["os_cloud"], "Assignment 'os_cloud' must have the form KEY=VALUE"],
  ];
  for (const [given, message] of errors) {
    it(`error: ${message}`, () => {
      assert.deepEqual(assignVariables(small, given), { ok: false, message });
    });
  }
});
