import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { connect } from "node:net";
import { before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import { passwordMatches } from "../../src/monitor/auth/password-hash.ts";
import { requirePart } from "../support/require.ts";
import { basic, CLOUD, DIALECTS, postgresAvailable, startMonitor } from "./harness.ts";

const MiB = 1024 * 1024;

/** The example bootstrap (bcrypt cost 12 and argon2id m=100 MiB, as production) behind a real socket. */
async function startServing(
  dialect: (typeof DIALECTS)[number],
  options: Parameters<typeof startMonitor>[1] = {},
) {
  const calls: string[] = [];
  let clock = 0;
  const h = await startMonitor(dialect, {
    ...options,
    auth: {
      monotonicMs: () => clock,
      // Counts the hash checks (by algorithm), then checks for real.
      verify: (password, hash) => {
        calls.push(hash.slice(0, 4));
        return passwordMatches(password, hash);
      },
      ...options.auth,
    },
  });
  const sockets: Socket[] = [];
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  server.on("connection", (socket: Socket) => sockets.push(socket));
  const port = (server.address() as AddressInfo).port;
  return {
    ...h,
    calls,
    sockets,
    port,
    url: `http://127.0.0.1:${port}/`,
    advance: (ms: number) => {
      clock += ms;
    },
    close: async () => {
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await h.dispose();
    },
  };
}

/** A body stream of `total` bytes in 64 KiB chunks that records how much was pulled from it. */
function countedBody(total: number) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close();
        state.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** Sends request `head` and `prefix` of the body over a raw socket and reads what comes back. */
function rawExchange(port: number, head: string, prefix: Buffer) {
  return new Promise<{ response: string; closedByServer: boolean }>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let response = "";
    socket.on("data", (d) => {
      response += d.toString("latin1");
    });
    socket.on("end", () => resolve({ response, closedByServer: true }));
    socket.on("error", (err) => (response ? resolve({ response, closedByServer: true }) : reject(err)));
    socket.write(head);
    socket.write(prefix);
    // Nothing more is sent: the answer must come without the rest of the declared body.
  });
}

