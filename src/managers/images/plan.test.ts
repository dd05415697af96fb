import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildDay, type ExistingImage, lastN, planImages } from "./plan.ts";
import { type DesiredImage, parseImageManagerSpec } from "./spec-file.ts";

function spec(buildDate: string, more = ""): DesiredImage {
  const r = parseImageManagerSpec(`images:
  - name: Debian 12
    url: https://cloud.debian.org/images/cloud/bookworm/${buildDate}/debian-12.qcow2
    source: https://cloud.debian.org/images/cloud/bookworm/
    min_disk: 8
    min_ram: 512
    properties: { os_distro: debian, os_version: "12", image_build_date: "${buildDate}", uuid_validity: last-2 }
${more}`);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value[0]!;
}

let ids = 0;
function image(name: string, buildDate: string, more: Partial<ExistingImage> = {}): ExistingImage {
  return {
    id: `img-${++ids}`,
    name,
    visibility: "public",
    status: "active",
    osHidden: false,
    createdAt: `${buildDate}T12:00:00Z`,
    minDisk: 8,
    minRam: 512,
    properties: {
      os_distro: "debian",
      os_version: "12",
      image_build_date: buildDate,
      uuid_validity: "last-2",
      image_source: `https://cloud.debian.org/images/cloud/bookworm/${buildDate}/debian-12.qcow2`,
    },
    ...more,
  };
}

describe("planImages", () => {
  it("registers a missing image, and nothing once it is there", () => {
    const want = spec("2030-03-01");
    assert.deepEqual(
      planImages([want], []).changes.map((c) => c.action),
      ["register"],
    );
    assert.deepEqual(planImages([want], [image("Debian 12", "2030-03-01")]), { changes: [], notices: [] });
  });

  it("fixes metadata of the current build without touching other properties", () => {
    const have = image("Debian 12", "2030-03-01", { minRam: 0, osHidden: true });
    const plan = planImages(
      [spec("2030-03-01")],
      [{ ...have, properties: { ...have.properties, os_version: "11", extra: "x" } }],
    );
    assert.equal(plan.changes.length, 1);
    const update = plan.changes[0];
    assert.ok(update?.action === "update");
    assert.deepEqual(update.set, { os_version: "12", min_ram: 512, os_hidden: false });
    assert.deepEqual(update.was, { os_version: "11", min_ram: 0, os_hidden: true });
  });

  it("a new build: register it, rename and hide the old one, keep the last 2, delete only when asked", () => {
    const existing = [
      image("Debian 12", "2030-03-01"),
      image("Debian 12 2030-02-01", "2030-02-01", { osHidden: true }),
      image("Debian 12 2030-01-01", "2030-01-01"),
    ];
    const plan = planImages([spec("2030-04-01")], existing);
    assert.deepEqual(
      plan.changes.map((c) => [c.action, c.action === "retire" ? c.newName : c.name]),
      [
        ["register", "Debian 12"],
        ["update", "Debian 12 2030-01-01"],
        ["retire", "Debian 12 2030-03-01"],
      ],
    );
    assert.deepEqual(
      plan.notices.map((n) => [n.name, n.fix]),
      [
        ["Debian 12 2030-02-01", "--delete-expired"],
        ["Debian 12 2030-01-01", "--delete-expired"],
      ],
    );
    const deleting = planImages([spec("2030-04-01")], existing, { deleteExpired: true });
    assert.deepEqual(
      deleting.changes.filter((c) => c.action === "delete").map((c) => c.name),
      ["Debian 12 2030-02-01", "Debian 12 2030-01-01"],
    );
  });

  it("cannot register without a source: says so", () => {
    const r = parseImageManagerSpec("images:\n  - name: Debian 12\n    properties: { os_distro: debian }\n");
    assert.ok(r.ok);
    const plan = planImages(r.value, []);
    assert.deepEqual(plan.changes, []);
    assert.match(plan.notices[0]!.problem, /no url or file/);
  });

  it("reads last-N and build days", () => {
    assert.equal(lastN("last-3"), 3);
    assert.equal(lastN("forever"), undefined);
    assert.equal(buildDay(image("x", "2030-01-05")), "2030-01-05");
    assert.equal(buildDay({ ...image("x", "2030-01-05"), properties: {} }), "2030-01-05");
  });
});

describe("parseImageManagerSpec", () => {
  it("image_source must start with a source prefix (scs-0104), with the line", () => {
    const r = parseImageManagerSpec(
      "images:\n  - name: Debian 12\n    source: https://cloud.debian.org/\n    url: https://mirror.example.org/d.qcow2\n",
    );
    assert.ok(!r.ok);
    assert.match(
      r.issues[0]!.message,
      /image_source https:\/\/mirror\.example\.org\/d\.qcow2 does not start with/,
    );
    assert.equal(r.issues[0]!.line, 4);
  });
});
