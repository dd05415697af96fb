import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isApiStatus } from "./errors.ts";
import { listImages, listPublicImages } from "./image.ts";
import { Session } from "./session.ts";
import { FaultServer, type Seen } from "./testing/fault-server.ts";

interface FakeImage {
  id: string;
  name: string;
  visibility: string;
  created_at: string;
}

/** Glance's list semantics: `sort=key:dir,...`, marker, limit clamped to `max`, next link on a full page. */
function glance(images: FakeImage[], max: number) {
  return (req: Seen) => {
    const sort = (req.query.get("sort") ?? "created_at:desc,id:desc").split(",").map((s) => s.split(":"));
    const sorted = [...images].sort((a, b) => {
      for (const [key, dir] of sort) {
        const x = String(a[key as keyof FakeImage]);
        const y = String(b[key as keyof FakeImage]);
        if (x !== y) return (x < y ? -1 : 1) * (dir === "desc" ? -1 : 1);
      }
      return 0;
    });
    const limit = Math.min(Number(req.query.get("limit") ?? 25), max);
    const marker = req.query.get("marker");
    const start = marker ? sorted.findIndex((i) => i.id === marker) + 1 : 0;
    const page = sorted.slice(start, start + limit);
    return {
      status: 200,
      json: {
        images: page,
        ...(page.length === limit ? { next: `/v2/images?marker=${page.at(-1)!.id}` } : {}),
      },
    };
  };
}

/** n images; every third pair shares a creation time, so the `id` tie-break matters. */
function images(n: number): FakeImage[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `img-${String((i * 7919) % 100_000).padStart(5, "0")}-${i}`,
    name: `image ${i}`,
    visibility: i % 10 === 0 ? "private" : "public",
    created_at: `2024-01-01T00:${String(Math.floor(i / 3) % 60).padStart(2, "0")}:${String(Math.floor(i / 180)).padStart(2, "0")}Z`,
  }));
}

function newestFirst(list: FakeImage[]): string[] {
  return [...list]
    .sort((a, b) =>
      a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1,
    )
    .map((i) => i.id);
}

describe("listing images from both ends", () => {
  let server: FaultServer;
  before(async () => {
    server = await new FaultServer().start();
  });
  after(async () => {
    await server.stop();
  });

  for (const [n, max, requests] of [
    [0, 1000, 2],
    [7, 1000, 2],
    [1000, 1000, 2],
    [1024, 1000, 4],
    [3000, 1000, 6],
    [450, 100, 6],
  ] as const) {
    it(`returns all ${n} images newest first (server max ${max}) in ${requests} requests`, async () => {
      const all = images(n);
      server.on("GET", /^\/image\/v2\/images$/, glance(all, max));
      const session = new Session(server.cloud());
      await session.token();
      const before = session.requestCount;
      const listed = await listImages(session);
      assert.equal(session.requestCount - before, requests);
      assert.deepEqual(
        listed.map((i) => i.id),
        newestFirst(all),
      );
      await session.close();
    });
  }

  it("stops the other cursor when one fails", async () => {
    server.on("GET", /^\/image\/v2\/images$/, (req) =>
      req.query.get("sort")?.includes("asc")
        ? { status: 400, json: { message: "bad marker" } }
        : { delayMs: 200, reply: { status: 503, text: "busy" } },
    );
    const session = new Session(server.cloud(), {
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    await session.token();
    const from = server.seen.length;
    await assert.rejects(listImages(session), (err: unknown) => isApiStatus(err, 400));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const desc = server.seen.slice(from).filter((s) => s.query.get("sort")?.includes("desc"));
    assert.equal(desc.length, 1, "the descending cursor was not retried after the failure");
    await session.close();
  });

  it("sends both cursors at once, with the filters", async () => {
    server.seen.length = 0;
    server.on("GET", /^\/image\/v2\/images$/, glance(images(20), 1000));
    const session = new Session(server.cloud());
    const pub = await listPublicImages(session);
    assert.equal(pub.length, 18);
    const calls = server.seen.filter((s) => s.path === "/image/v2/images").map((s) => s.query.toString());
    assert.deepEqual(calls.sort(), [
      "visibility=all&sort=created_at%3Aasc%2Cid%3Aasc&limit=512",
      "visibility=all&sort=created_at%3Adesc%2Cid%3Adesc&limit=512",
    ]);
    await session.close();
  });
});
