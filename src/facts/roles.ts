/**
 * Whom a check runs as: a plain project member (spec iaas-testcases.md §1.3). The pre-flight of
 * `scs check`, the warning of `scs snapshot` and scs-0116 all apply this one rule.
 */

/** Roles with more rights than a customer has; a check never runs with them. */
export const ELEVATED_ROLES: readonly string[] = ["admin", "manager"];
export const MEMBER_ROLE = "member";

/** The elevated roles among `roles`, in their order. */
export function elevatedRoles(roles: readonly string[]): string[] {
  return roles.filter((role) => ELEVATED_ROLES.includes(role));
}

export function hasMemberRole(roles: readonly string[]): boolean {
  return roles.includes(MEMBER_ROLE);
}
