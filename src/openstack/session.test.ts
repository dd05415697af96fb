import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { listFlavors } from "./compute.ts";
import { ApiError, CloudError } from "./errors.ts";
import { parseImage } from "./image.ts";
import { listDefaultSecurityGroupRules } from "./network.ts";
import { Session } from "./session.ts";
import { FAKE_PASSWORD, FAKE_TOKEN_PREFIX, FaultServer } from "./testing/fault-server.ts";

const FAST_RETRY = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 };

function flavor(i: number) {
  return {
    id: `f${i}`,
    name: `SCS-${i}V-${i}`,
    vcpus: i,
    ram: 1024 * i,
    disk: 0,
    extra_specs: { "scs:x": `${i}` },
  };
}

describe("Session against a fault-injecting server", () => {
  let server: FaultServer;
  let trace: string[];
  let session: Session;

  before(async () => {
    server = await new FaultServer().start();
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(() => {
    trace = [];
    server.seen.length = 0;
    session = new Session(server.cloud(), { trace: (l) => trace.push(l), retry: FAST_RETRY });
  });

  it("authenticates once for many concurrent requests and selects catalog endpoints", async () => {
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({ status: 200, json: { flavors: [] } }));
    const before = server.tokensIssued;
    await Promise.all([listFlavors(session), listFlavors(session), listFlavors(session)]);
    assert.equal(server.tokensIssued - before, 1);
    assert.equal(session.requestCount, 7, "one token, two cursors per flavor listing");
    assert.equal(await session.endpoint("block-storage"), `${server.base}/volume/v3/pid`);
    assert.equal(await session.endpoint("image"), `${server.base}/image/v2`);
    assert.equal(await session.endpoint("network"), `${server.base}/network/v2.0`);
    assert.deepEqual((await session.token()).roles, ["member", "reader"]);
    await session.close();
  });

  it("sends the first request with a new token alone to each service, then the rest together", async () => {
    let inFlight = 0;
    const peaks: number[] = [];
    server.on("GET", /^\/network\/v2\.0\/(networks|security-groups|ports)$/, (req) => {
      inFlight++;
      peaks.push(inFlight);
      const key = req.path.split("/").pop()!.replace("-", "_");
      return { delayMs: 30, reply: { status: 200, json: { [key]: [] } } };
    });
    const done = () => inFlight--;
    await Promise.all(
      ["networks", "security-groups", "ports", "networks"].map((p) =>
        session.list("network", p, p.replace("-", "_"), { limit: null }).finally(done),
      ),
    );
    assert.equal(peaks[1], 1, "the first request went alone: the second came after it");
    assert.ok(Math.max(...peaks) >= 2, "the others went together");
    await session.close();
  });

  it("lists Nova flavors with 2.61 from both ends, by flavorid markers", async () => {
    const all = Array.from({ length: 2500 }, (_, i) => flavor(i + 1)).sort((a, b) => (a.id < b.id ? -1 : 1));
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, (req) => {
      const sorted = req.query.get("sort_dir") === "desc" ? [...all].reverse() : all;
      const limit = Number(req.query.get("limit"));
      const marker = req.query.get("marker");
      const start = marker ? sorted.findIndex((f) => f.id === marker) + 1 : 0;
      const page = sorted.slice(start, start + limit);
      const next = `http://internal-host:8774/v2.1/flavors/detail?limit=${limit}&marker=${page.at(-1)?.id}`;
      return {
        status: 200,
        json: { flavors: page, flavors_links: page.length === limit ? [{ rel: "next", href: next }] : [] },
      };
    });
    const flavors = await listFlavors(session);
    assert.deepEqual(
      flavors.map((f) => f.id),
      all.map((f) => f.id),
    );
    assert.deepEqual(flavors.find((f) => f.id === "f2500")!.extraSpecs, { "scs:x": "2500" });
    const calls = server.seen.filter((s) => s.path.endsWith("/flavors/detail"));
    assert.equal(calls.length, 6, "three rounds of two cursors");
    assert.ok(calls.every((c) => c.query.get("limit") === "512" && c.query.get("sort_key") === "flavorid"));
    assert.ok(calls.every((c) => c.headers["openstack-api-version"] === "compute 2.61"));
    const markers = calls.map((c) => c.query.get("marker")).filter(Boolean);
    assert.equal(markers.length, 4);
    await session.close();
  });

  it("falls back to per-flavor extra_specs calls when Nova refuses microversion 2.61", async () => {
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, (req) =>
      req.headers["openstack-api-version"]
        ? { status: 406, json: { computeFault: { message: "Version 2.61 is not supported by the API." } } }
        : {
            status: 200,
            json: {
              flavors: [1, 2, 3].map((i) => ({ id: `f${i}`, name: `n${i}`, vcpus: i, ram: 1, disk: 0 })),
            },
          },
    );
    server.on("GET", /^\/compute\/v2\.1\/flavors\/f\d\/os-extra_specs$/, (req) => ({
      status: 200,
      json: { extra_specs: { id: req.path.split("/")[4] } },
    }));
    const flavors = await listFlavors(session);
    assert.deepEqual(
      flavors.map((f) => f.extraSpecs),
      [{ id: "f1" }, { id: "f2" }, { id: "f3" }],
    );
    await session.close();
  });

  it("follows Glance's relative next links and keeps the filters the link leaves out", async () => {
    server.on("GET", /^\/image\/v2\/images$/, (req) =>
      req.query.get("marker")
        ? { status: 200, json: { images: [{ id: "c", name: "C", visibility: "community" }] } }
        : {
            status: 200,
            json: {
              images: [
                { id: "a", name: "A", visibility: "public", architecture: "x86_64", min_disk: 1, size: 10 },
                { id: "b", name: "B", visibility: "private" },
              ],
              next: "/v2/images?marker=b&limit=1000",
            },
          },
    );
    const raw = await session.list<{ id: string }>("image", "images", "images", {
      query: { visibility: "all" },
    });
    assert.deepEqual(
      raw.map((i) => i.id),
      ["a", "b", "c"],
    );
    const images = raw.map(parseImage).filter((i) => i.visibility !== "private");
    assert.deepEqual(images[0]!.properties, { architecture: "x86_64" });
    const calls = server.seen.filter((s) => s.path === "/image/v2/images");
    assert.deepEqual(
      calls.map((c) => c.query.toString()),
      ["visibility=all&limit=1000", "visibility=all&limit=1000&marker=b"],
      "the filter is kept even though the link leaves it out",
    );
    await session.close();
  });

  it("retries a GET after 500 and a reset connection, then succeeds", async () => {
    let n = 0;
    server.on("GET", /^\/network\/v2\.0\/default-security-group-rules$/, () => {
      n++;
      if (n === 1) return { status: 500, json: { NeutronError: { message: "boom" } } };
      if (n === 2) return { reset: true };
      return {
        status: 200,
        json: { default_security_group_rules: [{ id: "r", direction: "egress", ethertype: "IPv4" }] },
      };
    });
    const rules = await listDefaultSecurityGroupRules(session);
    assert.equal(rules?.length, 1);
    assert.equal(n, 3);
    assert.ok(
      trace.some((l) => / 500 \d+ ms \(retry 1 in 5 ms\)$/.test(l)),
      trace.join("\n"),
    );
    await session.close();
  });

  it("honours Retry-After on 429", async () => {
    let n = 0;
    server.on("GET", /^\/volume\/v3\/pid\/types$/, () =>
      ++n === 1
        ? { status: 429, headers: { "retry-after": "1" }, json: { overLimit: { message: "slow down" } } }
        : { status: 200, json: { volume_types: [] } },
    );
    const t0 = Date.now();
    await session.request("block-storage", "GET", "types");
    assert.ok(Date.now() - t0 >= 950, "waited for Retry-After");
    assert.ok(trace.some((l) => l.includes("429") && l.includes("retry 1 in 1000 ms")));
    await session.close();
  });

  it("gives up with a clear line when Retry-After is too long", async () => {
    server.on("GET", /^\/volume\/v3\/pid\/types$/, () => ({
      status: 429,
      headers: { "retry-after": "3600" },
    }));
    await assert.rejects(
      session.request("block-storage", "GET", "types"),
      /server asked to retry after 3600 s/,
    );
    await session.close();
  });

  it("never retries a POST that failed with 500", async () => {
    server.on("POST", /^\/volume\/v3\/pid\/volumes$/, () => ({
      status: 500,
      json: { computeFault: { message: "x" } },
    }));
    await assert.rejects(
      session.request("block-storage", "POST", "volumes", { body: { volume: { size: 1 } } }),
      (err: unknown) => err instanceof ApiError && err.status === 500,
    );
    assert.equal(server.count(/\/volumes$/), 1);
    await session.close();
  });

  it("gives up after the retry budget with the last status", async () => {
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({
      status: 503,
      text: "<h1>Service Unavailable</h1>",
    }));
    await assert.rejects(listFlavors(session), (err: unknown) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 503);
      assert.match(err.message, /failed with HTTP 503: Service Unavailable$/);
      return true;
    });
    // The first cursor to give up (after 4 attempts) stops the other one.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(server.count(/flavors\/detail$/) <= 8);
    assert.ok(server.count(/flavors\/detail$/) >= 4);
    await session.close();
  });

  it("reports a non-JSON answer in one line", async () => {
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({
      status: 200,
      text: `<html><head><title>Proxy login</title></head><body>you sent ${FAKE_PASSWORD}</body></html>`,
    }));
    await assert.rejects(listFlavors(session), (err: unknown) => {
      assert.ok(err instanceof CloudError);
      assert.match(err.message, /returned a non-JSON answer \(HTTP 200, text\/html: Proxy login\)$/);
      assert.doesNotMatch(err.message, /you sent|fake-p/);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
    await session.close();
  });

  it("times out a slow answer without retrying it", async () => {
    const slow = new Session(server.cloud({ timeoutMs: 200 }), { retry: FAST_RETRY });
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({
      delayMs: 2_000,
      reply: { status: 200, json: { flavors: [] } },
    }));
    await slow.token();
    const token = `${FAKE_TOKEN_PREFIX}${server.tokensIssued}`;
    await assert.rejects(listFlavors(slow), /got no answer within 0\.2 s \(raise api_timeout/);
    const mine = server.seen.filter(
      (s) => s.path.endsWith("/flavors/detail") && s.headers["x-auth-token"] === token,
    );
    assert.equal(mine.length, 2, "two cursors, one attempt each");
    await slow.close();
  });

  it("re-authenticates once when a service refuses the token", async () => {
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({ status: 200, json: { flavors: [] } }));
    await listFlavors(session);
    server.validTokens.clear();
    const issued = server.tokensIssued;
    await Promise.all([listFlavors(session), listFlavors(session), listFlavors(session)]);
    assert.equal(server.tokensIssued, issued + 1);
    await session.close();
  });

  it("renews the token halfway through a short lifetime, not on every request", async () => {
    server.tokenLifetimeMs = 1_500;
    try {
      server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, () => ({ status: 200, json: { flavors: [] } }));
      const issued = server.tokensIssued;
      await listFlavors(session);
      await listFlavors(session);
      assert.equal(server.tokensIssued, issued + 1);
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      await listFlavors(session);
      assert.equal(server.tokensIssued, issued + 2);
    } finally {
      server.tokenLifetimeMs = 3_600_000;
    }
    await session.close();
  });

  it("says clearly when the password is wrong, without the password", async () => {
    const bad = new Session(
      server.cloud({
        auth: {
          kind: "password",
          user: { name: "tester", domain: { name: "Default" } },
          password: "wrong-password-xyz",
          scope: { kind: "unscoped" },
        },
      }),
      { retry: FAST_RETRY, trace: (l) => trace.push(l) },
    );
    await assert.rejects(bad.token(), (err: unknown) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 401);
      assert.match(err.message, /Keystone refused the credentials of cloud "fake" from test \(HTTP 401\)/);
      assert.doesNotMatch(err.message, /wrong-password-xyz/);
      return true;
    });
    await bad.close();
  });

  it("names the missing service and what the catalog has", async () => {
    await assert.rejects(
      session.request("key-manager", "GET", "secrets"),
      /no key-manager service in its catalog \(it has: compute, identity, image, network, volumev3\)/,
    );
    await session.close();
  });

  it("reports an unreachable auth URL in one line", async () => {
    const down = new Session(server.cloud({ authUrl: "http://127.0.0.1:9/v3" }), {
      retry: { ...FAST_RETRY, maxRetries: 1 },
    });
    await assert.rejects(
      down.token(),
      /^CloudError: cannot authenticate to cloud "fake": cannot connect to http:\/\/127\.0\.0\.1:9: connection refused/,
    );
    await down.close();
  });

  it("keeps the password and the token out of every trace line and error", async () => {
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, (req) => ({
      status: 400,
      json: {
        badRequest: { message: `you sent ${String(req.headers["x-auth-token"])} and ${FAKE_PASSWORD}` },
      },
    }));
    const err = await listFlavors(session).catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.match(err.message, /you sent \*\*\* and \*\*\*/);
    const all = `${trace.join("\n")}\n${err.message}`;
    assert.ok(!all.includes(FAKE_PASSWORD));
    assert.ok(!all.includes(FAKE_TOKEN_PREFIX));
    assert.ok(trace.some((l) => l.startsWith("POST ") && l.includes("/auth/tokens 201")));
    await session.close();
  });

  it("never takes a redirect for an answer; 300 only where a version document is asked for", async () => {
    server.on("GET", /^\/compute\/v2\.1\/servers$/, () => ({ status: 301, json: { servers: [] } }));
    server.on("GET", /^\/$/, () => ({ status: 300, json: { versions: { values: [{ id: "v3.14" }] } } }));
    await assert.rejects(
      session.request("compute", "GET", "servers"),
      /GET \S+\/servers answered HTTP 301 \(a redirect\) instead of an answer/,
    );
    await assert.rejects(session.requestUrl(`${server.base}/`), /answered HTTP 300/);
    const res = await session.requestUrl(`${server.base}/`, { multipleChoices: true });
    assert.equal(res.status, 300);
    await session.close();
  });

  it("gives up on an answer larger than the cap without reading it all", async () => {
    server.on("GET", /^\/volume\/v3\/pid\/types$/, () => ({
      huge: { key: "volume_types", bytes: 8 * 1024 * 1024 },
    }));
    const small = new Session(server.cloud(), { retry: FAST_RETRY, maxBodyBytes: 1024 * 1024 });
    await assert.rejects(
      small.request("block-storage", "GET", "types"),
      (err: unknown) =>
        err instanceof CloudError &&
        /^the answer of \S+\/types is larger than 1 MiB \(stopped reading\)$/.test(err.message),
    );
    assert.equal(server.count(/\/types$/), 1, "not retried");
    await small.close();
    await session.close();
  });
});
