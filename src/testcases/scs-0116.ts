/** scs-0116 key manager: Barbican is offered, and a plain member may store secrets. */
import { oneLine } from "../errors.ts";
import type { Facts } from "../facts/facts.ts";
import { httpStatus, type LiveCloud } from "../facts/live-cloud.ts";
import { elevatedRoles, hasMemberRole } from "../facts/roles.ts";
import { cleanupSignal } from "../poll.ts";
import { Abort, defineTestcase, type IaasTestcase, type Log } from "./define.ts";

/** The name of the secret the testcase creates (and of leftovers a cleanup removes). */
export const TEST_SECRET_NAME = "scs-member-role-test-secret";

const presence = defineTestcase({
  id: "scs-0116-presence",
  needs: ["catalog"],
  async check(facts, log) {
    if ((await facts.get("catalog")).some((entry) => entry.type === "key-manager")) return true;
    log.error("No service of type(s) key-manager found.");
    return false;
  },
});

/** A plain member, neither admin nor manager; otherwise the answer would say nothing about members. */
export function checkMemberRoles(roles: readonly string[]): void {
  const elevated = elevatedRoles(roles);
  if (elevated.length > 0)
    throw new Abort(`user privileges too high: ${elevated.join("/")} role(s) detected`);
  if (!hasMemberRole(roles)) throw new Abort("the user lacks the role member");
}

class Forbidden extends Error {}

/** The catalog lists a key-manager but offers no endpoint the configured interface/region can use. */
const NOT_DISCOVERABLE = /service has no .*endpoint/;

/** Runs one Barbican call; 403 or "not discoverable" means "members may not" (FAIL), anything else ABORTs. */
async function call<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (httpStatus(err) === 403) throw new Forbidden(`${what} forbidden for a member: ${oneLine(err)}`);
    if (NOT_DISCOVERABLE.test(oneLine(err)))
      throw new Forbidden(`${what}: key manager not discoverable: ${oneLine(err)}`);
    throw new Error(`${what} failed: ${oneLine(err)}`, { cause: err });
  }
}

async function removeLeftovers(cloud: LiveCloud, signal: AbortSignal, log: Log): Promise<void> {
  const secrets = await call("listing secrets", () => cloud.secrets.list(signal));
  for (const secret of secrets) {
    if (secret.name !== TEST_SECRET_NAME && secret.id !== TEST_SECRET_NAME) continue;
    log.info(`deleting leftover secret ${secret.id}`);
    await call("deleting a secret", () => cloud.secrets.delete(secret.id, signal));
  }
}

async function storeAndDelete(cloud: LiveCloud, signal: AbortSignal, log: Log): Promise<boolean> {
  let created: string | undefined;
  try {
    await removeLeftovers(cloud, signal, log);
    const secret = {
      name: TEST_SECRET_NAME,
      payload: "foo",
      payloadContentType: "text/plain",
      secretType: "opaque",
    };
    created = (await call("creating a secret", () => cloud.secrets.create(secret, signal))).id;
    const found = (await call("listing secrets", () => cloud.secrets.list(signal))).find(
      (s) => s.name === TEST_SECRET_NAME,
    );
    if (found === undefined) throw new Abort(`secret ${TEST_SECRET_NAME} was created but is not listed`);
    await call("deleting a secret", () => cloud.secrets.delete(found.id, signal));
    if (found.id === created) created = undefined;
    return true;
  } catch (err) {
    if (!(err instanceof Forbidden)) throw err;
    log.error(err.message);
    return false;
  } finally {
    if (created !== undefined) await deleteQuietly(cloud, created, log);
  }
}

async function deleteQuietly(cloud: LiveCloud, id: string, log: Log): Promise<void> {
  try {
    await cloud.secrets.delete(id, cleanupSignal(30_000));
  } catch (err) {
    if (httpStatus(err) !== 404) log.warning(`cleanup: secret ${id} not deleted: ${oneLine(err)}`);
  }
}

const permissions = defineTestcase({
  id: "scs-0116-permissions",
  needs: ["roles", "catalog"],
  async check(facts: Facts, log, ctx) {
    checkMemberRoles(await facts.get("roles"));
    if (!(await facts.get("catalog")).some((entry) => entry.type === "key-manager")) {
      log.info("no key-manager in the catalog: not applicable");
      return true;
    }
    if (facts.cloud === undefined)
      throw new Abort(`storing a secret needs a live cloud, not ${facts.origin}`);
    return storeAndDelete(facts.cloud, ctx.signal, log);
  },
});

export const testcases: readonly IaasTestcase[] = [presence, permissions];
