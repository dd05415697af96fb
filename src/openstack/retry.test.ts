import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RETRY, decideRetry, parseRetryAfter } from "./retry.ts";

const P = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 300, maxRetryAfterMs: 10_000 };
const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("decideRetry", () => {
  it("backs off exponentially up to a cap for idempotent requests on 5xx", () => {
    assert.deepEqual(decideRetry(P, 0, { kind: "status", status: 503 }, true, NOW), {
      retry: true,
      delayMs: 100,
    });
    assert.deepEqual(decideRetry(P, 1, { kind: "status", status: 500 }, true, NOW), {
      retry: true,
      delayMs: 200,
    });
    assert.deepEqual(decideRetry(P, 2, { kind: "status", status: 502 }, true, NOW), {
      retry: true,
      delayMs: 300,
    });
    assert.deepEqual(decideRetry(P, 3, { kind: "status", status: 502 }, true, NOW), { retry: false });
  });

  it("does not retry 501, client errors or successes", () => {
    for (const status of [200, 201, 400, 401, 403, 404, 409, 501]) {
      assert.equal(decideRetry(P, 0, { kind: "status", status }, true, NOW).retry, false, String(status));
    }
  });

  it("never retries a non-idempotent request on 5xx or a reset, but on 429 and a refused connection", () => {
    assert.equal(decideRetry(P, 0, { kind: "status", status: 500 }, false, NOW).retry, false);
    assert.equal(decideRetry(P, 0, { kind: "network", code: "ECONNRESET" }, false, NOW).retry, false);
    assert.equal(decideRetry(P, 0, { kind: "status", status: 429 }, false, NOW).retry, true);
    assert.equal(decideRetry(P, 0, { kind: "network", code: "ECONNREFUSED" }, false, NOW).retry, true);
    assert.equal(decideRetry(P, 0, { kind: "network", code: "STALE_CONNECTION" }, false, NOW).retry, true);
  });

  it("retries idempotent requests on dropped connections but not on TLS or DNS failures", () => {
    assert.equal(decideRetry(P, 0, { kind: "network", code: "ECONNRESET" }, true, NOW).retry, true);
    assert.equal(decideRetry(P, 0, { kind: "network", code: "UND_ERR_SOCKET" }, true, NOW).retry, true);
    assert.equal(
      decideRetry(P, 0, { kind: "network", code: "DEPTH_ZERO_SELF_SIGNED_CERT" }, true, NOW).retry,
      false,
    );
    assert.equal(decideRetry(P, 0, { kind: "network", code: "ENOTFOUND" }, true, NOW).retry, false);
    assert.equal(decideRetry(P, 0, { kind: "network", code: "TIMEOUT" }, true, NOW).retry, false);
  });

  it("honours Retry-After on 429, and refuses to wait longer than allowed", () => {
    assert.deepEqual(decideRetry(P, 0, { kind: "status", status: 429, retryAfter: "7" }, true, NOW), {
      retry: true,
      delayMs: 7000,
    });
    assert.deepEqual(decideRetry(P, 0, { kind: "status", status: 429, retryAfter: "120" }, true, NOW), {
      retry: false,
      reason: "the server asked to retry after 120 s",
    });
    assert.deepEqual(decideRetry(P, 0, { kind: "status", status: 429 }, true, NOW), {
      retry: true,
      delayMs: 100,
    });
  });

  it("has sane defaults", () => {
    assert.ok(DEFAULT_RETRY.maxRetries >= 2 && DEFAULT_RETRY.baseDelayMs >= 100);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    assert.equal(parseRetryAfter("3", NOW), 3000);
    assert.equal(parseRetryAfter("0.5", NOW), 500);
    assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", NOW), 5000);
    assert.equal(parseRetryAfter("Wed, 31 Dec 2025 00:00:05 GMT", NOW), 0);
    assert.equal(parseRetryAfter("soon", NOW), null);
    assert.equal(parseRetryAfter(null, NOW), null);
  });
});
