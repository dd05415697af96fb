import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JobStatus } from "./run.ts";
import { liveView, resultTable, statusLine } from "./view.ts";

const status = (subject: string, extra: Partial<JobStatus> = {}): JobStatus => ({
  job: { scope: "scs-compatible-iaas", specPath: "", subject, assign: [] },
  state: "waiting",
  done: 0,
  total: 0,
  ...extra,
});

describe("the run's view", () => {
  it("a line per subject: state, testcases done, elapsed", () => {
    const line = statusLine(
      status("cloud-a", { state: "checking", done: 7, total: 57, startedMs: 1000 }),
      3500,
      false,
    );
    assert.equal(line, "cloud-a                 2.5 s checking 7/57 testcases");
    const ended = statusLine(
      status("cloud-b", {
        state: "done",
        startedMs: 0,
        endedMs: 4000,
        reason: "cannot connect",
      }),
      9000,
      false,
    );
    assert.equal(ended, "cloud-b                 4.0 s ABORT: cannot connect");
  });

  it("on a terminal the block is redrawn in place (cursor up over the previous lines)", () => {
    const written: string[] = [];
    const stream = {
      write: (t: string) => written.push(t),
      columns: 0,
      isTTY: true,
    } as unknown as NodeJS.WriteStream;
    const view = liveView(stream, () => 0);
    const statuses = [status("a"), status("b")];
    view.update(statuses);
    view.finish(statuses);
    assert.equal(written.length, 2);
    assert.ok(!written[0]!.startsWith("\x1b[2A"));
    assert.ok(written[1]!.startsWith("\x1b[2A\r"), JSON.stringify(written[1]));
    // a terminal that does not tell its width (columns 0) gets whole lines, not 20 characters
    view.finish([status("a", { state: "checking", done: 1, total: 9, startedMs: 0 })]);
    assert.match(written[2]!, /a +0\.0 s checking 1\/9 testcases\n$/);
  });

  it("control characters from subject names and reasons never reach the terminal", () => {
    const evil = status("x\x1b[31m", { state: "done", reason: "bad\nline\x07" });
    const line = statusLine(evil, 0, false);
    const table = resultTable([evil]);
    for (const text of [line, table]) assert.doesNotMatch(text, /[^\P{Cc}\n]/u);
    assert.match(table, /^x\?\[31m: bad\?line\?$/m);
  });
});
