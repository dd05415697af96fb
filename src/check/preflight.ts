/**
 * The runner's pre-flight (spec: iaas-testcases.md §1.3): the check runs as a plain project
 * member. Admin or manager credentials are refused, so a check never acts with more rights than a
 * customer has; a token without `member` cannot see what customers see.
 */

import { elevatedRoles, hasMemberRole } from "../facts/roles.ts";

/** Why these roles may not run a check, or undefined when they may. */
export function refuseRoles(roles: readonly string[]): string | undefined {
  const high = elevatedRoles(roles);
  if (high.length > 0) {
    return `user privileges too high: admin/manager roles detected (${high.join(", ")}); run the check with a member-only cloud entry`;
  }
  if (!hasMemberRole(roles)) {
    return `Please make sure that your OpenStack user has role member (roles: ${roles.join(", ") || "none"})`;
  }
  return undefined;
}

export const PREFLIGHT_FAILED = "Pre-flight checks failed. Reporting all testcases as ABORT.";