for (const dialect of DIALECTS) {
  describe(`monitor logins under attack on ${dialect}`, () => {
    let available = true;
    before(async () => {
      available = dialect === "sqlite" || (await postgresAvailable());
    });

    it("keeps answering /healthz while 8 concurrent wrong passwords are hashed", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const s = await startServing(dialect);
      try {
        let wrongAnswered = 0;
        const wrong = Array.from({ length: 8 }, (_, i) =>
          fetch(`${s.url}reports`, { headers: { authorization: basic("example-cloud", `guess-${i}`) } }).then(
            async (r) => {
              await r.arrayBuffer();
              wrongAnswered += 1;
              return r.status;
            },
          ),
        );
        // /healthz one after another until the first wrong password is answered: each cost-12
        // bcrypt is hundreds of times the work of a /healthz, so a free event loop answers many.
        let healthy = 0;
        while (wrongAnswered === 0) {
          const res = await fetch(`${s.url}healthz`);
          assert.equal(res.status, 200);
          await res.arrayBuffer();
          if (wrongAnswered === 0) healthy += 1;
        }
        assert.deepEqual(await Promise.all(wrong), Array(8).fill(401));
        assert.ok(healthy >= 25, `only ${healthy} /healthz answered while the first hash was checked`);
        assert.equal(s.calls.length, 8, "each distinct wrong password is hashed once");
        assert.deepEqual(s.monitor.authenticator.gate.load, { running: 0, waiting: 0 });
      } finally {
        await s.close();
      }
    });

    it("answers 429 with Retry-After after too many failures, per account and per address", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const s = await startServing(dialect, {
        trustedProxies: ["127.0.0.1"],
        auth: { throttle: { perAccount: 3, perAddress: 5, windowMs: 15 * 60_000 } },
      });
      try {
        const get = (user: string, password: string, from: string) =>
          fetch(`${s.url}reports`, {
            headers: { authorization: basic(user, password), "x-forwarded-for": `198.51.100.99, ${from}` },
          });
        for (let i = 0; i < 3; i++)
          assert.equal((await get("example-cloud", `guess-${i}`, "203.0.113.1")).status, 401);
        const hashed = s.calls.length;
        const blocked = await get("example-cloud", "guess-3", "203.0.113.2");
        assert.equal(blocked.status, 429);
        assert.equal(blocked.headers.get("retry-after"), "900");
        assert.match(
          ((await blocked.json()) as { detail: string }).detail,
          /^too many failed logins for this account; try again in 900 s$/,
        );
        assert.equal(s.calls.length, hashed, "a throttled login costs no hash");
        // The address that failed twice more (other accounts) reaches its own limit of 5.
        assert.equal((await get("example-robot", "guess", "203.0.113.1")).status, 401);
        assert.equal((await get("nobody", "guess", "203.0.113.1")).status, 401);
        const byAddress = await get("example-admin", "admin-secret", "203.0.113.1");
        assert.equal(byAddress.status, 429, "even the right password waits once the address is blocked");
        assert.match(((await byAddress.json()) as { detail: string }).detail, /from this address/);
        assert.equal((await get("example-admin", "admin-secret", "203.0.113.3")).status, 200);
        // Fifteen minutes later on the monitor's monotonic clock the account may try again.
        s.advance(15 * 60_000);
        assert.equal((await get("example-cloud", "example-secret", "203.0.113.4")).status, 200);
        const metrics = await (await fetch(`${s.url}metrics`)).text();
        assert.match(metrics, /^scs_monitor_auth_throttled_total\{limit="account"\} 1$/m);
        assert.match(metrics, /^scs_monitor_auth_throttled_total\{limit="address"\} 1$/m);
        assert.match(metrics, /^scs_monitor_auth_failures_total 5$/m);
      } finally {
        await s.close();
      }
    });

    it("ignores X-Forwarded-For from an untrusted peer: a forged header does not escape the limit", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const s = await startServing(dialect, {
        auth: { throttle: { perAccount: 100, perAddress: 2, windowMs: 60_000 } },
      });
      try {
        for (const from of ["203.0.113.1", "203.0.113.2"]) {
          const res = await fetch(`${s.url}reports`, {
            headers: { authorization: basic("nobody", from), "x-forwarded-for": from },
          });
          assert.equal(res.status, 401);
        }
        const third = await fetch(`${s.url}reports`, {
          headers: { authorization: CLOUD, "x-forwarded-for": "203.0.113.3" },
        });
        assert.equal(third.status, 429);
        assert.ok(Number(third.headers.get("retry-after")) > 0);
      } finally {
        await s.close();
      }
    });

    it("checks an unknown user with the same hash path as a wrong password", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const s = await startServing(dialect);
      try {
        const status = async (auth: string) =>
          (await s.app.request("/reports", { headers: { authorization: auth } })).status;
        assert.equal(await status(basic("example-cloud", "wrong")), 401);
        const wrongPassword = s.calls.splice(0);
        assert.equal(await status(basic("no-such-cloud", "wrong")), 401);
        const unknownUser = s.calls.splice(0);
        assert.equal(wrongPassword.length, 1);
        assert.deepEqual(unknownUser, wrongPassword, "one check of a real hash of the same algorithm");
        assert.match(unknownUser[0]!, /^\$(2b|arg)/);
      } finally {
        await s.close();
      }
    });

    it("pays the hash once for a robot uploading many times, without keeping its password", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const s = await startServing(dialect);
      try {
        const statuses = await Promise.all(
          Array.from({ length: 6 }, () => s.app.request("/reports", { headers: { authorization: CLOUD } })),
        );
        assert.deepEqual(
          statuses.map((r) => r.status),
          Array(6).fill(200),
        );
        assert.equal((await s.app.request("/reports", { headers: { authorization: CLOUD } })).status, 200);
        assert.equal(s.calls.length, 1, "six concurrent logins share one check, the seventh hits the cache");
        const metrics = await (await s.app.request("/metrics")).text();
        assert.match(metrics, /^scs_monitor_auth_cache_hits_total 1$/m);
        const { inspect } = await import("node:util");
        const memory = inspect(s.monitor.authenticator, {
          depth: Number.POSITIVE_INFINITY,
          showHidden: true,
        });
        assert.ok(!memory.includes("example-secret"));
      } finally {
        await s.close();
      }
    });

    it("refuses a 15 MiB anonymous upload before reading its body", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const s = await startServing(dialect);
      try {
        // Chunked (no Content-Length), as a client streaming a body would send it.
        for (const auth of [undefined, basic("example-cloud", "wrong")]) {
          const { stream, state } = countedBody(15 * MiB);
          const res = await s.app.request("/reports", {
            method: "POST",
            body: stream,
            duplex: "half",
            headers: {
              "content-type": "application/x-signed-yaml",
              ...(auth ? { authorization: auth } : {}),
            },
          } as RequestInit);
          assert.equal(res.status, 401);
          assert.equal(res.headers.get("connection"), "close");
          assert.ok(
            state.pulled <= 128 * 1024,
            `the server pulled ${state.pulled} bytes of an anonymous body`,
          );
        }
        // Over a real socket: the 401 comes while only a prefix of the declared 15 MiB was sent,
        // and the server closes the connection instead of reading the rest.
        const head = [
          "POST /reports HTTP/1.1",
          `Host: 127.0.0.1:${s.port}`,
          "Content-Type: application/x-signed-yaml",
          `Content-Length: ${15 * MiB}`,
          "",
          "",
        ].join("\r\n");
        const { response, closedByServer } = await rawExchange(s.port, head, Buffer.alloc(64 * 1024, 0x61));
        assert.match(response, /^HTTP\/1\.1 401 /);
        assert.match(response, /\r\nconnection: close\r\n/i);
        assert.ok(closedByServer);
        const read = s.sockets.at(-1)!.bytesRead;
        assert.ok(read < 1 * MiB, `the server read ${read} bytes`);
        // The same for the approval route.
        const approvals = countedBody(15 * MiB);
        const res = await s.app.request("/results", {
          method: "POST",
          body: approvals.stream,
          duplex: "half",
          headers: { "content-type": "application/json" },
        } as RequestInit);
        assert.equal(res.status, 401);
        assert.ok(approvals.state.pulled <= 128 * 1024);
      } finally {
        await s.close();
      }
    });

    it("answers 413 to an authenticated body over the limit, declared or streamed, on every POST route", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const s = await startServing(dialect, { maxUploadBytes: 256 * 1024 });
      try {
        const ADMIN = basic("example-admin", "admin-secret");
        for (const [path, type] of [
          ["/reports", "application/x-signed-yaml"],
          ["/results", "application/json"],
          ["/admin/reload", "application/json"],
        ] as const) {
          const declared = countedBody(15 * MiB);
          const res = await s.app.request(path, {
            method: "POST",
            body: declared.stream,
            duplex: "half",
            headers: { "content-type": type, authorization: ADMIN, "content-length": String(15 * MiB) },
          } as RequestInit);
          assert.equal(res.status, 413, path);
          assert.equal(declared.state.pulled, 0, `${path} read a body it had refused by its length`);
          assert.match(
            ((await res.json()) as { detail: string }).detail,
            /^request body too large \(limit 262144 bytes\)$/,
          );
        }
        // Streamed without a length: reading stops at the limit, whatever the route makes of it.
        for (const path of ["/reports", "/results"]) {
          const streamed = countedBody(15 * MiB);
          const res = await s.app.request(path, {
            method: "POST",
            body: streamed.stream,
            duplex: "half",
            headers: {
              "content-type": path === "/reports" ? "application/x-signed-yaml" : "application/json",
              authorization: ADMIN,
            },
          } as RequestInit);
          assert.equal(res.status, 413, path);
          assert.ok(streamed.state.pulled <= 512 * 1024, `${path} pulled ${streamed.state.pulled} bytes`);
        }
      } finally {
        await s.close();
      }
    });

    it("exposes event-loop lag, process memory and the login counters on /metrics", async (t) => {
      if (!requirePart(t, available, `${dialect} database`)) return;
      const s = await startServing(dialect);
      try {
        await s.app.request("/reports", { headers: { authorization: basic("example-cloud", "wrong") } });
        const res = await s.app.request("/metrics");
        assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
        const text = await res.text();
        for (const series of [
          /^nodejs_eventloop_lag_seconds \d/m,
          /^nodejs_eventloop_lag_p99_seconds \d/m,
          /^process_resident_memory_bytes \d+/m,
          /^nodejs_heap_size_used_bytes \d+/m,
          /^scs_monitor_auth_failures_total 1$/m,
          /^scs_monitor_password_checks\{state="running"\} 0$/m,
          /^scs_monitor_request_duration_seconds_count\{method="GET",route="\/reports"\} 1$/m,
        ]) {
          assert.match(text, series);
        }
      } finally {
        await s.close();
      }
    });
  });
}
