/** Role bits of an account, as in the reference monitor. */
export const ROLE_BITS = { read_any: 1, append_any: 2, admin: 4, approve: 8 } as const;
export type RoleName = keyof typeof ROLE_BITS;

export function isRoleName(name: unknown): name is RoleName {
  return typeof name === "string" && Object.hasOwn(ROLE_BITS, name);
}

/** Sums role names into a mask; a name listed twice counts twice, like the reference import. */
export function roleMask(names: readonly RoleName[]): number {
  return names.reduce((mask, name) => mask + ROLE_BITS[name], 0);
}

/** `check_role`: the account acts on its own subject, or holds every bit of `required`. */
export function mayAct(
  account: { subject: string; roles: number },
  target: string,
  required: number,
): boolean {
  return account.subject === target || (account.roles & required) === required;
}
