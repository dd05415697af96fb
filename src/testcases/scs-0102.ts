/** scs-0102 image metadata: one testcase per property rule, image recency, os_purpose uniqueness. */
import type { Facts } from "../facts/facts.ts";
import { PROPERTY_RULES, property, recencyFindings } from "../standards/image-spec/index.ts";
import { defineTestcase, type IaasTestcase, type Log, quote } from "./define.ts";

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

function propertyTestcase(key: string): IaasTestcase {
  const rule = PROPERTY_RULES[key]!;
  return defineTestcase({
    id: `scs-0102-prop-${key}`,
    needs: ["images"],
    async check(facts: Facts, log: Log) {
      const now = seconds(facts.now);
      let offenders = 0;
      for (const image of await facts.get("images")) {
        const findings = rule(image, now);
        for (const finding of findings) log[finding.level](`image ${quote(image.name)}: ${finding.message}`);
        if (findings.some((finding) => finding.level === "error")) offenders++;
      }
      return offenders === 0;
    },
  });
}

const imageRecency = defineTestcase({
  id: "scs-0102-image-recency",
  needs: ["images"],
  async check(facts, log) {
    const findings = recencyFindings(await facts.get("images"), seconds(facts.now));
    for (const finding of findings) log[finding.level](`image ${quote(finding.image)}: ${finding.message}`);
    return !findings.some((finding) => finding.level === "error");
  },
});

const osPurposeUniqueness = defineTestcase({
  id: "scs-0102-os_purpose-uniqueness",
  needs: ["images"],
  async check(facts, log) {
    const groups = new Map<string, string[]>();
    for (const image of await facts.get("images")) {
      const distro = property(image, "os_distro");
      const version = property(image, "os_version");
      if (image.visibility !== "public" || image.hidden || !distro || !version) continue;
      if (property(image, "os_purpose") !== "generic") continue;
      const key = [property(image, "architecture") ?? "", distro, version].join(" ");
      groups.set(key, [...(groups.get(key) ?? []), image.name]);
    }
    let clashes = 0;
    for (const [key, names] of groups) {
      if (names.length < 2) continue;
      clashes++;
      log.error(
        `os_purpose generic for ${key.trim()} on ${names.length} images: ${names.map(quote).join(", ")}`,
      );
    }
    return clashes === 0;
  },
});

export const testcases: readonly IaasTestcase[] = [
  ...Object.keys(PROPERTY_RULES).map(propertyTestcase),
  imageRecency,
  osPurposeUniqueness,
];
