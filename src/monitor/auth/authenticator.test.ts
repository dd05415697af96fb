import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import type { Account } from "../db/store.ts";
import { AccountDirectory } from "./accounts.ts";
import { Authenticator, type LoginOutcome } from "./authenticator.ts";

const account = (subject: string, apiKeys: string[]): Account => ({
  subject,
  roles: 0,
  group: null,
  apiKeys,
  keys: [],
  delegators: [],
});

/** A verifier whose hash is "hash:<password>", recording every call and able to hold them. */
function fakeVerifier() {
  const calls: { password: string; hash: string }[] = [];
  const held: (() => void)[] = [];
  let hold = false;
  return {
    calls,
    hold(on: boolean) {
      hold = on;
      if (!on) for (const release of held.splice(0)) release();
    },
    get waiting() {
      return held.length;
    },
    verify: async (password: string, hash: string) => {
      calls.push({ password, hash });
      if (hold) await new Promise<void>((resolve) => held.push(resolve));
      return hash === `hash:${password}`;
    },
  };
}

function setup(
  options: { perAccount?: number; perAddress?: number; concurrency?: number; maxWaiting?: number } = {},
) {
  let now = 1_000_000;
  const verifier = fakeVerifier();
  const counts = { failed: 0, throttled: 0, cacheHit: 0, busy: 0 };
  const auth = new Authenticator(
    {
      monotonicMs: () => now,
      verify: verifier.verify,
      throttle: {
        perAccount: options.perAccount ?? 3,
        perAddress: options.perAddress ?? 5,
        windowMs: 60_000,
      },
      concurrency: options.concurrency ?? 2,
      maxWaiting: options.maxWaiting ?? 4,
    },
    {
      failed: () => counts.failed++,
      throttled: () => counts.throttled++,
      cacheHit: () => counts.cacheHit++,
      busy: () => counts.busy++,
    },
  );
  const directory = new AccountDirectory([
    account("cloud", ["hash:right"]),
    account("robot", ["hash:r1", "hash:r2"]),
  ]);
  return {
    auth,
    directory,
    verifier,
    counts,
    advance: (ms: number) => {
      now += ms;
    },
    login: (subject: string, password: string, address = "10.0.0.1") =>
      auth.login(directory, subject, password, address),
  };
}

const kind = (o: LoginOutcome) => o.kind;

