import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { postSignedReport, reportsUrl } from "./post.ts";
import type { SignedUpload } from "./signed-report.ts";

type Answer = { status: number; body?: string; headers?: Record<string, string> } | "reset";

/** A local HTTP server answering from a script, for the error handling only. */
class ScriptedMonitor {
  answers: Answer[] = [];
  seen: { path: string; headers: IncomingMessage["headers"]; body: Buffer }[] = [];
  #server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      this.seen.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      const answer = this.answers.shift() ?? { status: 200, body: "null" };
      if (answer === "reset") return req.socket.destroy();
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body ?? "null");
    });
  });
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/base`;
  }
  start = () => new Promise<void>((r) => this.#server.listen(0, "127.0.0.1", r));
  stop = () => {
    this.#server.closeAllConnections();
    return new Promise<void>((r) => this.#server.close(() => r()));
  };
}

const upload: SignedUpload = {
  body: Buffer.from("-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n&---\nsubject: x\n"),
  contentType: "application/x-signed-yaml",
};

describe("postSignedReport", () => {
  const monitor = new ScriptedMonitor();
  let slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
  };
  before(monitor.start);
  after(monitor.stop);
  const post = (attempts = 4) =>
    postSignedReport(monitor.url, upload, "dXNlcjpwdw==", { attempts, sleep, backoffMs: 100 });
  const reset = (answers: Answer[]) => {
    monitor.answers = answers;
    monitor.seen = [];
    slept = [];
  };

  it("sends the body, content type and Basic token to URL/reports", async () => {
    reset([{ status: 200 }]);
    assert.deepEqual(await post(), { kind: "stored" });
    assert.equal(monitor.seen.length, 1);
    assert.equal(monitor.seen[0]!.path, "/base/reports");
    assert.equal(monitor.seen[0]!.headers["content-type"], "application/x-signed-yaml");
    assert.equal(monitor.seen[0]!.headers["authorization"], "Basic dXNlcjpwdw==");
    assert.deepEqual(monitor.seen[0]!.body, upload.body);
  });

  it("retries 5xx and a reset connection with doubling back-off, then succeeds", async () => {
    reset([{ status: 503 }, "reset", { status: 500, body: '{"detail":"db down"}' }, { status: 200 }]);
    assert.deepEqual(await post(), { kind: "stored" });
    assert.equal(monitor.seen.length, 4);
    assert.deepEqual(slept, [100, 200, 400]);
  });

  it("gives up after the attempts with the last reason (transient)", async () => {
    reset([{ status: 502 }, { status: 500, body: '{"detail":"database is locked"}' }]);
    assert.deepEqual(await post(2), { kind: "transient", reason: "HTTP 500 database is locked" });
    assert.deepEqual(slept, [100]);
  });

  it("honours Retry-After of a 429", async () => {
    reset([{ status: 429, headers: { "retry-after": "3" } }, { status: 200 }]);
    assert.deepEqual(await post(), { kind: "stored" });
    assert.deepEqual(slept, [3000]);
  });

  it("409 means the monitor already has the report: done, no retry", async () => {
    reset([{ status: 409, body: '{"detail":"Conflict: report already present"}' }]);
    assert.deepEqual(await post(), { kind: "present" });
    assert.equal(monitor.seen.length, 1);
  });

  it("401 is refused at once with the monitor's detail, not retried", async () => {
    reset([{ status: 401, body: '{"detail":"verification failed"}' }]);
    assert.deepEqual(await post(), { kind: "rejected", reason: "HTTP 401 verification failed" });
    assert.equal(monitor.seen.length, 1);
    assert.deepEqual(slept, []);
  });

  it("a detail with control characters or a huge body stays one short line", async () => {
    reset([{ status: 400, body: JSON.stringify({ detail: `bad\n\u001b[31m${"x".repeat(5000)}` }) }]);
    const result = await post();
    assert.equal(result.kind, "rejected");
    assert.ok(result.kind === "rejected" && result.reason.length <= 220 && !/\p{Cc}/u.test(result.reason));
  });

  it("a monitor that is down: transient, cannot connect", async () => {
    const down = new ScriptedMonitor();
    await down.start();
    const url = down.url;
    await down.stop();
    slept = [];
    const result = await postSignedReport(url, upload, "dXNlcjpwdw==", { attempts: 3, sleep, backoffMs: 10 });
    assert.deepEqual(result, { kind: "transient", reason: "cannot connect (ECONNREFUSED)" });
    assert.deepEqual(slept, [10, 20]);
  });

  it("reportsUrl appends a slash only when missing", () => {
    assert.equal(reportsUrl("http://m/"), "http://m/reports");
    assert.equal(reportsUrl("http://m/x"), "http://m/x/reports");
  });
});
