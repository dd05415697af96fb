/**
 * `scs images apply` on the OpenStack lab with images served from a local HTTP server on
 * 127.0.0.1: register, a second plan is empty, the image meets every scs-0102 property rule;
 * a new build renames and hides the old one (what scs-0102-image-recency accepts), and with
 * uuid_validity last-2 the third build deletes the first. Everything made is deleted at the end.
 * Run under the lab lock (CONTRIBUTING.md).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { toImage } from "../../src/facts/convert.ts";
import { deleteImage, type Image, listImages } from "../../src/openstack/image.ts";
import { openSession } from "../../src/openstack/index.ts";
import { PROPERTY_RULES } from "../../src/standards/image-spec/index.ts";
import { ADMIN, LAB_WHY, labAvailable } from "../openstack/lab.ts";
import { requirePart } from "../support/require.ts";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** `scs ARGS…` in a child process, asynchronously: this process serves the image data meanwhile. */
function scs(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

const NAME = `SCS Manager Test ${process.pid}`;
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function ours(): Promise<Image[]> {
  const session = openSession(ADMIN);
  try {
    const all = [
      ...(await listImages(session, { visibility: "all" })),
      ...(await listImages(session, { visibility: "all", hidden: true })),
    ];
    return all.filter((i) => i.name?.startsWith(NAME));
  } finally {
    await session.close();
  }
}

describe("scs images on the lab", { timeout: 900_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "scs-images-lab-"));
  const builds = [randomBytes(256 * 1024), randomBytes(256 * 1024), randomBytes(256 * 1024)];
  let server: Server;
  let base = "";
  before(async () => {
    server = createServer((req, res) => {
      const n = Number(/^\/build-(\d)\.raw$/.exec(req.url ?? "")?.[1]);
      const data = builds[n];
      if (data === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(data);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(dir, { recursive: true, force: true });
    const session = openSession(ADMIN);
    try {
      for (const image of await ours().catch(() => [])) await deleteImage(session, image.id).catch(() => {});
    } finally {
      await session.close();
    }
  });

  /** The spec of build n, built n days after a start 10 days ago. */
  function spec(n: number): string {
    const path = join(dir, `images-${n}.yaml`);
    const url = `${base}/build-${n}.raw`;
    writeFileSync(
      path,
      `images:
  - name: ${NAME}
    url: ${url}
    disk_format: raw
    min_disk: 1
    min_ram: 512
    properties:
      architecture: x86_64
      hypervisor_type: qemu
      hw_disk_bus: scsi
      hw_rng_model: virtio
      os_distro: scstest
      os_version: "1"
      os_purpose: custom
      image_build_date: "${day(Date.now() - (10 - n) * DAY)}"
      image_original_user: debian
      image_description: https://example.org/scs-manager-test
      replace_frequency: never
      provided_until: none
      uuid_validity: last-2
`,
    );
    return path;
  }

  it("registers, fixes nothing twice, rolls builds over keeping the last 2", async (t) => {
    if (!requirePart(t, await labAvailable(), LAB_WHY)) return;
    const first = await scs(["images", "apply", "--os-cloud", ADMIN, "--spec", spec(0), "--yes"]);
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /1 to register/);
    const again = await scs(["images", "plan", "--os-cloud", ADMIN, "--spec", spec(0), "-f", "json", "-q"]);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.deepEqual(JSON.parse(again.stdout).changes, []);

    const [image, ...none] = await ours();
    assert.ok(image);
    assert.equal(none.length, 0);
    assert.equal(image.status, "active");
    assert.equal(image.size, builds[0]!.length);
    assert.equal(image.properties["image_source"], `${base}/build-0.raw`);
    // As the check sees it (os_hash_algo and the other Glance fields the rules read included).
    const metadata = toImage(image);
    for (const [rule, check] of Object.entries(PROPERTY_RULES)) {
      const errors = check(metadata, Date.now() / 1000).filter((f) => f.level === "error");
      assert.deepEqual(errors, [], `scs-0102-prop-${rule}`);
    }

    for (const n of [1, 2]) {
      const roll = await scs([
        "images",
        "apply",
        "--os-cloud",
        ADMIN,
        "--spec",
        spec(n),
        "--yes",
        "--delete-expired",
      ]);
      assert.equal(roll.status, 0, roll.stdout + roll.stderr);
    }
    const after = await ours();
    const byName = new Map(after.map((i) => [i.name, i]));
    assert.equal(after.length, 2, JSON.stringify(after.map((i) => i.name)));
    const current = byName.get(NAME);
    const previous = byName.get(`${NAME} ${day(Date.now() - 9 * DAY)}`);
    assert.equal(current?.size, builds[2]!.length);
    assert.equal(current?.osHidden, false);
    assert.equal(previous?.osHidden, true);
    const settled = await scs([
      "images",
      "plan",
      "--os-cloud",
      ADMIN,
      "--spec",
      spec(2),
      "--delete-expired",
      "-q",
    ]);
    assert.equal(settled.status, 0, settled.stdout);
  });

  it("a URL that answers 404 fails the run naming the image, nothing left behind", async (t) => {
    if (!requirePart(t, await labAvailable(), LAB_WHY)) return;
    const path = join(dir, "missing.yaml");
    writeFileSync(
      path,
      `images:\n  - name: ${NAME} missing\n    url: ${base}/build-7.raw\n    disk_format: raw\n`,
    );
    const run = await scs(["images", "apply", "--os-cloud", ADMIN, "--spec", path, "--yes"]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^scs: error: image "${NAME} missing": register failed: GET .* answered HTTP 404`, "m"),
    );
    assert.deepEqual(
      (await ours()).filter((i) => i.name === `${NAME} missing`),
      [],
    );
  });
});
