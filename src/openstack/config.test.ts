import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { ScsError } from "../errors.ts";
import { type ConfigDocuments, envvarsCloud, resolveCloud, secretsOf } from "./config.ts";
import { loadCloudConfig, searchPath } from "./config-files.ts";

const clouds = (data: unknown, secure?: unknown): ConfigDocuments => ({
  clouds: { path: "clouds.yaml", data },
  secure: secure === undefined ? null : { path: "secure.yaml", data: secure },
});

const LAB = {
  clouds: {
    "lab-member": {
      auth: {
        auth_url: "http://127.0.0.1:5000/v3",
        username: "lab-member",
        password: "pw-member",
        project_name: "lab-project",
        user_domain_name: "Default",
        project_domain_name: "Default",
      },
      region_name: "RegionOne",
      interface: "public",
      identity_api_version: 3,
    },
    other: {
      auth: {
        auth_url: "https://keystone.example:5000",
        application_credential_id: "ac1",
        application_credential_secret: "s3cr3t-value",
      },
      auth_type: "v3applicationcredential",
    },
  },
};

describe("resolveCloud", () => {
  it("reads a password cloud as openstacksdk does", () => {
    const c = resolveCloud(clouds(LAB), {}, "lab-member");
    assert.equal(c.name, "lab-member");
    assert.equal(c.authUrl, "http://127.0.0.1:5000/v3");
    assert.equal(c.regionName, "RegionOne");
    assert.equal(c.interface, "public");
    assert.deepEqual(c.auth, {
      kind: "password",
      user: { name: "lab-member", domain: { name: "Default" } },
      scope: { kind: "project", project: { name: "lab-project", domain: { name: "Default" } } },
    });
    assert.equal(c.auth.kind === "password" && c.auth.password, "pw-member");
    assert.deepEqual(c.tls, { verify: true, cacert: null, cert: null, key: null });
    assert.equal(c.timeoutMs, 32_000);
  });

  it("takes the cloud from OS_CLOUD when no name is given, and the name over OS_CLOUD", () => {
    assert.equal(resolveCloud(clouds(LAB), { OS_CLOUD: "other" }).name, "other");
    assert.equal(resolveCloud(clouds(LAB), { OS_CLOUD: "other" }, "lab-member").name, "lab-member");
  });

  it("lists the known clouds for an unknown name", () => {
    assert.throws(() => resolveCloud(clouds(LAB), {}, "nope"), {
      message: 'unknown cloud "nope" in clouds.yaml; known clouds: lab-member, other',
    });
  });

  it("asks for a cloud name when several exist and none is chosen", () => {
    assert.throws(
      () => resolveCloud(clouds(LAB), {}),
      /no cloud selected: pass --os-cloud NAME or set OS_CLOUD \(known clouds: lab-member, other\)/,
    );
  });

  it("merges secure.yaml over clouds.yaml", () => {
    const noPw = structuredClone(LAB);
    delete (noPw.clouds["lab-member"].auth as Record<string, unknown>)["password"];
    const c = resolveCloud(
      clouds(noPw, { clouds: { "lab-member": { auth: { password: "from-secure" } } } }),
      {},
      "lab-member",
    );
    assert.equal(c.auth.kind === "password" && c.auth.password, "from-secure");
    assert.equal(c.regionName, "RegionOne");
  });

  it("reads application credentials by id, and by name with a user", () => {
    const c = resolveCloud(clouds(LAB), {}, "other");
    assert.deepEqual(c.auth, {
      kind: "application-credential",
      credential: { id: "ac1" },
    });
    assert.equal(c.auth.kind === "application-credential" && c.auth.secret, "s3cr3t-value");
    const byName = resolveCloud(
      clouds({
        clouds: {
          x: {
            auth_type: "v3applicationcredential",
            auth: {
              auth_url: "http://k/v3",
              application_credential_name: "ci",
              application_credential_secret: "sss-sss",
              username: "u",
              user_domain_id: "default",
            },
          },
        },
      }),
      {},
      "x",
    );
    assert.deepEqual(byName.auth, {
      kind: "application-credential",
      credential: { name: "ci", user: { name: "u", domain: { id: "default" } } },
    });
    assert.deepEqual(secretsOf(byName), ["sss-sss"]);
  });

  it("builds the envvars cloud from OS_* variables", () => {
    const env = {
      OS_AUTH_URL: "http://k:5000/v3",
      OS_USERNAME: "u",
      OS_PASSWORD: "p-env",
      OS_PROJECT_ID: "pid",
      OS_USER_DOMAIN_NAME: "Default",
      OS_REGION_NAME: "R2",
      OS_INTERFACE: "internal",
      OS_INSECURE: "true",
    };
    const c = resolveCloud({ clouds: null, secure: null }, env);
    assert.equal(c.name, "envvars");
    assert.equal(c.regionName, "R2");
    assert.equal(c.interface, "internal");
    assert.equal(c.tls.verify, false);
    assert.deepEqual(c.auth.kind === "password" && c.auth.scope, { kind: "project", project: { id: "pid" } });
    assert.equal(envvarsCloud({ OS_CLOUD: "x" }), null);
  });

  it("accepts legacy spellings: top-level auth keys, endpoint_type, tenant_name, regions, verify false", () => {
    const c = resolveCloud(
      clouds({
        clouds: {
          old: {
            auth_url: "http://k:5000",
            username: "u",
            password: "pppp",
            tenant_name: "t",
            "default-domain-id": "default",
            endpoint_type: "internalURL",
            regions: ["North", "South"],
            verify: false,
            cacert: "/some/ca.pem",
            api_timeout: 2.5,
            compute_endpoint_override: "http://nova:8774/v2.1",
          },
        },
      }),
      {},
      "old",
    );
    assert.equal(c.interface, "internal");
    assert.equal(c.regionName, "North");
    assert.equal(c.tls.verify, false);
    assert.equal(c.tls.cacert, "/some/ca.pem");
    assert.equal(c.timeoutMs, 2500);
    assert.deepEqual(c.endpointOverrides, { compute: "http://nova:8774/v2.1" });
    assert.deepEqual(c.auth.kind === "password" && c.auth.scope, {
      kind: "project",
      project: { name: "t", domain: { id: "default" } },
    });
  });

  for (const [what, cloud, message] of [
    ["no auth_url", { auth: { username: "u" } }, /auth_url is missing/],
    ["a non-http auth_url", { auth: { auth_url: "keystone:5000" } }, /is not an http\(s\) URL/],
    [
      "a user without domain",
      { auth: { auth_url: "http://k", username: "u", password: "x" } },
      /user_domain_name \(or user_domain_id\) is required with username "u"/,
    ],
    [
      "no password",
      { auth: { auth_url: "http://k", user_id: "u" } },
      /password is missing \(put it in clouds.yaml, secure.yaml or OS_PASSWORD\)/,
    ],
    [
      "an unknown auth_type",
      { auth_type: "saml2", auth: { auth_url: "http://k" } },
      /auth_type "saml2" is not supported/,
    ],
    [
      "Keystone v2",
      { identity_api_version: "2", auth: { auth_url: "http://k", user_id: "u", password: "x" } },
      /only Keystone v3/,
    ],
    [
      "a bad interface",
      { interface: "external", auth: { auth_url: "http://k", user_id: "u", password: "x" } },
      /interface "external" must be public, internal or admin/,
    ],
    [
      "a bad verify",
      { verify: "maybe?", insecure: "perhaps", auth: { auth_url: "http://k", user_id: "u", password: "x" } },
      /"insecure" must be true or false/,
    ],
    [
      "a bad api_timeout",
      { api_timeout: "soon", auth: { auth_url: "http://k", user_id: "u", password: "x" } },
      /api_timeout must be a positive number/,
    ],
  ] as const) {
    it(`rejects ${what} with a one-line ScsError`, () => {
      assert.throws(
        () => resolveCloud(clouds({ clouds: { c: cloud } }), {}, "c"),
        (err: unknown) => err instanceof ScsError && message.test(err.message) && !err.message.includes("\n"),
      );
    });
  }

  it("keeps secrets out of JSON, console output and spreads of a config", () => {
    const c = resolveCloud(clouds(LAB), {}, "lab-member");
    const shown = [JSON.stringify(c), inspect(c, { depth: 9 }), JSON.stringify({ ...c.auth })].join("\n");
    assert.ok(!shown.includes("pw-member"), shown);
    assert.match(shown, /lab-member/);
    const ac = resolveCloud(clouds(LAB), {}, "other");
    assert.ok(!JSON.stringify(ac).includes("s3cr3t-value"));
  });

  it("never puts the password into an error message", () => {
    try {
      resolveCloud(
        clouds({ clouds: { c: { auth: { auth_url: "nope", password: "hunter2-secret" } } } }),
        {},
        "c",
      );
      assert.fail("should throw");
    } catch (err) {
      assert.ok(!(err as Error).message.includes("hunter2-secret"));
    }
  });
});

