import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeAddress } from "./client-address.ts";

describe("normalizeAddress", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6 and groups IPv6 by /64", () => {
    assert.equal(normalizeAddress("192.0.2.7"), "192.0.2.7");
    assert.equal(normalizeAddress("::ffff:192.0.2.7"), "192.0.2.7");
    assert.equal(normalizeAddress("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    assert.equal(normalizeAddress("2001:0db8:0001:0002:ffff:0:0:9"), "2001:db8:1:2::/64");
    assert.equal(normalizeAddress("2001:db8::1"), "2001:db8:0:0::/64");
    assert.equal(normalizeAddress("::1"), "0:0:0:0::/64");
  });

  it("leaves what is not an address as it is (the count key of an app.request without socket)", () => {
    assert.equal(normalizeAddress("local"), "local");
  });
});
