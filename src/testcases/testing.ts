/** Builders for hand-built facts in the testcase unit tests (not used at run time). */

import type { Facts } from "../facts/facts.ts";
import { factsFromValues, type ValuesOptions } from "../facts/from-values.ts";
import type { FactValues, Flavor, Image } from "../facts/model.ts";
import { IAAS_TESTCASES } from "./registry.ts";
import type { Outcome } from "./testcase.ts";

export const TEST_NOW = new Date("2025-06-01T00:00:00Z");

export function flavor(
  name: string,
  vcpus: number,
  ramMiB: number,
  disk = 0,
  extraSpecs: Record<string, string> = {},
): Flavor {
  return { id: `id-${name}`, name, vcpus, ram: ramMiB, disk, extraSpecs };
}

export function image(
  name: string,
  properties: Record<string, string> = {},
  fields: Partial<Image> = {},
): Image {
  return {
    id: `id-${name}`,
    name,
    visibility: "public",
    hidden: false,
    createdAt: "2025-05-20T00:00:00Z",
    size: 2 ** 30,
    minDisk: 8,
    minRam: 512,
    properties,
    ...fields,
  };
}

export function facts(values: Partial<FactValues>, options: Partial<ValuesOptions> = {}): Facts {
  return factsFromValues(values, { now: TEST_NOW, origin: "hand-built facts", ...options });
}

/** Runs the registered testcase `id` on the facts. */
export function runTestcase(id: string, on: Facts, signal = new AbortController().signal): Promise<Outcome> {
  const testcase = IAAS_TESTCASES.get(id);
  if (testcase === undefined) throw new Error(`no testcase ${id}`);
  return testcase.run(on, { signal });
}

/** The messages of the outcome's error lines. */
export const errors = (outcome: Outcome): string[] =>
  outcome.log.filter((line) => line.level === "error").map((line) => line.message);
