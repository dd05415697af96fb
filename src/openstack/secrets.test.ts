/**
 * Every secret the client holds (password, application-credential secret, token), sent back by
 * a cloud through every error path, in pieces and encoded, never reaches an error message or a
 * trace line. A fault-injecting stand-in on 127.0.0.1 plays the echoing cloud.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { CloudConfig } from "./config.ts";
import { Session } from "./session.ts";
import { FAKE_PASSWORD, FaultServer, type Reply, type Seen } from "./testing/fault-server.ts";
import { listVolumeTypes } from "./volume.ts";

const FAST_RETRY = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 50 };

/** Every run of 6 characters of `secret`, raw and URL-encoded. */
function pieces(secret: string): string[] {
  const out = new Set<string>();
  for (const form of [secret, encodeURIComponent(secret)])
    for (let i = 0; i + 6 <= form.length; i++) out.add(form.slice(i, i + 6));
  return [...out];
}

/** The ways a cloud can put what it got into its answer. */
const ECHOES: Record<string, (secret: string) => Reply> = {
  "JSON error message, cut short": (s) => ({
    status: 400,
    json: { badRequest: { message: `got ${s.slice(0, 14)}` } },
  }),
  "JSON error, URL-encoded": (s) => ({
    status: 409,
    json: { conflict: { message: `q=${encodeURIComponent(s)}` } },
  }),
  "JSON error, base64 of user:secret": (s) => ({
    status: 403,
    json: { forbidden: { message: `Basic ${Buffer.from(`tester:${s}`).toString("base64")}` } },
  }),
  "HTML error page": (s) => ({
    status: 502,
    text: `<html><title>bad ${s.slice(3)}</title><pre>${s}</pre></html>`,
  }),
  "non-JSON success": (s) => ({ status: 200, text: `<html><h1>${s.slice(1, 20)}</h1></html>` }),
  "429 with a message": (s) => ({
    status: 429,
    headers: { "retry-after": "3600" },
    json: { overLimit: { message: s } },
  }),
  "next link carrying the secret": (s) => ({
    status: 200,
    json: {
      volume_types: [{ id: "t1", name: "x" }],
      volume_types_links: [{ rel: "next", href: `http://x/types?marker=${encodeURIComponent(s.slice(2))}` }],
    },
  }),
};

describe("secrets echoed by a cloud", () => {
  let server: FaultServer;
  let echo: (req: Seen) => Reply = () => ({ status: 200, json: {} });
  before(async () => {
    server = await new FaultServer().start();
    server.on("GET", /^\/volume\/v3\/pid\/types$/, (req) => {
      // The next page of the "next link" echo fails, so the link's URL lands in an error.
      if (req.query.get("marker")) return { status: 500, json: { computeFault: { message: "later" } } };
      return echo(req);
    });
  });
  after(() => server.stop());

  const clouds: Record<string, (s: FaultServer) => CloudConfig> = {
    password: (s) => s.cloud(),
    "application credential": (s) =>
      s.cloud({ auth: { kind: "application-credential", credential: { id: "ac1" }, secret: FAKE_PASSWORD } }),
  };

  for (const [kind, cloud] of Object.entries(clouds)) {
    for (const [how, reply] of Object.entries(ECHOES)) {
      for (const which of ["password", "token"] as const) {
        it(`${kind}: the ${which} in a ${how} stays out of errors and traces`, async () => {
          const trace: string[] = [];
          const session = new Session(cloud(server), { retry: FAST_RETRY, trace: (l) => trace.push(l) });
          await session.token();
          const secret = which === "password" ? FAKE_PASSWORD : [...server.validTokens].at(-1)!;
          assert.ok(secret.length >= 12);
          echo = () => reply(secret);
          const err = await listVolumeTypes(session).then(
            () => assert.fail("expected an error"),
            (e: unknown) => e as Error,
          );
          for (const text of [err.message, ...trace]) {
            for (const piece of pieces(secret))
              assert.equal(text.includes(piece), false, `"${piece}" in ${text}`);
          }
          assert.doesNotMatch(err.message, /\n/);
          await session.close();
        });
      }
    }
  }
});
