/**
 * Error handling of the image apply against a stand-in Glance on 127.0.0.1 (the fault server):
 * a Glance error mid-run and a stuck import each stop the run with the image named, and the
 * half-made image record is removed. Behaviour against a real Glance is tested on the lab.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Session } from "../../openstack/session.ts";
import { FaultServer } from "../../openstack/testing/fault-server.ts";
import { ApplyError } from "../apply-error.ts";
import { applyImagePlan } from "./apply.ts";
import { imagesCommand } from "./command.ts";

const DATA = Buffer.from("not really a disk image, but bytes all the same\n".repeat(1000));
const SHA512 = createHash("sha512").update(DATA).digest("hex");

function glanceImage(id: string, name: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    status,
    visibility: "public",
    os_hidden: false,
    protected: false,
    owner: "pid",
    created_at: "2030-01-01T00:00:00Z",
    updated_at: "2030-01-01T00:00:00Z",
    size: null,
    virtual_size: null,
    min_disk: 1,
    min_ram: 512,
    disk_format: "raw",
    container_format: "bare",
    os_hash_algo: null,
    os_hash_value: null,
    checksum: null,
    tags: [],
    ...extra,
  };
}

describe("image apply against a failing Glance", () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-images-"));
  const server = new FaultServer();
  const spec = join(dir, "images.yaml");
  before(async () => {
    await server.start();
    writeFileSync(join(dir, "disk.raw"), DATA);
    writeFileSync(
      spec,
      [
        "images:",
        "  - name: First",
        "    file: disk.raw",
        "    disk_format: raw",
        "    properties: { image_build_date: '2030-01-01', os_distro: debian }",
        "  - name: Second",
        "    file: disk.raw",
        "    disk_format: raw",
        "    properties: { image_build_date: '2030-01-01', os_distro: debian }",
      ].join("\n"),
    );
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a Glance error mid-run exits non-zero naming the image, and removes its record", async () => {
    let created = 0;
    server
      .on("GET", /^\/image\/v2\/images$/, () => ({ status: 200, json: { images: [] } }))
      .on("GET", /^\/image\/v2\/info\/import$/, () => ({
        status: 200,
        json: { "import-methods": { value: ["glance-direct"] } },
      }))
      .on("POST", /^\/image\/v2\/images$/, (req) => {
        created++;
        return { status: 201, json: glanceImage(`img-${created}`, JSON.parse(req.body).name, "queued") };
      })
      .on("PUT", /^\/image\/v2\/images\/img-1\/file$/, () => ({ status: 204 }))
      .on("PUT", /^\/image\/v2\/images\/img-2\/file$/, () => ({
        status: 500,
        json: { message: "the store is full" },
      }))
      .on("GET", /^\/image\/v2\/images\/img-1$/, () => ({
        status: 200,
        json: glanceImage("img-1", "First", "active", { os_hash_algo: "sha512", os_hash_value: SHA512 }),
      }))
      .on("DELETE", /^\/image\/v2\/images\/img-\d$/, () => ({ status: 204 }));
    const lines: string[] = [];
    const run = imagesCommand(
      "apply",
      { spec, yes: true, quiet: true },
      { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) },
      () => new Session(server.cloud()),
    );
    await assert.rejects(run, (err: unknown) => {
      assert.ok(err instanceof ApplyError);
      assert.equal(err.exitCode, 1);
      assert.match(
        err.message,
        /^image "Second": register failed: .*HTTP 500: the store is full \(1 of 2 changes applied before/,
      );
      return true;
    });
    // The first image was uploaded in full; the failed one's record is gone again.
    const put = server.seen.find((s) => s.method === "PUT" && s.path.endsWith("img-1/file"));
    assert.equal(put?.body, DATA.toString("utf8"));
    assert.equal(server.count(/^\/image\/v2\/images\/img-2$/), 1, "DELETE of the half-made record");
    assert.equal(
      server.seen
        .filter((s) => s.method === "DELETE")
        .map((s) => s.path)
        .join(),
      "/image/v2/images/img-2",
    );
  });

  it("a stuck web-download fails after the time limit naming the image, record removed", async () => {
    server
      .on("GET", /^\/image\/v2\/info\/import$/, () => ({
        status: 200,
        json: { "import-methods": { value: ["glance-direct", "web-download"] } },
      }))
      .on("POST", /^\/image\/v2\/images$/, () => ({
        status: 201,
        json: glanceImage("img-9", "Stuck", "queued"),
      }))
      .on("POST", /^\/image\/v2\/images\/img-9\/import$/, () => ({ status: 202, text: "" }))
      .on("GET", /^\/image\/v2\/images\/img-9$/, () => ({
        status: 200,
        json: glanceImage("img-9", "Stuck", "importing"),
      }))
      .on("DELETE", /^\/image\/v2\/images\/img-9$/, () => ({ status: 204 }));
    let clock = 0;
    const session = new Session(server.cloud());
    try {
      const plan = {
        changes: [
          {
            action: "register" as const,
            name: "Stuck",
            image: {
              name: "Stuck",
              sources: [],
              url: "https://images.example.org/stuck.qcow2",
              diskFormat: "qcow2",
              containerFormat: "bare",
              minDisk: 1,
              minRam: 512,
              visibility: "public" as const,
              properties: {},
            },
          },
        ],
        notices: [],
      };
      await assert.rejects(
        applyImagePlan(session, plan, {
          importTimeoutMs: 60_000,
          baseDir: dir,
          now: () => clock,
          sleep: async (ms) => {
            clock += ms;
          },
        }),
        /^ApplyError: image "Stuck": register failed: the import did not finish within 60 s \(status importing\)/,
      );
      const importCall = server.seen.find((s) => s.path === "/image/v2/images/img-9/import");
      assert.deepEqual(JSON.parse(importCall?.body ?? "{}"), {
        method: { name: "web-download", uri: "https://images.example.org/stuck.qcow2" },
      });
      assert.ok(server.seen.some((s) => s.method === "DELETE" && s.path === "/image/v2/images/img-9"));
    } finally {
      await session.close();
    }
  });
});
