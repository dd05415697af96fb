import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { describe, it } from "node:test";
import { Redactor } from "./redact.ts";
import { Transport } from "./transport.ts";

/**
 * A raw HTTP/1.1 server: answers the first request on each connection and keeps it open, then
 * resets the connection when a second request arrives on it (a server that dropped an idle
 * keep-alive connection just as the client reused it).
 */
async function resettingServer(): Promise<{ url: string; requests: () => number; close: () => void }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let served = 0;
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      while (buffer.includes("\r\n\r\n")) {
        const end = buffer.indexOf("\r\n\r\n") + 4;
        const length = Number(/content-length: (\d+)/i.exec(buffer.slice(0, end))?.[1] ?? 0);
        if (buffer.length < end + length) return;
        buffer = buffer.slice(end + length);
        if (served++ > 0) {
          socket.resetAndDestroy();
          return;
        }
        count++;
        socket.write(
          "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n{}",
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/things`,
    requests: () => count,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe("Transport", () => {
  it("sends a POST again when the kept-alive connection it reused was already closed", async () => {
    const server = await resettingServer();
    const trace: string[] = [];
    const transport = new Transport({
      timeoutMs: 2_000,
      redactor: new Redactor(),
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
      trace: (l) => trace.push(l),
    });
    try {
      const post = () => transport.send({ method: "POST", url: server.url, body: "{}", idempotent: false });
      assert.equal((await post()).status, 201);
      assert.equal((await post()).status, 201);
      assert.equal(server.requests(), 2);
      assert.match(
        trace[1]!,
        /^POST http:\/\/127\.0\.0\.1:\d+\/v3\/things STALE_CONNECTION \d+ ms \(retry 1 in 1 ms\)$/,
      );
      assert.equal(transport.requestCount, 3);
    } finally {
      await transport.close();
      server.close();
    }
  });
});
