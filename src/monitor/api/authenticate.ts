import type { Context } from "hono";
import { parseBasicAuth } from "../auth/basic-auth.ts";
import { mayAct } from "../auth/roles.ts";
import type { Account } from "../db/store.ts";
import { clientAddress } from "./client-address.ts";
import type { MonitorEnv } from "./env.ts";
import { httpError } from "./http-error.ts";

/**
 * The authenticated account of a request: 401 as the reference answers it, 429 with Retry-After
 * after too many failed logins, 503 when too many password checks wait. Checked once per request.
 */
export async function requireAccount(c: Context<MonitorEnv>): Promise<Account> {
  const known = c.get("account");
  if (known !== undefined) return known;
  const credentials = parseBasicAuth(c.req.header("authorization"));
  if (credentials === undefined) {
    throw httpError(401, "Not authenticated", { "WWW-Authenticate": 'Basic realm="Compliance monitor"' });
  }
  const monitor = c.var.monitor;
  const address = clientAddress(c, monitor.options.trustedProxies ?? []);
  const outcome = await monitor.authenticator.login(
    monitor.accounts,
    credentials.user,
    credentials.password,
    address,
  );
  switch (outcome.kind) {
    case "ok":
      c.set("account", outcome.account);
      return outcome.account;
    case "denied":
      throw httpError(401, "Incorrect username or password", {
        "WWW-Authenticate": "Basic Compliance monitor",
      });
    case "throttled":
      throw httpError(
        429,
        `too many failed logins ${outcome.which === "account" ? "for this account" : "from this address"}; try again in ${outcome.retryAfterSeconds} s`,
        { "Retry-After": String(outcome.retryAfterSeconds) },
      );
    case "busy":
      throw httpError(503, "too many logins are being checked; try again shortly", {
        "Retry-After": String(outcome.retryAfterSeconds),
      });
  }
}

/** check_role: 401 "Permission denied" unless the account is the subject or has the role bits. */
export function requireRole(account: Account, subject: string | undefined, required: number): void {
  if (!mayAct(account, subject ?? "\0", required)) throw httpError(401, "Permission denied");
}
