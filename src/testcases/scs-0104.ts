/** scs-0104 standard images: each built-in spec's images exist and come from the expected source. */
import {
  BUILTIN_IMAGE_SPECS,
  hasSpecSource,
  type ImageSpecKey,
  imagesByName,
  matchingNames,
  property,
} from "../standards/image-spec/index.ts";
import { defineTestcase, type IaasTestcase, quote } from "./define.ts";

function sourceTestcase(key: ImageSpecKey): IaasTestcase {
  const spec = BUILTIN_IMAGE_SPECS[key];
  return defineTestcase({
    id: `scs-0104-source-${key}`,
    needs: ["images"],
    async check(facts, log) {
      const byName = imagesByName(await facts.get("images"));
      let wrong = 0;
      for (const name of matchingNames(spec, byName.keys())) {
        const source = property(byName.get(name)!, "image_source");
        if (hasSpecSource(spec, source)) continue;
        wrong++;
        log.error(
          `image ${quote(name)}: image_source ${source === undefined ? "missing" : quote(source)}` +
            ` does not start with ${spec.sources.join(" or ")}`,
        );
      }
      return wrong === 0;
    },
  });
}

function presenceTestcase(key: ImageSpecKey): IaasTestcase {
  const spec = BUILTIN_IMAGE_SPECS[key];
  return defineTestcase({
    id: `scs-0104-image-${key}`,
    needs: ["images"],
    async check(facts, log) {
      const names = imagesByName(await facts.get("images")).keys();
      if (matchingNames(spec, names).length > 0) return true;
      log.error(`Missing image '${spec.name}'`);
      return false;
    },
  });
}

const KEYS = Object.keys(BUILTIN_IMAGE_SPECS) as ImageSpecKey[];

export const testcases: readonly IaasTestcase[] = [
  ...KEYS.map(sourceTestcase),
  ...KEYS.filter((key) => key !== "debian-11").map(presenceTestcase),
];
