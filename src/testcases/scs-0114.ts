/** scs-0114 volume types: aspect lists `[scs:…]` at the start of descriptions. */
import { aspectListErrors, parseAspectList } from "../standards/volume-type/index.ts";
import { defineTestcase, type IaasTestcase, quote } from "./define.ts";

const syntaxCheck = defineTestcase({
  id: "scs-0114-syntax-check",
  needs: ["volumeTypes"],
  async check(facts, log) {
    let wrong = 0;
    for (const type of await facts.get("volumeTypes")) {
      const aspects = parseAspectList(type.description);
      if (!aspects?.length) continue;
      for (const message of aspectListErrors(aspects)) {
        wrong++;
        log.error(`volume type ${quote(type.name)}: ${message}`);
      }
    }
    return wrong === 0;
  },
});

function aspectTestcase(aspect: "encrypted" | "replicated"): IaasTestcase {
  return defineTestcase({
    id: `scs-0114-${aspect}-type`,
    needs: ["volumeTypes"],
    async check(facts, log) {
      const types = (await facts.get("volumeTypes")).filter((type) =>
        parseAspectList(type.description)?.includes(aspect),
      );
      if (types.length > 0) {
        log.info(`volume type(s) with aspect ${aspect}: ${types.map((type) => quote(type.name)).join(", ")}`);
        return true;
      }
      log.error(`no volume type lists the aspect ${aspect} (description starting with [scs:${aspect}])`);
      return false;
    },
  });
}

export const testcases: readonly IaasTestcase[] = [
  syntaxCheck,
  aspectTestcase("encrypted"),
  aspectTestcase("replicated"),
];
