import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { Session } from "../openstack/index.ts";
import { FaultServer } from "../openstack/testing/fault-server.ts";
import { classifyS3Answer, probeS3, s3Origin, signListBuckets } from "./s3-probe.ts";

describe("S3 request signing", () => {
  it("signs ListBuckets exactly like botocore (SigV4, empty secret)", () => {
    // Vector computed with botocore 1.43 S3SigV4Auth for the same request and time.
    const headers = signListBuckets("s3.example.org", new Date("2026-11-21T07:08:44Z"));
    assert.equal(headers["x-amz-date"], "20261121T070844Z");
    assert.equal(
      headers["authorization"],
      "AWS4-HMAC-SHA256 Credential=doesnotexist/20261121/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date, " +
        "Signature=48d4ac0f51742503ebf4782ba114d1fbe6ce6658c70612b29596ad6a3aa79973",
    );
  });

  it("keeps scheme and host of object-store URLs that have a path", () => {
    assert.equal(s3Origin("https://swift.example:8080/v1/AUTH_p"), "https://swift.example:8080");
    assert.equal(s3Origin("http://swift.example/"), "http://swift.example");
    assert.equal(s3Origin("https://swift.example"), undefined);
  });

  it("classifies answers", () => {
    assert.equal(
      classifyS3Answer("e", 403, "<Error><Code>InvalidAccessKeyId</Code></Error>").kind,
      "rejected",
    );
    assert.equal(classifyS3Answer("e", 404, "<Error><Code>NoSuchKey</Code></Error>").kind, "rejected");
    assert.equal(classifyS3Answer("e", 200, "<ListAllMyBucketsResult/>").kind, "accepted");
    assert.deepEqual(classifyS3Answer("e", 404, "<html><body>Not Found</body></html>"), {
      kind: "failed",
      endpoint: "e",
      message: "HTTP 404: Not Found",
    });
    assert.equal(classifyS3Answer("e", 403, "<Error><Code>AccessDenied</Code></Error>").kind, "failed");
  });
});

describe("probeS3 against local stand-ins", () => {
  let keystone: FaultServer;
  let s3: Server;
  let s3Url = "";
  let reply: { status: number; body: string } = { status: 403, body: "" };
  const seen: IncomingHttpHeaders[] = [];

  class WithObjectStore extends FaultServer {
    override catalog(): unknown[] {
      const endpoints = [
        {
          id: "s",
          interface: "public",
          region: "RegionOne",
          region_id: "RegionOne",
          url: `${s3Url}/v1/AUTH_pid`,
        },
      ];
      return [...super.catalog(), { id: "o", type: "object-store", name: "swift", endpoints }];
    }
  }

  before(async () => {
    s3 = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(reply.status, { "content-type": "application/xml" }).end(reply.body);
    });
    await new Promise<void>((resolve) => s3.listen(0, "127.0.0.1", resolve));
    s3Url = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`;
    keystone = await new WithObjectStore().start();
  });
  after(async () => {
    await keystone.stop();
    await new Promise((resolve) => s3.close(resolve));
  });

  it("reports rejected credentials, a listing and a non-S3 answer, sending no token", async () => {
    const session = new Session(keystone.cloud());
    const signal = new AbortController().signal;
    reply = { status: 403, body: "<Error><Code>InvalidAccessKeyId</Code></Error>" };
    assert.equal((await probeS3(session, signal)).kind, "rejected");
    reply = { status: 200, body: "<ListAllMyBucketsResult/>" };
    assert.equal((await probeS3(session, signal)).kind, "accepted");
    reply = { status: 404, body: "<html>Not Found</html>" };
    assert.deepEqual(await probeS3(session, signal), {
      kind: "failed",
      endpoint: s3Url,
      message: "HTTP 404: Not Found",
    });
    assert.ok(seen.every((headers) => headers["x-auth-token"] === undefined));
    assert.match(String(seen[0]?.["authorization"]), /^AWS4-HMAC-SHA256 Credential=doesnotexist\//);
    await session.close();
  });

  it("reports a refused connection as failed", async () => {
    const session = new Session(keystone.cloud());
    const saved = s3Url;
    s3Url = "http://127.0.0.1:1";
    try {
      const probe = await probeS3(session, new AbortController().signal);
      assert.equal(probe.kind, "failed");
    } finally {
      s3Url = saved;
      await session.close();
    }
  });

  it("answers no-object-store without a request when the catalog has none", async () => {
    const plain = await new FaultServer().start();
    const session = new Session(plain.cloud());
    assert.deepEqual(await probeS3(session, new AbortController().signal), { kind: "no-object-store" });
    await session.close();
    await plain.stop();
  });
});
