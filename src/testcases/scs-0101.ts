/**
 * scs-0101 entropy, the property testcases (the VM testcases entropy-avail and fips-test come
 * later). The reference defines these ids without implementing them and no scope version selects
 * them; we check what the scope describes.
 */
import { property } from "../standards/image-spec/index.ts";
import { defineTestcase, type IaasTestcase, quote } from "./define.ts";

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

export const testcases: readonly IaasTestcase[] = [flavorProperty, imageProperty];
