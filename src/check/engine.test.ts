import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fake, fakeFacts, fakeSource, registryOf } from "../../test/check/support/fakes.ts";
import { isoDate, parseScope, type Scope, selectRun } from "../standards/scope/index.ts";
import { countChannels, exitStatus, runCheck } from "./engine.ts";

const SCOPE = `
uuid: u
name: Engine scope
url: https://example.org/s.yaml
variables: [os_cloud]
scripts:
- executable: ./run.py
  args: -c {os_cloud} {testcases}
  testcases:
  - id: t-pass
  - id: t-fail
  - id: t-abort
  - id: t-throw
  - id: t-live
  - id: t-none
- executable: ./other.py
  testcases:
  - id: u-pass
modules:
- id: m
  targets:
    main: [t-pass, t-fail, t-abort, t-throw, t-live, t-none, u-pass]
timeline:
- date: 2020-01-01
  versions: {v1: effective}
versions:
- version: v1
  stabilized_at: 2020-01-01
  include: [m]
`;

function scope(): Scope {
  const parsed = parseScope(SCOPE);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function selection() {
  const s = selectRun(scope(), { date: isoDate("2024-01-01")! });
  assert.ok(s.ok);
  return s.value;
}

const registry = registryOf(
  fake("t-pass", "PASS", [{ level: "info", message: "all good" }], { ms: 30 }),
  fake(
    "t-fail",
    "FAIL",
    [
      { level: "error", message: 'flavor "x": bad' },
      { level: "error", message: "shared problem" },
    ],
    { ms: 30 },
  ),
  fake("t-abort", "ABORT", [{ level: "error", message: "shared problem" }], { ms: 30 }),
  fake("t-throw", "throw", [], { ms: 30 }),
  fake("t-live", "PASS", [], { needsLiveCloud: true, ms: 30 }),
  fake("u-pass", "PASS"),
);

let ids = 0;
const newId = () => `inv-${++ids}`;

describe("runCheck", () => {
  it("runs every testcase once, concurrently, and builds one invocation per script", async () => {
    const facts = fakeFacts();
    const source = fakeSource(facts);
    const progress: number[] = [];
    const runs = await runCheck({
      selection: selection(),
      assignment: new Map([["os_cloud", "lab"]]),
      registry,
      source,
      runner: "scs test",
      newId,
      onProgress: (p) => progress.push(p.done),
    });
    assert.equal(runs.length, 2);
    assert.ok(facts.maxRunning > 1, "testcases ran one after another");
    assert.deepEqual([...facts.calls.values()], [1, 1, 1, 1, 1, 1]);
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(source.prefetched.sort(), [
      "t-abort",
      "t-fail",
      "t-live",
      "t-pass",
      "t-throw",
      "u-pass",
    ]);

    const inv = runs[0]!.invocation;
    assert.match(
      inv.cmd,
      /^scs test \(in-process\): \.\/run\.py -c lab t-abort t-fail t-live t-none t-pass t-throw$/,
    );
    assert.deepEqual(inv.results, {
      "t-abort": 0,
      "t-fail": -1,
      "t-live": 1,
      "t-none": 0,
      "t-pass": 1,
      "t-throw": 0,
    });
    assert.deepEqual(inv.stdout, [
      "t-abort: ABORT",
      "t-fail: FAIL",
      "t-live: PASS",
      "t-none: ABORT",
      "t-pass: PASS",
      "t-throw: ABORT",
    ]);
    // the shared problem once; a thrown error on one line
    assert.deepEqual(inv.stderr, [
      "ERROR: shared problem",
      'ERROR: flavor "x": bad',
      "WARNING: t-none: not implemented by scs",
      "INFO: all good",
      "ERROR: t-throw: boom in t-throw second line",
    ]);
    assert.deepEqual([inv.info, inv.warning, inv.error, inv.critical, inv.rc], [1, 1, 3, 0, 0]);
    assert.equal(exitStatus([inv, runs[1]!.invocation], false), 4);
    assert.equal(exitStatus([inv, runs[1]!.invocation], true), 0);
  });

  it("limits concurrency when asked", async () => {
    const facts = fakeFacts();
    await runCheck({
      selection: selection(),
      assignment: new Map([["os_cloud", "x"]]),
      registry,
      source: fakeSource(facts),
      runner: "t",
      concurrency: 1,
    });
    assert.equal(facts.maxRunning, 1);
  });

  it("on a snapshot, testcases that need a live cloud ABORT without running", async () => {
    const facts = fakeFacts();
    const runs = await runCheck({
      selection: selection(),
      assignment: new Map([["os_cloud", "x"]]),
      registry,
      source: fakeSource(facts, { live: false }),
      runner: "t",
    });
    assert.equal(runs[0]!.invocation.results["t-live"], 0);
    assert.equal(facts.calls.has("t-live"), false);
    assert.ok(
      runs[0]!.invocation.stderr.includes("WARNING: t-live: needs a live cloud, not snapshot fake.json"),
    );
  });

  const refusals: Array<[string, readonly string[] | Error, RegExp]> = [
    ["admin", ["admin", "member"], /user privileges too high: admin\/manager roles detected \(admin\)/],
    ["manager", ["member", "manager"], /user privileges too high: admin\/manager roles detected \(manager\)/],
    ["no member", ["reader"], /Please make sure that your OpenStack user has role member \(roles: reader\)/],
    [
      "roles unreadable",
      new Error("401 Unauthorized"),
      /could not read the roles of the credentials: 401 Unauthorized/,
    ],
  ];
  for (const [what, roles, message] of refusals) {
    it(`pre-flight refuses ${what}: every testcase ABORTs, nothing runs, rc 1, critical lines`, async () => {
      const facts = fakeFacts();
      const source = fakeSource(facts, { roles });
      const runs = await runCheck({
        selection: selection(),
        assignment: new Map([["os_cloud", "x"]]),
        registry,
        source,
        runner: "t",
      });
      assert.equal(facts.calls.size, 0);
      assert.deepEqual(source.prefetched, []);
      for (const { invocation } of runs) {
        assert.equal(invocation.rc, 1);
        assert.ok(Object.values(invocation.results).every((r) => r === 0));
        assert.match(invocation.stderr[0]!, message);
        assert.equal(
          invocation.stderr[1],
          "CRITICAL: Pre-flight checks failed. Reporting all testcases as ABORT.",
        );
        assert.equal(invocation.critical, 2);
      }
      assert.equal(
        exitStatus(
          runs.map((r) => r.invocation),
          true,
        ),
        4,
      );
    });
  }
});

describe("countChannels and exitStatus", () => {
  it("counts lines by their lower-cased start, over stderr and stdout", () => {
    assert.deepEqual(
      countChannels(["ERROR: a", "error b", "Warning: c", "DEBUG: d", "criticality"], ["info: x", "t: PASS"]),
      {
        info: 1,
        warning: 1,
        error: 2,
        critical: 1,
      },
    );
  });
  it("caps the exit status at 127", () => {
    const inv = {
      id: "i",
      cmd: "",
      results: {},
      rc: 0,
      stdout: [],
      stderr: [],
      info: 0,
      warning: 0,
      error: 200,
      critical: 0,
    };
    assert.equal(exitStatus([inv], false), 127);
  });
});
