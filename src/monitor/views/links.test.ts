import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Links } from "./links.ts";

describe("Links", () => {
  const links = new Links("/monitor/");

  it("keeps ordinary subjects, scopes, uuids and testcase ids as they are", () => {
    assert.equal(
      links.detail(false, "example-cloud", "scs-compatible-iaas"),
      "/monitor/page/detail/example-cloud/scs-compatible-iaas",
    );
    assert.equal(
      links.report("fa07165e-1dc6-44f8-8d86-d22376328c51", "scs-0102-prop-hw_disk_bus"),
      "/monitor/page/report/fa07165e-1dc6-44f8-8d86-d22376328c51#scs-0102-prop-hw_disk_bus",
    );
  });

  it("encodes every raw value as one path segment, so none adds segments, queries or markup", () => {
    assert.equal(links.history('"><script>/x', "a?b"), "/monitor/page/history/%22%3E%3Cscript%3E%2Fx/a%3Fb");
    assert.equal(links.missing("..", "."), "/monitor/page/missing/%2E%2E/%2E");
    assert.equal(links.badge("x)(y", "s"), "/monitor/badges/x%29%28y/s.svg");
    assert.equal(links.reportFull("u u", "#a b"), "/monitor/page/report_full/u%20u#%23a%20b");
    assert.equal(links.download("javascript:alert(1)"), "/monitor/reports/javascript%3Aalert%281%29");
    assert.equal(links.scope("../../admin"), "/monitor/page/scope/..%2F..%2Fadmin");
  });
});
