/**
 * scs-0101 entropy. The VM testcases (entropy-avail, fips-test, rngd) judge the console log of
 * one sample VM per run (the `vmOutput` fact). The property testcases and rngd are defined by the
 * reference without an implementation and no scope version selects them; we check what the
 * scope describes.
 */
import {
  type ConsoleSections,
  type Judgement,
  judgeEntropy,
  judgeFips,
  judgeRngd,
  parseConsole,
  Undecidable,
} from "../standards/entropy/index.ts";
import { property } from "../standards/image-spec/index.ts";
import { Abort, defineTestcase, type IaasTestcase, quote } from "./define.ts";

/** A testcase that judges the sample VM's console log; `undecidable` prefixes an ABORT's reason. */
function vmTestcase(id: string, judge: (sections: ConsoleSections) => Judgement, undecidable = "") {
  return defineTestcase({
    id,
    needs: ["vmOutput"],
    needsLiveCloud: true,
    async check(facts, log) {
      const vm = await facts.get("vmOutput");
      const vmName = `VM '${vm.image}'`;
      let judgement: Judgement;
      try {
        judgement = judge(parseConsole(vm.console));
      } catch (err) {
        if (err instanceof Undecidable) throw new Abort(`${vmName}: ${undecidable}${err.message}`);
        throw err;
      }
      const line = `${vmName} (flavor ${vm.flavor}): ${judgement.message}`;
      if (!judgement.passed) log.error(line);
      else if (judgement.lenient) log.warning(line);
      else log.info(line);
      for (const left of vm.left)
        log.warning(`sample VM: could not remove ${left} (remove with scs cleanup)`);
      return judgement.passed;
    },
  });
}

const entropyAvail = vmTestcase("scs-0101-entropy-avail", judgeEntropy);
const fipsTest = vmTestcase("scs-0101-fips-test", judgeFips, "failed to determine fips failures: ");
const rngd = vmTestcase("scs-0101-rngd", judgeRngd);

const flavorProperty = defineTestcase({
  id: "scs-0101-flavor-property",
  needs: ["flavors"],
  async check(facts, log) {
    let wrong = 0;
    for (const flavor of await facts.get("flavors")) {
      const allowed = flavor.extraSpecs["hw_rng:allowed"];
      if (allowed?.toLowerCase() === "true") continue;
      wrong++;
      log.error(
        `flavor ${quote(flavor.name)}: hw_rng:allowed is ${allowed === undefined ? "missing" : quote(allowed)}, should be True`,
      );
    }
    return wrong === 0;
  },
});

const imageProperty = defineTestcase({
  id: "scs-0101-image-property",
  needs: ["images"],
  async check(facts, log) {
    let wrong = 0;
    for (const image of await facts.get("images")) {
      const model = property(image, "hw_rng_model");
      if (model === "virtio") continue;
      wrong++;
      log.error(
        `image ${quote(image.name)}: hw_rng_model is ${model === undefined ? "missing" : quote(model)}, should be virtio`,
      );
    }
    return wrong === 0;
  },
});

export const testcases: readonly IaasTestcase[] = [
  entropyAvail,
  fipsTest,
  rngd,
  flavorProperty,
  imageProperty,
];
