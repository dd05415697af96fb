/**
 * TLS options of a cloud (`cacert`, `verify: false`) against a local HTTPS server with a
 * self-signed certificate made by the real openssl. Only error handling and TLS set-up are
 * tested here; behaviour against OpenStack is in client.test.ts.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CloudError, Session } from "../../src/openstack/index.ts";
import { FaultServer } from "../../src/openstack/testing/fault-server.ts";
import { requirePart } from "../support/require.ts";

const OPENSSL = "/usr/bin/openssl";
const available = existsSync(OPENSSL);

describe("TLS options", () => {
  let server: Server | undefined;
  let url = "";
  let dir = "";
  const plain = new FaultServer();

  before(async () => {
    if (!available) return;
    dir = mkdtempSync(join(tmpdir(), "scs-tls-"));
    execFileSync(
      OPENSSL,
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    // Keystone's answers come from the fault server, behind this TLS front.
    await plain.start();
    server = createServer(
      { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
      async (req, res) => {
        const body = await new Promise<Buffer>((resolve) => {
          const chunks: Buffer[] = [];
          req.on("data", (c: Buffer) => chunks.push(c));
          req.on("end", () => resolve(Buffer.concat(chunks)));
        });
        const upstream = await fetch(`${plain.base}${req.url}`, {
          method: req.method ?? "GET",
          headers: { "content-type": "application/json" },
          ...(body.length ? { body } : {}),
        });
        res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
        res.end(Buffer.from(await upstream.arrayBuffer()));
      },
    );
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/identity/v3`;
  });
  after(async () => {
    server?.closeAllConnections();
    server?.close();
    if (available) await plain.stop();
  });

  const cloud = (tls: { verify: boolean; cacert: string | null }) => ({
    ...plain.cloud(),
    authUrl: url,
    tls: { ...tls, cert: null, key: null },
  });

  it("refuses a self-signed certificate by default, saying what to set", async (t) => {
    if (!requirePart(t, available, "openssl (Debian openssl) to make a test certificate")) return;
    const session = new Session(cloud({ verify: true, cacert: null }));
    await assert.rejects(session.token(), (err: unknown) => {
      assert.ok(err instanceof CloudError);
      assert.match(
        err.message,
        /TLS verification failed for https:\/\/127\.0\.0\.1:\d+ \(DEPTH_ZERO_SELF_SIGNED_CERT\): set cacert to the CA bundle of the cloud, or verify: false/,
      );
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
    await session.close();
  });

  it("trusts the certificate given as cacert", async (t) => {
    if (!requirePart(t, available, "openssl (Debian openssl) to make a test certificate")) return;
    const session = new Session(cloud({ verify: true, cacert: join(dir, "cert.pem") }));
    assert.deepEqual((await session.token()).roles, ["member", "reader"]);
    await session.close();
  });

  it("skips verification with verify: false", async (t) => {
    if (!requirePart(t, available, "openssl (Debian openssl) to make a test certificate")) return;
    const session = new Session(cloud({ verify: false, cacert: null }));
    assert.equal((await session.token()).user.name, "tester");
    await session.close();
  });

  it("names a missing cacert file before connecting", (t) => {
    if (!requirePart(t, available, "openssl (Debian openssl) to make a test certificate")) return;
    assert.throws(
      () => new Session(cloud({ verify: true, cacert: join(dir, "absent.pem") })),
      /cloud "fake": cannot read cacert file .*absent\.pem: ENOENT/,
    );
  });
});
