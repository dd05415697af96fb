import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { historyOf } from "./history.ts";
import { BUILTIN_DATA, ScopeCatalog } from "./scope-catalog.ts";

const iaas = ScopeCatalog.load(BUILTIN_DATA, new Date(2026, 10, 21)).get("scs-compatible-iaas")!;
const v51 = iaas.valid.find((v) => v.version.name === "v5.1")!.version.targets.get("main")!;

/** Every v5.1 main testcase on `day`, one of them with `result`. */
const report = (day: string, result = 1) =>
  v51.map((testcase, k) => ({
    subject: "s",
    testcase,
    result: k === 0 ? result : 1,
    checkedAt: `${day}T10:00:00.000000`,
  }));

describe("history of a subject", () => {
  it("gives the verdict at the end of each day and lets week results expire", () => {
    // Thu 2026-11-05 all pass; Mon 2026-11-09 one FAIL; Tue 2026-11-10 all pass again.
    const rows = [...report("2026-11-05"), ...report("2026-11-09", -1), ...report("2026-11-10")];
    const h = historyOf(iaas, rows, "2026-11-30T12:00:00.000000", 30);
    assert.equal(h.start, "2026-11-01");
    const v = h.versions.find((x) => x.name === "v5.1")!;
    assert.equal(v.days.length, 30);
    const on = (d: number) => v.days[d - 1];
    assert.equal(on(4), null, "nothing reported yet: missing");
    assert.equal(on(5), 1);
    assert.equal(on(9), -1);
    assert.equal(on(10), 1);
    // Tue 2026-11-10 + week lifetime → valid until Mon 2026-11-23 00:00.
    assert.equal(on(22), 1);
    assert.equal(on(23), null, "expired");
    const next = h.versions.find((x) => x.name === "next")!;
    assert.ok(
      next.days.every((d) => d !== 1),
      "the draft needs testcases never reported",
    );
  });

  it("counts an ABORT as passed-with-gaps unless something fails", () => {
    const h = historyOf(iaas, report("2026-11-29", 0), "2026-11-30T12:00:00.000000", 2);
    assert.deepEqual(h.versions.find((x) => x.name === "v5.1")!.days, [0, 0]);
  });
});
