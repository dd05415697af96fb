import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ScsError } from "../errors.ts";
import { formatSnapshot, parseSnapshot, readSnapshot, writeSnapshot } from "./file.ts";
import type { Snapshot } from "./types.ts";

export const SAMPLE: Snapshot = {
  format: "scs-cloud-snapshot",
  version: 1,
  takenAt: "2026-01-01T00:00:00.000Z",
  tool: "scs-compliance 0.1.0",
  cloud: { name: "lab-member", region: "RegionOne", interface: "public" },
  identity: {
    user: { id: "u", name: "lab-member", domainId: "default" },
    project: { id: "p", name: "lab-project", domainId: "default" },
    roles: ["member", "reader"],
  },
  catalog: [
    {
      id: "c",
      type: "compute",
      name: "nova",
      endpoints: [{ id: "e", interface: "public", region: "RegionOne", url: "http://n/v2.1" }],
    },
  ],
  flavors: {
    ok: true,
    value: [
      {
        id: "1",
        name: "SCS-2V-8",
        vcpus: 2,
        ram: 8192,
        disk: 0,
        ephemeral: 0,
        swap: 0,
        isPublic: true,
        disabled: false,
        description: null,
        extraSpecs: { "scs:name-v2": "SCS-2V-8" },
      },
    ],
  },
  images: { ok: true, value: [] },
  volumeTypes: { ok: false, error: "GET http://c/v3/types failed with HTTP 503" },
  securityGroups: { ok: true, value: [] },
  defaultSecurityGroupRules: { ok: true, value: null },
  networks: { ok: true, value: [] },
  s3Probe: { ok: true, value: { kind: "no-object-store" } },
  keyManager: { present: false },
  stats: { requests: 7, wallMs: 321 },
};

const tmp = () => mkdtempSync(join(tmpdir(), "scs-snapshot-"));

describe("snapshot files", () => {
  it("round-trips through writeSnapshot and readSnapshot", async () => {
    const path = join(tmp(), "cloud.json");
    await writeSnapshot(path, SAMPLE);
    assert.deepEqual(await readSnapshot(path), SAMPLE);
    assert.equal(readFileSync(path, "utf8"), formatSnapshot(SAMPLE));
  });

  it("leaves nothing behind when the folder does not exist", async () => {
    const dir = tmp();
    await assert.rejects(writeSnapshot(join(dir, "missing", "cloud.json"), SAMPLE), (err: unknown) => {
      return err instanceof ScsError && /^cannot write snapshot .*cloud\.json: ENOENT/.test(err.message);
    });
    assert.deepEqual(readdirSync(dir), []);
  });

  it("names the problem of a bad file in one line", async () => {
    const dir = tmp();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const cases: [string, string, RegExp][] = [
      ["notjson.json", "{ flavors: ", /notjson\.json is not JSON: /],
      ["array.json", "[]", /is not a snapshot: expected a JSON object/],
      [
        "other.json",
        '{"format":"something"}',
        /is not an scs snapshot \(format is not "scs-cloud-snapshot"\)/,
      ],
      [
        "newer.json",
        JSON.stringify({ ...SAMPLE, version: 2 }),
        /is snapshot version 2; this scs reads up to version 1: upgrade scs/,
      ],
      ["nover.json", JSON.stringify({ ...SAMPLE, version: "1" }), /has no version number/],
      [
        "damaged.json",
        JSON.stringify({
          ...SAMPLE,
          flavors: {
            ok: true,
            value: [{ ...(SAMPLE.flavors as unknown as { value: object[] }).value[0], vcpus: "2" }],
          },
        }),
        /damaged\.json is damaged: snapshot\.flavors\.value\[0\]\.vcpus must be a number, not string "2"/,
      ],
      [
        "missing.json",
        JSON.stringify({ ...SAMPLE, catalog: undefined }),
        /is damaged: snapshot\.catalog is missing/,
      ],
      [
        "badfact.json",
        JSON.stringify({ ...SAMPLE, images: { value: [] } }),
        /snapshot\.images\.ok must be true or false/,
      ],
    ];
    for (const [name, text, message] of cases) {
      await assert.rejects(readSnapshot(write(name, text)), (err: unknown) => {
        assert.ok(err instanceof ScsError, name);
        assert.match(err.message, message);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      });
    }
    await assert.rejects(
      readSnapshot(join(dir, "absent.json")),
      /cannot read snapshot .*absent\.json: no such file/,
    );
  });

  it("accepts extra fields a newer writer of the same version may add", () => {
    const data = { ...structuredClone(SAMPLE), extra: 1 };
    assert.equal(parseSnapshot(data).cloud.name, "lab-member");
    assert.ok(!existsSync("cloud.json.tmp"));
  });
});
