/**
 * scs-0115 default security group rules: no ingress by default, egress for IPv4 and IPv6 in
 * default and in custom groups. Read from Neutron's default-security-group-rules API; clouds
 * without it get the fallback of creating a fresh group and reading its rules.
 */
import { oneLine } from "../errors.ts";
import type { LiveCloud, SecurityGroup } from "../facts/live-cloud.ts";
import type { DefaultSecurityGroupRule } from "../facts/model.ts";
import { cleanupSignal } from "../poll.ts";
import { Abort, defineTestcase, type IaasTestcase, type Log } from "./define.ts";

/** The group the fallback creates (and a cleanup may find). */
export const TEST_GROUP_NAME = "scs-test-default-sg";

const ETHERTYPES = ["IPv4", "IPv6"] as const;

/** Problems with the default rules (empty = PASS). */
export function defaultRuleProblems(rules: readonly DefaultSecurityGroupRule[]): string[] {
  const problems: string[] = [];
  const marks = new Set<string>();
  for (const rule of rules) {
    if (rule.direction === "ingress") {
      // The classic "allow from members of the same default group" rule is fine.
      if (rule.remoteGroupId === "PARENT" && !rule.usedInNonDefaultSg) continue;
      problems.push(
        `ingress ${rule.ethertype} rule from ${rule.remoteGroupId ?? rule.remoteIpPrefix ?? "anywhere"} is a default rule`,
      );
      continue;
    }
    if (rule.remoteIpPrefix) continue;
    if (rule.usedInDefaultSg) marks.add(`${rule.ethertype} default`);
    if (rule.usedInNonDefaultSg) marks.add(`${rule.ethertype} custom`);
  }
  for (const ethertype of ETHERTYPES) {
    for (const group of ["default", "custom"]) {
      if (!marks.has(`${ethertype} ${group}`)) {
        problems.push(`no default egress rule for ${ethertype} to anywhere in ${group} security groups`);
      }
    }
  }
  return problems;
}

/** Problems with the rules of a freshly created group (fallback; empty = PASS). */
export function freshGroupProblems(group: SecurityGroup): string[] {
  const problems: string[] = [];
  const marks = new Set<string>();
  for (const rule of group.rules) {
    if (rule.direction === "ingress")
      problems.push(`new security group has an ingress ${rule.ethertype} rule`);
    else marks.add(rule.ethertype);
  }
  for (const ethertype of ETHERTYPES) {
    if (!marks.has(ethertype)) problems.push(`new security group has no egress rule for ${ethertype}`);
  }
  return problems;
}

async function checkFreshGroup(cloud: LiveCloud, signal: AbortSignal, log: Log): Promise<string[]> {
  const { id } = await cloud.securityGroups.create(TEST_GROUP_NAME, TEST_GROUP_NAME, signal);
  try {
    return freshGroupProblems(await cloud.securityGroups.get(id, signal));
  } finally {
    try {
      await cloud.securityGroups.delete(id, cleanupSignal(30_000));
    } catch (err) {
      log.warning(`cleanup: security group ${TEST_GROUP_NAME} (${id}) not deleted: ${oneLine(err)}`);
    }
  }
}

const defaultRules = defineTestcase({
  id: "scs-0115-default-rules",
  needs: ["defaultSecurityGroupRules"],
  async check(facts, log, ctx) {
    const listing = await facts.get("defaultSecurityGroupRules");
    let problems: string[];
    if (listing.kind === "listed") {
      problems = defaultRuleProblems(listing.rules);
    } else {
      log.info(`default-security-group-rules API not available (${listing.reason}): checking a new group`);
      if (facts.cloud === undefined)
        throw new Abort(`the fallback creates a security group and needs a live cloud, not ${facts.origin}`);
      problems = await checkFreshGroup(facts.cloud, ctx.signal, log);
    }
    for (const problem of problems) log.error(problem);
    return problems.length === 0;
  },
});

export const testcases: readonly IaasTestcase[] = [defaultRules];
