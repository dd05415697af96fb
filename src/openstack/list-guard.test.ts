import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ListGuard } from "./list-guard.ts";
import { checkItems, FLAVOR, ShapeError } from "./shapes.ts";

const CAPS = { items: 10, pages: 3, bytes: 1000 };
const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `i${from + i}` }));

describe("ListGuard", () => {
  it("lets an ordinary listing through", () => {
    const guard = new ListGuard("GET things on compute", CAPS);
    guard.page(items(0, 4), 100);
    guard.link("marker=i3");
    guard.page(items(4, 4), 100);
    guard.link("marker=i7");
    guard.page([], 10);
  });

  for (const [what, run, reason] of [
    ["too many items", (g: ListGuard) => g.page(items(0, 11), 10), /more than 10 items/],
    [
      "too many pages",
      (g: ListGuard) => {
        for (const p of [0, 1, 2, 3]) g.page(items(p, 1), 10);
      },
      /more than 3 pages/,
    ],
    ["too many bytes", (g: ListGuard) => g.page(items(0, 1), 1001), /more than 0.00095\d* MiB/],
    [
      "a repeated link",
      (g: ListGuard) => {
        for (const l of ["a", "b", "a"]) g.link(l);
      },
      /repeats a page link/,
    ],
    [
      "a page of items seen before",
      (g: ListGuard) => {
        for (let i = 0; i < 2; i++) g.page(items(0, 2), 10);
      },
      /sends the same items again/,
    ],
  ] as const) {
    it(`stops at ${what} with a one-line reason`, () => {
      const guard = new ListGuard("GET things on compute", CAPS);
      assert.throws(
        () => run(guard),
        (err: unknown) =>
          err instanceof Error &&
          reason.test(err.message) &&
          err.message.startsWith("GET things on compute: ") &&
          err.message.endsWith("; stopped listing"),
      );
    });
  }
});

describe("shapes", () => {
  it("accepts Nova's flavors as they come, swap '' included", () => {
    const raw = [{ id: "1", name: "SCS-1V-2", vcpus: 1, ram: 2048, disk: 0, swap: "", extra_specs: {} }];
    assert.equal(
      checkItems(FLAVOR, raw, { service: "compute", what: "a flavor list", key: "flavors" }).length,
      1,
    );
  });

  it("names service, field and what came, without quoting the value", () => {
    const raw = [
      { id: "1", name: "a", vcpus: 1, ram: 1, disk: 0 },
      { id: "2", name: "b", vcpus: 1, ram: 1, disk: 0, extra_specs: { "hw:cpu": 4 } },
    ];
    assert.throws(
      () => checkItems(FLAVOR, raw, { service: "compute", what: "a flavor list", key: "flavors" }),
      (err: unknown) =>
        err instanceof ShapeError &&
        err.field === "flavors[1].extra_specs.hw:cpu" &&
        err.message ===
          "the cloud answered something that is not a flavor list: compute flavors[1].extra_specs.hw:cpu is number 4, expected string",
    );
    assert.throws(
      () =>
        checkItems(FLAVOR, [{ id: "1", vcpus: 1, ram: 1, disk: 0 }], {
          service: "compute",
          what: "a flavor list",
          key: "flavors",
        }),
      /compute flavors\[0\]\.name is missing$/,
    );
  });
});
