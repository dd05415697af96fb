/**
 * Every automated IaaS testcase, collected from the modules that declare them (one module per
 * standard). Adding a standard: write `scs-XXXX.ts` exporting `testcases`, import it here.
 */
import type { IaasTestcase } from "./define.ts";
import * as scs0100 from "./scs-0100.ts";
import * as scs0101 from "./scs-0101.ts";
import * as scs0102 from "./scs-0102.ts";
import * as scs0103 from "./scs-0103.ts";
import * as scs0104 from "./scs-0104.ts";
import * as scs0114 from "./scs-0114.ts";
import * as scs0115 from "./scs-0115.ts";
import * as scs0116 from "./scs-0116.ts";
import * as scs0117 from "./scs-0117.ts";
import * as scs0123 from "./scs-0123.ts";

const MODULES: readonly { readonly testcases: readonly IaasTestcase[] }[] = [
  scs0100,
  scs0101,
  scs0102,
  scs0103,
  scs0104,
  scs0114,
  scs0115,
  scs0116,
  scs0117,
  scs0123,
];

function collect(): ReadonlyMap<string, IaasTestcase> {
  const byId = new Map<string, IaasTestcase>();
  for (const module of MODULES) {
    for (const testcase of module.testcases) {
      if (byId.has(testcase.id)) throw new Error(`testcase ${testcase.id} is declared twice`);
      byId.set(testcase.id, testcase);
    }
  }
  return byId;
}

/** Every IaaS testcase by its SCS id. */
export const IAAS_TESTCASES: ReadonlyMap<string, IaasTestcase> = collect();

/** The testcase with that id, or undefined if it is not implemented (the check reports ABORT). */
export function findTestcase(id: string): IaasTestcase | undefined {
  return IAAS_TESTCASES.get(id);
}