describe("config files", () => {
  it("searches OS_CLIENT_CONFIG_FILE, the current dir, ~/.config/openstack, /etc/openstack", () => {
    const paths = searchPath("clouds", {
      env: { OS_CLIENT_CONFIG_FILE: "/x/my.yaml" },
      cwd: "/w",
      home: "/h",
    });
    assert.deepEqual(paths.slice(0, 5), [
      "/x/my.yaml",
      "/w/clouds.yaml",
      "/w/clouds.yml",
      "/w/clouds.json",
      "/h/.config/openstack/clouds.yaml",
    ]);
    assert.equal(paths.at(-3), "/etc/openstack/clouds.yaml");
    assert.equal(searchPath("secure", { env: {}, cwd: "/w", home: "/h" })[0], "/w/secure.yaml");
  });

  it("loads the first clouds.yaml found and merges secure.yaml from another folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "scs-config-"));
    const home = join(dir, "home");
    mkdirSync(join(home, ".config", "openstack"), { recursive: true });
    writeFileSync(
      join(dir, "clouds.yaml"),
      "clouds:\n  a:\n    auth:\n      auth_url: http://k/v3\n      user_id: u\n",
    );
    writeFileSync(join(home, ".config", "openstack", "clouds.yaml"), "clouds:\n  ignored: {}\n");
    writeFileSync(
      join(home, ".config", "openstack", "secure.yaml"),
      "clouds:\n  a:\n    auth:\n      password: from-secure-file\n",
    );
    const c = loadCloudConfig("a", { env: {}, cwd: dir, home });
    assert.equal(c.source, join(dir, "clouds.yaml"));
    assert.equal(c.auth.kind === "password" && c.auth.password, "from-secure-file");
  });

  it("reports a broken YAML file with its path", () => {
    const dir = mkdtempSync(join(tmpdir(), "scs-config-"));
    writeFileSync(join(dir, "clouds.yaml"), "clouds:\n  a: [unclosed\n");
    assert.throws(
      () => loadCloudConfig("a", { env: {}, cwd: dir, home: dir }),
      (err: unknown) => {
        return (
          err instanceof ScsError &&
          err.message.startsWith(`${join(dir, "clouds.yaml")} is not valid YAML:`) &&
          !err.message.includes("\n")
        );
      },
    );
  });
});
