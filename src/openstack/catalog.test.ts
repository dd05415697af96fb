import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apiBase, type CatalogEntry, parseCatalog, selectEndpoint } from "./catalog.ts";
import { CloudError } from "./errors.ts";

const catalog: CatalogEntry[] = parseCatalog([
  {
    id: "1",
    type: "volumev3",
    name: "cinderv3",
    endpoints: [
      { id: "a", interface: "public", region_id: "North", url: "https://north/v3/p" },
      { id: "b", interface: "public", region_id: "South", url: "https://south/v3/p" },
      { id: "c", interface: "internal", region_id: "North", url: "http://int-north/v3/p" },
    ],
  },
  {
    id: "2",
    type: "compute",
    name: "nova",
    endpoints: [{ id: "d", interface: "public", region: "North", url: "https://nova/v2.1" }],
  },
  { id: "3", type: "object-store", name: "swift", endpoints: [] },
]);

describe("selectEndpoint", () => {
  it("finds block-storage under its volumev3 alias, by interface and region", () => {
    assert.equal(selectEndpoint(catalog, "block-storage", "public", "South").url, "https://south/v3/p");
    assert.equal(selectEndpoint(catalog, "block-storage", "internal", "North").url, "http://int-north/v3/p");
    assert.equal(selectEndpoint(catalog, "block-storage", "public", null).url, "https://north/v3/p");
    assert.equal(selectEndpoint(catalog, "compute", "public", "North").catalogType, "compute");
  });

  it("prefers the block-storage type over the older aliases", () => {
    const both = parseCatalog([
      { type: "volume", endpoints: [{ interface: "public", url: "http://v1" }] },
      { type: "block-storage", endpoints: [{ interface: "public", url: "http://bs" }] },
    ]);
    assert.equal(selectEndpoint(both, "block-storage", "public", null).url, "http://bs");
  });

  it("says which services exist when one is missing", () => {
    assert.throws(() => selectEndpoint(catalog, "image", "public", null), {
      message: "the cloud has no image service in its catalog (it has: compute, object-store, volumev3)",
    });
  });

  it("says which endpoints exist when interface or region do not match", () => {
    assert.throws(
      () => selectEndpoint(catalog, "block-storage", "admin", "North"),
      (err: unknown) =>
        err instanceof CloudError &&
        err.message ===
          "the block-storage service has no admin endpoint in region North (it has: internal@North, public@North, public@South); set interface or region_name in clouds.yaml",
    );
  });
});

describe("apiBase", () => {
  it("keeps versioned catalog URLs and completes unversioned ones", () => {
    assert.equal(apiBase("compute", "http://h:8774/v2.1/", null), "http://h:8774/v2.1");
    assert.equal(apiBase("image", "http://h:9292", null), "http://h:9292/v2");
    assert.equal(apiBase("image", "https://h/image/", null), "https://h/image/v2");
    assert.equal(apiBase("network", "http://h:9696/", null), "http://h:9696/v2.0");
    assert.equal(apiBase("network", "http://h:9696/v2.0", null), "http://h:9696/v2.0");
    assert.equal(apiBase("block-storage", "http://h:8776/v3/pid", "pid"), "http://h:8776/v3/pid");
    assert.equal(apiBase("block-storage", "http://h:8776/", "pid"), "http://h:8776/v3/pid");
    assert.equal(apiBase("key-manager", "http://h:9311", null), "http://h:9311/v1");
    assert.equal(apiBase("placement", "http://h:8778", null), "http://h:8778");
  });
});
