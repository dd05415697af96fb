import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextLink, nextQuery, pageItems } from "./pagination.ts";

describe("nextLink", () => {
  it("reads Nova/Cinder/Neutron <key>_links", () => {
    const body = {
      flavors: [],
      flavors_links: [
        { rel: "self", href: "x" },
        { rel: "next", href: "http://h/v2.1/flavors/detail?marker=f9&limit=1000" },
      ],
    };
    assert.equal(nextLink(body, "flavors"), "http://h/v2.1/flavors/detail?marker=f9&limit=1000");
  });
  it("reads Glance and Barbican next", () => {
    assert.equal(nextLink({ images: [], next: "/v2/images?marker=m" }, "images"), "/v2/images?marker=m");
  });
  it("reads Keystone links.next and treats null as the end", () => {
    assert.equal(
      nextLink({ users: [], links: { next: "http://k/v3/users?page=2", self: "" } }, "users"),
      "http://k/v3/users?page=2",
    );
    assert.equal(nextLink({ users: [], links: { next: null } }, "users"), null);
  });
  it("returns null without a next page or for a body that is not an object", () => {
    assert.equal(nextLink({ flavors: [], flavors_links: [{ rel: "previous", href: "x" }] }, "flavors"), null);
    assert.equal(nextLink("text", "flavors"), null);
  });
});

describe("nextQuery and pageItems", () => {
  it("keeps only the query of a link", () => {
    assert.deepEqual(
      Object.fromEntries(nextQuery("http://internal:8774/v2.1/flavors/detail?limit=1000&marker=a%20b")),
      {
        limit: "1000",
        marker: "a b",
      },
    );
    assert.equal(nextQuery("/v2/images").toString(), "");
  });
  it("finds the list or says it is missing", () => {
    assert.deepEqual(pageItems({ images: [1] }, "images"), [1]);
    assert.equal(pageItems({ image: [] }, "images"), null);
  });
});
