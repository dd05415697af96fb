import type { TestContext } from "node:test";

/**
 * Integration tests need real parts (the OpenStack lab, PostgreSQL, Chromium, ssh-keygen).
 * Locally a missing part skips the test and says why; under CI=true it is a failure, because a
 * CI run that silently skipped its integration tests proves nothing.
 */
export function requirePart(t: TestContext, available: boolean, why: string): boolean {
  if (available) return true;
  if (process.env["CI"] === "true") {
    throw new Error(`required for CI but missing: ${why}`);
  }
  t.skip(`skipped: ${why}`);
  return false;
}
