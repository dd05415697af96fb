/**
 * The expectations of scripts/lab/expected-verdicts.yaml against the lab sample itself, without a
 * cloud: the sample's objects as a member would see them (public flavors and images, not hidden
 * ones, Glance's sha512 hashes and upload times) go through every data-driven testcase. Keeps the
 * sample, the expectations and the testcases consistent; the lab test checks the real cloud.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { CatalogEntry, FactValues } from "../../src/facts/index.ts";
import { factsFromValues } from "../../src/facts/index.ts";
import { FakeCloud } from "../../src/testcases/fake-cloud.ts";
import { IAAS_TESTCASES } from "../../src/testcases/registry.ts";
import type { Outcome } from "../../src/testcases/testcase.ts";
import { loadExpectedVerdicts, type Variant, verdictDifferences } from "./expected.ts";

const SAMPLE = fileURLToPath(new URL("../../scripts/lab/sample.yaml", import.meta.url));
const NOW = new Date();
const UPLOADED = new Date(NOW.getTime() - 3_600_000);
/** The lab's catalog types (scripts/lab/src/keystone-setup.ts). */
const LAB_CATALOG: CatalogEntry[] = [
  "identity",
  "compute",
  "placement",
  "image",
  "volumev3",
  "block-storage",
  "network",
].map((type) => ({ type, endpoints: [] }));
/** Live-only: they need the cloud (volume service, a VM), checked on the lab. */
const LIVE_ONLY = new Set([
  "scs-0117-test-backup",
  "scs-0101-entropy-avail",
  "scs-0101-fips-test",
  "scs-0101-rngd",
]);

/** What this test uses of the lab's sample loader (scripts/lab/src/sample.ts). */
interface LabSampleModule {
  loadSample(path: string): unknown;
  desiredState(
    sample: unknown,
    variant: Variant,
  ): {
    flavors: {
      name: string;
      vcpus: number;
      ram: number;
      disk: number;
      isPublic: boolean;
      extraSpecs: Record<string, string>;
    }[];
    images: {
      name: string;
      visibility: string;
      hidden: boolean;
      minDisk: number;
      minRam: number;
      properties: Record<string, string>;
    }[];
    volumeTypes: { name: string; description: string; isPublic: boolean }[];
  };
  resolveProperties(props: Record<string, string>, base: Date): Record<string, string>;
}
// A variable specifier: the lab's loader is read at run time only, like the sample file.
const LAB_SAMPLE_MODULE = "../../scripts/lab/src/sample.ts";

async function memberView(variant: Variant): Promise<Partial<FactValues>> {
  const lab = (await import(LAB_SAMPLE_MODULE)) as LabSampleModule;
  const state = lab.desiredState(lab.loadSample(SAMPLE), variant);
  return {
    roles: ["member", "reader"],
    catalog: LAB_CATALOG,
    flavors: state.flavors
      .filter((f) => f.isPublic)
      .map((f) => ({
        id: f.name,
        name: f.name,
        vcpus: f.vcpus,
        ram: f.ram,
        disk: f.disk,
        extraSpecs: f.extraSpecs,
      })),
    images: state.images
      .filter((i) => i.visibility === "public" && !i.hidden)
      .map((i) => ({
        id: i.name,
        name: i.name,
        visibility: i.visibility,
        hidden: false,
        createdAt: UPLOADED.toISOString().replace(/\.\d{3}Z$/, "Z"),
        size: 16 * 1024,
        minDisk: i.minDisk,
        minRam: i.minRam,
        properties: { ...lab.resolveProperties(i.properties, UPLOADED), os_hash_algo: "sha512" },
      })),
    volumeTypes: [
      { id: "default", name: "__DEFAULT__", description: "Default Volume Type" },
      ...state.volumeTypes
        .filter((v) => v.isPublic)
        .map((v) => ({ id: v.name, name: v.name, description: v.description })),
    ],
    defaultSecurityGroupRules: { kind: "unsupported", reason: "Neutron Zed" },
    s3Probe: { kind: "no-object-store" },
  };
}

async function verdicts(variant: Variant): Promise<Map<string, Outcome>> {
  const facts = factsFromValues(await memberView(variant), {
    now: NOW,
    origin: "the lab sample",
    cloud: new FakeCloud(),
  });
  const signal = new AbortController().signal;
  const ids = [...IAAS_TESTCASES.keys()].filter((id) => !LIVE_ONLY.has(id));
  const outcomes = await Promise.all(ids.map((id) => IAAS_TESTCASES.get(id)!.run(facts, { signal })));
  return new Map(ids.map((id, i) => [id, outcomes[i]!]));
}

describe("expected verdicts of the lab sample", () => {
  const expected = loadExpectedVerdicts();

  it("lists every registered testcase exactly", () => {
    assert.deepEqual([...expected.keys()].sort(), [...IAAS_TESTCASES.keys()].sort());
  });

  for (const variant of ["sample", "fixed"] as const) {
    it(`match the testcases on the ${variant} variant`, async (t) => {
      if (!existsSync(SAMPLE)) {
        t.skip("scripts/lab/sample.yaml is not there");
        return;
      }
      const outcomes = await verdicts(variant);
      assert.deepEqual(verdictDifferences(expected, variant, outcomes), []);
      // Every FAIL says which object is wrong and why.
      const silent = [...outcomes].filter(
        ([, o]) => o.verdict !== "PASS" && !o.log.some((l) => l.level === "error"),
      );
      assert.deepEqual(
        silent.map(([id]) => id),
        [],
      );
    });
  }
});
