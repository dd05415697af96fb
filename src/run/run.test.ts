import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { check } from "../check/command.ts";
import { loadScopeFile } from "../check/scope-file.ts";
import type { Testcase } from "../testcases/testcase.ts";
import type { Job, RunPlan } from "./plan.ts";
import { type CheckJob, type JobStatus, runSubjects } from "./run.ts";
import { plainView, resultTable } from "./view.ts";

const dir = mkdtempSync(join(tmpdir(), "scs-run-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const scope = loadScopeFile(undefined).scope;

/** Every testcase of the built-in IaaS scope answers as the subject's behaviour says. */
type Behaviour = "pass" | "fail-one" | "hang" | "throw";
function registry(behaviour: Behaviour) {
  return {
    has: () => true,
    get: (id: string): Testcase<undefined> => ({
      id,
      run: (_facts, ctx) => {
        if (behaviour === "hang")
          // a cloud that never answers: only the subject's time limit ends the wait
          return new Promise((resolve) => {
            const abort = () => resolve({ verdict: "ABORT", log: [] });
            if (ctx.signal.aborted) abort();
            else ctx.signal.addEventListener("abort", abort, { once: true });
          });
        const fail = behaviour === "fail-one" && id === "scs-0100-syntax-check";
        return Promise.resolve({ verdict: fail ? "FAIL" : "PASS", log: [] });
      },
    }),
  } as unknown as ReadonlyMap<string, Testcase<undefined>>;
}

const behaviours: Record<string, Behaviour> = {
  good: "pass",
  bad: "fail-one",
  stuck: "hang",
  broken: "throw",
};
const checkJob: CheckJob = async (job, o) => {
  if (behaviours[job.subject] === "throw") throw new Error("cloud broken not in clouds.yaml");
  const outcome = await check(
    {
      subject: job.subject,
      assign: job.assign,
      output: o.output,
      quiet: true,
      criticalOnly: true,
      date: "2026-07-01",
      argv: [],
    },
    {
      registry: registry(behaviours[job.subject]!),
      openSource: async () => ({ facts: undefined, live: true, origin: "fake" }),
      stdout: () => {},
      stderr: () => {},
      runner: "scs test",
      signal: o.signal,
      progress: { update: o.onProgress, clear() {} },
    },
  );
  return { ...outcome, scope };
};

const job = (subject: string): Job => ({
  scope: "scs-compatible-iaas",
  specPath: "",
  subject,
  assign: [`os_cloud=${subject}`],
});

describe("runSubjects", () => {
  it("checks every subject, records verdicts per version, and says which failed", async () => {
    const plan: RunPlan = { jobs: ["good", "bad", "broken"].map(job), workers: 3 };
    const seen: string[] = [];
    const view = plainView(
      (l) => seen.push(l),
      () => 0,
    );
    const result = await runSubjects(plan, {
      checkJob,
      outputDir: dir,
      timeoutMs: 60_000,
      signs: false,
      clock: () => 0,
      onChange: (s) => view.update(s),
    });
    const [good, bad, broken] = result.statuses as JobStatus[];
    assert.ok(good!.verdicts!.length > 0 && good!.verdicts!.every((v) => v.evaluation === "PASS"));
    assert.ok(bad!.verdicts!.some((v) => v.evaluation === "FAIL"));
    assert.equal(broken!.verdicts, undefined);
    assert.equal(broken!.reason, "cloud broken not in clouds.yaml");
    assert.equal(good!.done, good!.total);
    assert.match(readFileSync(join(dir, "good.yaml"), "utf8"), /^subject: good$/m);
    assert.equal(result.exitStatus, 1);
    assert.deepEqual(seen.filter((l) => l.endsWith(": checking")).sort(), [
      "bad: checking",
      "broken: checking",
      "good: checking",
    ]);
    assert.ok(seen.includes("good: PASS after 0.0 s"));
    assert.ok(seen.includes("broken: ABORT: cloud broken not in clouds.yaml after 0.0 s"));
    const table = resultTable(result.statuses);
    assert.match(table, /^subject +next +v5\.1 +report$/m);
    assert.match(table, /^good +\(PASS\) +PASS +written$/m);
    assert.match(table, /^bad +\(FAIL\) +FAIL +written$/m);
    assert.match(table, /^broken +ABORT .* none$/m);
    assert.match(table, /^broken: cloud broken not in clouds\.yaml$/m);
  });

  it("a subject that never answers ends as ABORT at its own limit; the others finish", async () => {
    const plan: RunPlan = { jobs: ["stuck", "good"].map(job), workers: 2 };
    const result = await runSubjects(plan, { checkJob, outputDir: dir, timeoutMs: 300, signs: false });
    const [stuck, good] = result.statuses as JobStatus[];
    assert.equal(stuck!.reason, "no result within the time limit of 0.3 s");
    assert.ok(
      stuck!.verdicts!.every((v) => v.evaluation === "ABORT"),
      "its report says ABORT",
    );
    assert.ok(good!.verdicts!.every((v) => v.evaluation === "PASS"));
    assert.equal(result.exitStatus, 1);
  });

  it("all passed: exit 0; workers bound how many run at once", async () => {
    let running = 0;
    let most = 0;
    const counting: CheckJob = async (j, o) => {
      running += 1;
      most = Math.max(most, running);
      try {
        return await checkJob({ ...j, subject: "good" }, o);
      } finally {
        running -= 1;
      }
    };
    const plan: RunPlan = { jobs: ["a", "b", "c", "d", "e"].map(job), workers: 2 };
    const result = await runSubjects(plan, {
      checkJob: counting,
      outputDir: dir,
      timeoutMs: 60_000,
      signs: false,
    });
    assert.equal(result.exitStatus, 0);
    assert.equal(most, 2);
  });
});
