/** scs-0123 mandatory services: catalog entries by type, and S3 next to Swift. */
import { defineTestcase, type IaasTestcase } from "./define.ts";

function serviceTestcase(id: string, types: readonly string[]): IaasTestcase {
  return defineTestcase({
    id,
    needs: ["catalog"],
    async check(facts, log) {
      const catalog = await facts.get("catalog");
      if (catalog.some((entry) => types.includes(entry.type))) return true;
      log.error(`No service of type(s) ${types.join(", ")} found.`);
      return false;
    },
  });
}

const swiftS3 = defineTestcase({
  id: "scs-0123-swift-s3",
  needs: ["s3Probe"],
  async check(facts, log) {
    const probe = await facts.get("s3Probe");
    switch (probe.kind) {
      case "no-object-store":
        log.info("no object-store in the catalog: nothing to check");
        return true;
      case "rejected":
        log.info(`S3 at ${probe.endpoint} rejects bogus credentials: ${probe.message}`);
        return true;
      case "failed":
        log.error(`no S3 API next to Swift at ${probe.endpoint}: ${probe.message}`);
        return false;
      case "accepted":
        throw new Error(`S3 at ${probe.endpoint} accepted bogus credentials; this can not happen`);
    }
  },
});

export const testcases: readonly IaasTestcase[] = [
  serviceTestcase("scs-0123-service-compute", ["compute"]),
  serviceTestcase("scs-0123-service-identity", ["identity"]),
  serviceTestcase("scs-0123-service-image", ["image"]),
  serviceTestcase("scs-0123-service-network", ["network"]),
  serviceTestcase("scs-0123-service-load-balancer", ["load-balancer"]),
  serviceTestcase("scs-0123-service-placement", ["placement"]),
  serviceTestcase("scs-0123-storage-apis", ["volume", "volumev3", "block-storage"]),
  serviceTestcase("scs-0123-service-s3", ["object-store-s3"]),
  swiftS3,
];
