import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import * as T from "./tables.ts";

// data/flavor-name-tables.yaml is the SCS fact sheet of the tables; this module must say the same.
const data = parse(readFileSync(new URL("../../../data/flavor-name-tables.yaml", import.meta.url), "utf8"));

const labels = (rows: { key: string | number | null; label: string }[]) =>
  rows.map((r) => [r.key === null ? null : String(r.key), r.label]);

test("value tables equal data/flavor-name-tables.yaml, in order", () => {
  assert.deepEqual(labels(data.cputype), Object.entries(T.CPU_TYPE_LABEL));
  assert.deepEqual(
    data.cputype_extra_spec.map((r: { key: string; value: string; rank: number }) => [
      r.key,
      r.value,
      r.rank,
    ]),
    T.CPU_TYPES.map((k) => [k, T.CPU_TYPE_EXTRA_SPEC[k], T.CPU_TYPE_RANK[k]]),
  );
  assert.deepEqual(labels(data.disktype), Object.entries(T.DISK_TYPE_LABEL));
  assert.deepEqual(
    data.disktype_extra_spec.map((r: { key: string; value: string; rank: number }) => [
      r.key,
      r.value,
      r.rank,
    ]),
    ["n", "h", "s", "p"].map((k) => [
      k,
      T.DISK_TYPE_EXTRA_SPEC[k as T.DiskType],
      T.DISK_TYPE_RANK[k as T.DiskType],
    ]),
  );
  assert.deepEqual(labels(data.hypervisor), Object.entries(T.HYPERVISOR_LABEL));
  assert.deepEqual(data.hypervisor_v1, T.HYPERVISORS_V1);
  assert.deepEqual(labels(data.cpuvendor), Object.entries(T.CPU_VENDOR_LABEL));
  for (const v of T.CPU_VENDORS) {
    assert.deepEqual(labels(data.cpugen[v]), [
      [null, T.CPU_GEN_UNSPECIFIED_LABEL],
      ...T.CPU_GEN_LABEL[v].map((l, i) => [String(i), l]),
    ]);
  }
  assert.deepEqual(labels(data.cpuperf), Object.entries(T.CPU_PERF_LABEL));
  assert.deepEqual(labels(data.gputype), Object.entries(T.GPU_TYPE_LABEL));
  assert.deepEqual(labels(data.gpubrand), Object.entries(T.GPU_BRAND_LABEL));
  for (const b of T.GPU_BRANDS) assert.deepEqual(labels(data.gpugen[b]), [...T.GPU_GEN[b]]);
  assert.deepEqual(labels(data.gpuperf), Object.entries(T.GPU_PERF_LABEL));
  assert.deepEqual(labels(data.vramperf), Object.entries(T.VRAM_PERF_LABEL));
});

test("component titles and prompt labels equal the data file", () => {
  assert.deepEqual(
    data.components.map(
      (c: { component: string; title: string; attributes: { attr: string; prompt_label: string }[] }) => [
        c.component,
        c.title,
        c.attributes.map((a) => [a.attr, a.prompt_label]),
      ],
    ),
    T.COMPONENTS.map((c) => [c.component, c.title, Object.entries(c.prompts)]),
  );
});
