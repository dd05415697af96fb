import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { identityBase, parseToken, tokenRequestBody } from "./auth.ts";
import { ShapeError } from "./shapes.ts";

describe("tokenRequestBody", () => {
  it("builds a project-scoped password request", () => {
    const body = JSON.parse(
      tokenRequestBody({
        kind: "password",
        user: { name: "u", domain: { name: "Default" } },
        password: "pw",
        scope: { kind: "project", project: { name: "p", domain: { id: "default" } } },
      }),
    );
    assert.deepEqual(body, {
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "u", domain: { name: "Default" }, password: "pw" } },
        },
        scope: { project: { name: "p", domain: { id: "default" } } },
      },
    });
  });

  it("builds application-credential requests without a scope", () => {
    assert.deepEqual(
      JSON.parse(tokenRequestBody({ kind: "application-credential", credential: { id: "i" }, secret: "s" })),
      {
        auth: {
          identity: { methods: ["application_credential"], application_credential: { id: "i", secret: "s" } },
        },
      },
    );
    const byName = JSON.parse(
      tokenRequestBody({
        kind: "application-credential",
        credential: { name: "n", user: { id: "uid" } },
        secret: "s",
      }),
    );
    assert.deepEqual(byName.auth.identity.application_credential, {
      name: "n",
      user: { id: "uid" },
      secret: "s",
    });
  });
});

describe("identityBase", () => {
  it("adds /v3 when missing and refuses v2.0", () => {
    assert.equal(identityBase("http://k:5000"), "http://k:5000/v3");
    assert.equal(identityBase("http://k:5000/v3/"), "http://k:5000/v3");
    assert.equal(identityBase("https://k/identity"), "https://k/identity/v3");
    assert.throws(() => identityBase("http://k:5000/v2.0"), /Keystone v2\.0; use the v3 URL/);
  });
});

describe("parseToken", () => {
  it("reads roles, user, project and catalog", () => {
    const t = parseToken({
      token: {
        expires_at: "2030-01-01T00:00:00.000000Z",
        methods: ["password"],
        roles: [
          { id: "1", name: "member" },
          { id: "2", name: "reader" },
        ],
        user: { id: "u", name: "alice", domain: { id: "default" } },
        project: { id: "p", name: "proj", domain: { id: "default" } },
        catalog: [
          {
            id: "c",
            type: "compute",
            name: "nova",
            endpoints: [{ id: "e", interface: "public", region_id: "R", url: "http://n" }],
          },
        ],
      },
    });
    assert.deepEqual(t.roles, ["member", "reader"]);
    assert.equal(t.user.name, "alice");
    assert.equal(t.project?.id, "p");
    assert.equal(t.catalog[0]?.endpoints[0]?.region, "R");
    assert.equal(t.expiresAt.toISOString(), "2030-01-01T00:00:00.000Z");
  });
  it("rejects a body without a token", () => {
    assert.throws(() => parseToken({}), /not a Keystone token: identity token is missing$/);
    assert.throws(() => parseToken({ token: { user: {} } }), /identity token\.expires_at is missing/);
  });

  it("rejects a catalog that is not a list instead of reading it as empty", () => {
    const token = {
      expires_at: "2030-01-01T00:00:00Z",
      user: { id: "u", name: "tester" },
      catalog: null,
    };
    assert.throws(
      () => parseToken({ token }),
      (err: unknown) =>
        err instanceof ShapeError &&
        err.field === "token.catalog" &&
        /^the cloud answered something that is not a Keystone token: identity token\.catalog is null, expected Array$/.test(
          err.message,
        ),
    );
    assert.equal(parseToken({ token: { ...token, catalog: undefined } }).catalog.length, 0);
  });
});
