import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { desiredFlavor, standardFlavors } from "./desired.ts";
import { type ExistingFlavor, flavorsToRemove, holdFlavorsInUse, planFlavors } from "./plan.ts";
import { renderPlan } from "./render.ts";

const TODAY = "2031-05-06";
let ids = 0;

function flavor(
  name: string,
  vcpus: number,
  ram: number,
  disk: number,
  extraSpecs: Record<string, string> = {},
  more: Partial<ExistingFlavor> = {},
): ExistingFlavor {
  return {
    id: `id-${++ids}`,
    name,
    vcpus,
    ram,
    disk,
    isPublic: true,
    description: null,
    extraSpecs,
    ...more,
  };
}

/** An existing flavor exactly as desired. */
function exact(name: string): ExistingFlavor {
  const d = desiredFlavor(name);
  assert.ok(d.ok);
  return flavor(name, d.value.vcpus, d.value.ram, d.value.disk, { ...d.value.extraSpecs });
}

const want = (name: string, options = {}) => {
  const d = desiredFlavor(name, options);
  assert.ok(d.ok);
  return d.value;
};

describe("planFlavors", () => {
  it("creates what is missing, fixes extra_specs, and is empty once the cloud matches", () => {
    const desired = [want("SCS-2V-4"), want("SCS-2V-4-20s"), want("SCS-1L-1")];
    const existing = [
      exact("SCS-2V-4"),
      flavor("SCS-2V-4-20s", 2, 4096, 20, {
        "scs:cpu-type": "shared-core",
        "scs:disk0-type": "network",
        "x:y": "z",
      }),
    ];
    const plan = planFlavors(desired, existing, { today: TODAY });
    assert.deepEqual(
      plan.changes.map((c) => [c.action, c.name]),
      [
        ["create", "SCS-1L-1"],
        ["update", "SCS-2V-4-20s"],
      ],
    );
    const update = plan.changes[1];
    assert.ok(update?.action === "update");
    assert.deepEqual(update.extraSpecs, {
      "scs:disk0-type": "ssd",
      "scs:name-v1": "SCS-2V:4:20s",
      "scs:name-v2": "SCS-2V-4-20s",
      "hw_rng:allowed": "True",
    });
    assert.deepEqual(update.was["scs:disk0-type"], "network");
    assert.deepEqual(plan.notices, []);

    const after = [
      exact("SCS-2V-4"),
      { ...exact("SCS-2V-4-20s"), extraSpecs: { ...exact("SCS-2V-4-20s").extraSpecs, "x:y": "z" } },
      exact("SCS-1L-1"),
    ];
    assert.deepEqual(planFlavors(desired, after, { today: TODAY }), { changes: [], notices: [] });
  });

  it("finds a standard flavor under another name by scs:name-v2, as the check does", () => {
    const other = { ...exact("SCS-2V-4"), name: "standard.small" };
    const plan = planFlavors([want("SCS-2V-4")], [other], { today: TODAY });
    assert.deepEqual(plan.changes, []);
  });

  it("reports sizes, id and visibility Nova cannot change, and replaces them only when asked", () => {
    const wrong = flavor("SCS-2V-4", 2, 2048, 0, { "hw:cpu_policy": "shared" });
    const privat = { ...exact("SCS-1V-2"), isPublic: false };
    const otherId = exact("SCS-1V-4");
    const desired = [want("SCS-2V-4"), want("SCS-1V-2"), want("SCS-1V-4", { id: "my-id" })];
    const plan = planFlavors(desired, [wrong, privat, otherId], { today: TODAY });
    assert.deepEqual(
      plan.changes.map((c) => c.action),
      ["update"],
    );
    assert.deepEqual(
      plan.notices.map((n) => [n.name, n.fix]),
      [
        ["SCS-2V-4", "--replace-mismatched"],
        ["SCS-1V-2", "--replace-mismatched"],
        ["SCS-1V-4", "--replace-mismatched"],
      ],
    );
    assert.match(plan.notices[0]!.problem, /ram 2048 MiB should be 4096/);
    assert.match(plan.notices[1]!.problem, /private, should be public/);
    assert.match(plan.notices[2]!.problem, /id id-\d+ should be my-id/);

    const replaced = planFlavors(desired, [wrong, privat, otherId], {
      today: TODAY,
      replaceMismatched: true,
    });
    assert.deepEqual(
      replaced.changes.map((c) => c.action),
      ["replace", "replace", "replace"],
    );
    assert.deepEqual(replaced.notices, []);
    const first = replaced.changes[0];
    assert.ok(first?.action === "replace");
    assert.equal(first.retiredName, "retired-20310506-SCS-2V-4");
    assert.equal(first.flavor.ram, 4096);
    assert.equal(
      first.flavor.extraSpecs["hw:cpu_policy"],
      "shared",
      "keys the name does not govern move over",
    );
    assert.deepEqual(
      flavorsToRemove(replaced).map((f) => f.id),
      [wrong.id, privat.id, otherId.id],
    );
  });

  it("looks at every other SCS- flavor: invalid names, broken promises, missing extra_specs", () => {
    const existing = [
      flavor("SCS-2X-8", 2, 8192, 0),
      flavor("SCS-4V-12", 4, 8192, 0, { "scs:name-v2": "SCS-4V-12" }),
      flavor("SCS-8V-16-100", 16, 32768, 200),
      flavor("SCS-4C:16:50p", 4, 16384, 50, { "scs:cpu-type": "dedicated-thread" }),
      flavor("m1.small", 1, 2048, 20),
    ];
    const plain = planFlavors([], existing, { today: TODAY });
    assert.deepEqual(plain.changes, []);
    assert.deepEqual(
      plain.notices.map((n) => [n.name, n.fix]),
      [
        ["SCS-2X-8", "--retire-invalid"],
        ["SCS-4V-12", "--replace-mismatched"],
      ],
    );

    const all = planFlavors([], existing, {
      today: TODAY,
      addExtraSpecs: true,
      replaceMismatched: true,
      retireInvalid: true,
    });
    assert.deepEqual(
      all.changes.map((c) => [c.action, c.name]),
      [
        ["retire", "SCS-2X-8"],
        ["replace", "SCS-4V-12"],
        ["update", "SCS-4C:16:50p"],
        ["update", "SCS-8V-16-100"],
      ],
    );
    const replace = all.changes[1];
    assert.ok(replace?.action === "replace");
    assert.deepEqual([replace.flavor.vcpus, replace.flavor.ram, replace.flavor.disk], [4, 12288, 0]);
    assert.equal(replace.flavor.extraSpecs["scs:cpu-type"], "shared-core");
    assert.equal(
      replace.flavor.extraSpecs["scs:name-v1"],
      undefined,
      "it has a name key: names stay as they are",
    );
    const v1 = all.changes[2];
    assert.ok(v1?.action === "update");
    assert.deepEqual(v1.extraSpecs, {
      "scs:disk0-type": "nvme",
      "scs:name-v1": "SCS-4C:16:50p",
      "scs:name-v2": "SCS-4C-16-50p",
      "hw_rng:allowed": "True",
    });
    // A value that contradicts the name is never overwritten here: it is reported.
    assert.deepEqual(
      all.notices.map((n) => n.problem),
      ["extra_spec scs:cpu-type is dedicated-thread, but the name says dedicated-core"],
    );
  });

  it("holds back flavors servers use, unless forced", () => {
    const wrong = flavor("SCS-2V-4", 2, 2048, 0);
    const plan = planFlavors([want("SCS-2V-4")], [wrong], { today: TODAY, replaceMismatched: true });
    const held = holdFlavorsInUse(plan, new Set([wrong.id]), false);
    assert.deepEqual(held.changes, []);
    assert.deepEqual(
      held.notices.map((n) => n.fix),
      ["--force"],
    );
    const forced = holdFlavorsInUse(plan, new Set([wrong.id]), true);
    assert.equal(forced.changes[0]?.action === "replace" && forced.changes[0].inUse, true);
    assert.equal(holdFlavorsInUse(plan, new Set(), false).changes.length, 1);
  });

  it("renders a table, JSON and YAML; names from the cloud cannot smuggle terminal control", () => {
    const plan = planFlavors(standardFlavors({ recommended: false }), [flavor("SCS-2X\u001b[2J", 1, 1, 0)], {
      today: TODAY,
      retireInvalid: true,
    });
    const table = renderPlan(plan, "lab", "table");
    assert.match(
      table,
      /^Flavor plan for cloud lab: 15 to create, 0 to update, 0 to replace, 1 to retire\.$/m,
    );
    assert.match(
      table,
      /^ {2}\+ SCS-1V-4 +create: 1 vCPUs, 4096 MiB RAM, no disk, public; scs:cpu-type=shared-core/m,
    );
    assert.equal(table.includes("\u001b"), false);
    const json = JSON.parse(renderPlan(plan, "lab", "json"));
    assert.deepEqual(json.summary, { create: 15, update: 0, replace: 0, retire: 1 });
    assert.equal(json.changes[0].action, "retire");
    assert.equal(json.changes[1].flavor.extra_specs["scs:name-v2"], "SCS-1V-4");
    assert.match(renderPlan(plan, "lab", "yaml"), /^ {4}retired_name: "retired-20310506-SCS-2X\\e\[2J"$/m);
    assert.match(renderPlan({ changes: [], notices: [] }, "lab", "table"), /nothing to change/);
  });
});
