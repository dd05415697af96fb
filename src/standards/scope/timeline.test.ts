import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { repoText, SMALL_SCOPE, scopeOf } from "../../../test/check/support/scope.ts";
import { isoDate } from "./date.ts";
import { applicableEntry, isCertifiable, standings, validVersions } from "./timeline.ts";
import type { IsoDate } from "./types.ts";

const d = (text: string): IsoDate => isoDate(text)!;
const iaas = scopeOf(repoText("data/scs-compatible-iaas.yaml"));

describe("timeline of the IaaS scope at edge dates", () => {
  const table: Array<[string, string]> = [
    ["2024-12-18", ""],
    ["2024-12-19", "v5.1:effective v4:effective v3:deprecated"],
    ["2025-01-31", "v5.1:effective v4:effective v3:deprecated"],
    ["2025-02-01", "v5.1:effective v4:warn v3:deprecated"],
    ["2025-06-30", "v5.1:effective v4:warn v3:deprecated"],
    ["2025-07-01", "v5.1:effective v4:deprecated v3:deprecated"],
    ["2025-09-08", "v5.1:effective v4:deprecated v3:deprecated"],
    ["2025-09-09", "next:draft v5.1:effective v4:deprecated v3:deprecated"],
    ["2026-06-10", "next:draft v5.1:effective v4:deprecated v3:deprecated"],
    ["2026-06-11", "next:draft v5.1:effective"],
    ["2099-12-31", "next:draft v5.1:effective"],
  ];
  for (const [date, expected] of table) {
    it(`${date} → ${expected || "nothing explicitly valid"}`, () => {
      const explicit = standings(iaas, d(date))
        .filter((s) => s.explicit)
        .map((s) => `${s.version.name}:${s.validity}`)
        .join(" ");
      assert.equal(explicit, expected);
      assert.deepEqual(
        validVersions(iaas, d(date)).map((v) => v.name),
        expected === "" ? [] : expected.split(" ").map((x) => x.split(":")[0]),
      );
    });
  }

  it("versions not named on a date are implicitly deprecated", () => {
    const s = standings(iaas, d("2026-07-01"));
    assert.deepEqual(
      s.map((x) => [x.version.name, x.validity, x.explicit]),
      [
        ["next", "draft", true],
        ["v5.1", "effective", true],
        ["v4", "deprecated", false],
        ["v3", "deprecated", false],
      ],
    );
  });
});

describe("applicableEntry", () => {
  const small = scopeOf(SMALL_SCOPE);
  it("ignores file order and lets the first listed win on equal dates", () => {
    const entry = applicableEntry(small, d("2025-06-01"));
    assert.equal(entry?.versions.get("v1"), "effective");
    assert.equal(entry?.versions.get("v2"), "draft");
    assert.equal(applicableEntry(small, d("2024-06-01"))?.versions.has("v2"), false);
    assert.equal(applicableEntry(small, d("2023-12-31")), undefined);
  });
  it("isCertifiable: effective and warn only", () => {
    assert.deepEqual((["effective", "warn", "draft", "deprecated"] as const).map(isCertifiable), [
      true,
      true,
      false,
      false,
    ]);
  });
});
