import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expiryOf, parseScope } from "../../standards/scope/index.ts";
import { historyOf, historySince, lifetimeReachDays } from "./history.ts";
import { BUILTIN_DATA, monitorScope, ScopeCatalog } from "./scope-catalog.ts";

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

/** A scope whose valid version v1 has one main testcase per lifetime, plus `preview` testcases. */
function scopeWith(main: readonly string[], preview: readonly string[] = []) {
  const testcase = (kind: string) => (l: string, k: number) =>
    `  - id: ${kind}-${k}\n${l === "default" ? "" : `    lifetime: ${l}\n`}`;
  const text = [
    "uuid: 00000000-0000-4000-8000-000000000001",
    "name: Lifetimes",
    "url: https://example.invalid/lifetimes.yaml",
    "scripts:",
    "- executable: ./t.py",
    "  testcases:",
    ...main.map(testcase("main")),
    ...preview.map(testcase("preview")),
    "modules:",
    "  - id: m",
    "    targets:",
    `      main: [${main.map((_, k) => `main-${k}`).join(", ")}]`,
    `      preview: [${preview.map((_, k) => `preview-${k}`).join(", ")}]`,
    "timeline:",
    "  - date: 2024-01-01",
    "    versions:",
    "      v1: effective",
    "versions:",
    "  - version: v1",
    "    stabilized_at: 2024-01-01",
    "    include: [m]",
    "",
  ].join("\n");
  const parsed = parseScope(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return monitorScope(parsed.value, "scs-lifetimes", new Date(2026, 10, 21));
}

const TODAY = "2026-11-21T12:00:00.000000";
/** `YYYY-MM-DD` `n` days before `day`. */
const daysBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe("how far back the history reads", () => {
  it("knows the longest reach of every lifetime, from expiryOf", () => {
    assert.equal(lifetimeReachDays("day"), 2);
    assert.equal(lifetimeReachDays("week"), 14, "a Monday lasts to the Monday two weeks on");
    assert.equal(lifetimeReachDays("month"), 62, "Jul 1 → Sep 1, Dec 1 → Feb 1");
    assert.equal(lifetimeReachDays("quarter"), 184, "Jul 1 → Jan 1");
    assert.equal(lifetimeReachDays("year"), 428, "Dec 1 2023 → Feb 1 2025 across Feb 29");
  });

  it("reads back by the longest lifetime of the main testcases of the valid versions", () => {
    // 548 days ending with 2026-11-21 start on 2025-05-23, as on the page.
    const since = (scope: ReturnType<typeof scopeWith>) => historySince(scope, TODAY, 548);
    assert.equal(since(scopeWith(["day"])), `${daysBefore("2025-05-23", 2)}T00:00:00.000000`);
    assert.equal(since(scopeWith(["week", "day"])), `${daysBefore("2025-05-23", 14)}T00:00:00.000000`);
    assert.equal(since(scopeWith(["default"])), `${daysBefore("2025-05-23", 14)}T00:00:00.000000`);
    assert.equal(since(scopeWith(["week", "month"])), `${daysBefore("2025-05-23", 62)}T00:00:00.000000`);
    assert.equal(since(scopeWith(["quarter", "week"])), `${daysBefore("2025-05-23", 184)}T00:00:00.000000`);
    assert.equal(since(scopeWith(["week", "year", "month"])), "2024-03-21T00:00:00.000000");
  });

  it("reads no more than a scope with only week testcases needs", () => {
    // A year testcase outside the main target is never evaluated, so it does not widen the read.
    assert.equal(
      historySince(scopeWith(["week", "week"], ["year"]), TODAY, 548),
      "2025-05-09T00:00:00.000000",
    );
    // The built-in IaaS scope has only week testcases: two weeks before the window, not a month.
    assert.equal(historySince(iaas, "2026-11-30T12:00:00.000000", 30), "2026-10-18T00:00:00.000000");
  });

  it("misses no result still valid on the first day, for any lifetime and window", () => {
    for (const lifetime of ["day", "week", "month", "quarter", "year"] as const) {
      const scope = scopeWith([lifetime]);
      for (let today = Date.UTC(2027, 0, 1); today < Date.UTC(2029, 0, 1); today += 7 * 86_400_000) {
        const todayText = `${new Date(today).toISOString().slice(0, 10)}T12:00:00.000000`;
        const since = historySince(scope, todayText, 10);
        const firstDayEnd = today - 9 * 86_400_000 + 86_400_000;
        // The day before `since`: its results must have expired by the end of the first day.
        const unread = new Date(Date.parse(since.replace(/\.\d+$/, "Z")) - 86_400_000);
        assert.ok(
          expiryOf(lifetime, unread).getTime() < firstDayEnd,
          `${lifetime}: a result of ${unread.toISOString()} is still valid on the first day`,
        );
      }
    }
  });

  it("shows a year result from long before the window as passed on the window's first days", () => {
    const scope = scopeWith(["year"]);
    // Checked 2024-04-02, 416 days before the window's first day: valid until 2025-06-01.
    const all = [{ subject: "s", testcase: "main-0", result: 1, checkedAt: "2024-04-02T10:00:00.000000" }];
    const since = historySince(scope, TODAY, 548);
    const h = historyOf(
      scope,
      all.filter((r) => r.checkedAt >= since),
      TODAY,
      548,
    );
    assert.equal(h.start, "2025-05-23");
    const days = h.versions[0]!.days;
    assert.deepEqual(days.slice(0, 10), [1, 1, 1, 1, 1, 1, 1, 1, 1, null], "valid through 2025-05-31");
  });
});