describe("Authenticator", () => {
  it("accepts the right password for any of the account's keys and refuses a wrong one", async () => {
    const s = setup();
    assert.equal((await s.login("cloud", "right")).kind, "ok");
    assert.equal((await s.login("robot", "r2")).kind, "ok");
    assert.equal((await s.login("cloud", "wrong")).kind, "denied");
    assert.equal(s.counts.failed, 1);
  });

  it("checks an unknown user against a real account's hash, exactly as often as a wrong password", async () => {
    const s = setup();
    await s.login("cloud", "guess");
    const forWrong = s.verifier.calls.splice(0);
    const outcome = await s.login("nobody", "right");
    assert.equal(outcome.kind, "denied", "the decoy's verdict is thrown away even when it matches");
    assert.equal(s.verifier.calls.length, forWrong.length);
    assert.deepEqual(s.verifier.calls[0], { password: "right", hash: "hash:right" });
  });

  it("remembers a success: the next login costs no hash, and a reload forgets it", async () => {
    const s = setup();
    await s.login("cloud", "right");
    assert.equal(s.verifier.calls.length, 1);
    const again = await s.login("cloud", "right");
    assert.deepEqual(again.kind === "ok" && again.cached, true);
    assert.equal(s.verifier.calls.length, 1);
    assert.equal(s.counts.cacheHit, 1);
    s.auth.forget();
    await s.login("cloud", "right");
    assert.equal(s.verifier.calls.length, 2);
  });

  it("forgets a success after ten minutes on its monotonic clock", async () => {
    const s = setup();
    await s.login("cloud", "right");
    s.advance(10 * 60_000 - 1);
    await s.login("cloud", "right");
    assert.equal(s.verifier.calls.length, 1);
    s.advance(1);
    await s.login("cloud", "right");
    assert.equal(s.verifier.calls.length, 2);
  });

  it("shares one verification among concurrent identical logins (single flight)", async () => {
    const s = setup();
    s.verifier.hold(true);
    const pending = Array.from({ length: 8 }, () => s.login("cloud", "right"));
    await new Promise((resolve) => setImmediate(resolve));
    s.verifier.hold(false);
    assert.deepEqual((await Promise.all(pending)).map(kind), Array(8).fill("ok"));
    assert.equal(s.verifier.calls.length, 1);
  });

  it("runs at most `concurrency` checks at once, queues a bounded number and answers busy beyond", async () => {
    const s = setup({ concurrency: 2, maxWaiting: 3, perAccount: 100, perAddress: 100 });
    s.verifier.hold(true);
    const pending = Array.from({ length: 5 }, (_, i) => s.login("cloud", `guess-${i}`));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(s.verifier.waiting, 2, "two checks run, three wait for a turn");
    assert.deepEqual(s.auth.gate.load, { running: 2, waiting: 3 });
    const sixth = await s.login("cloud", "guess-6");
    assert.deepEqual(sixth, { kind: "busy", retryAfterSeconds: 1 });
    assert.equal(s.counts.busy, 1);
    s.verifier.hold(false);
    while (s.verifier.calls.length < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      s.verifier.hold(false);
    }
    assert.deepEqual((await Promise.all(pending)).map(kind), Array(5).fill("denied"));
    assert.deepEqual(s.auth.gate.load, { running: 0, waiting: 0 });
  });

  it("throttles an account after its limit of failures, with the seconds until the oldest expires", async () => {
    const s = setup({ perAccount: 3, perAddress: 100 });
    for (let i = 0; i < 3; i++) {
      assert.equal((await s.login("cloud", `guess-${i}`, `10.0.0.${i}`)).kind, "denied");
      s.advance(10_000);
    }
    const calls = s.verifier.calls.length;
    const blocked = await s.login("cloud", "guess-x", "10.9.9.9");
    assert.deepEqual(blocked, { kind: "throttled", which: "account", retryAfterSeconds: 30 });
    assert.equal(s.verifier.calls.length, calls, "a throttled login costs no hash");
    // Another account is not affected, and the throttled one is free again when the window slides.
    assert.equal((await s.login("robot", "r1", "10.9.9.9")).kind, "ok");
    s.advance(30_000);
    assert.equal((await s.login("cloud", "right", "10.9.9.9")).kind, "ok");
  });

  it("lets a recently verified login through while its account is throttled, and nothing else", async () => {
    const s = setup({ perAccount: 2, perAddress: 100 });
    await s.login("cloud", "right", "10.0.0.1");
    await s.login("cloud", "bad-1", "10.6.6.6");
    await s.login("cloud", "bad-2", "10.6.6.6");
    assert.equal((await s.login("cloud", "bad-3", "10.6.6.6")).kind, "throttled");
    assert.equal((await s.login("cloud", "right", "10.0.0.1")).kind, "ok");
  });

  it("throttles a client address across accounts, unknown users included", async () => {
    const s = setup({ perAccount: 100, perAddress: 4 });
    for (const user of ["cloud", "robot", "nobody", "ghost"]) await s.login(user, "guess", "10.6.6.6");
    const blocked = await s.login("cloud", "right", "10.6.6.6");
    assert.equal(blocked.kind, "throttled");
    assert.equal(blocked.kind === "throttled" && blocked.which, "address");
    assert.equal((await s.login("cloud", "right", "10.0.0.2")).kind, "ok", "other addresses still log in");
    assert.equal(s.counts.throttled, 1);
  });

  it("keeps neither the password nor an offline-attackable digest of it", async () => {
    const s = setup();
    const password = "right";
    await s.login("cloud", password);
    const dump = inspect(s.auth, { depth: Number.POSITIVE_INFINITY, showHidden: true, maxArrayLength: null });
    const sha = (text: string) => createHash("sha256").update(text);
    for (const form of [
      password,
      Buffer.from(password).toString("base64"),
      sha(password).digest("hex"),
      sha(password).digest("base64"),
      sha("cloud").update("\0").update(password).digest("base64"),
      sha("cloud\0right").digest("hex"),
    ]) {
      assert.ok(!dump.includes(form), `the cache holds ${form}`);
    }
    assert.equal(s.auth.verified.size, 1);
    // The key is an HMAC under a per-process random key: another instance derives another key.
    assert.notEqual(s.auth.verified.keyOf("cloud", password), setup().auth.verified.keyOf("cloud", password));
  });
});
