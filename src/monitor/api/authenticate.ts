import type { Context } from "hono";
import { parseBasicAuth } from "../auth/basic-auth.ts";
import { mayAct } from "../auth/roles.ts";
import type { Account } from "../db/store.ts";
import type { MonitorEnv } from "./env.ts";
import { httpError } from "./http-error.ts";

/** The authenticated account of a request; 401 as the reference answers it otherwise. */
export async function requireAccount(c: Context<MonitorEnv>): Promise<Account> {
  const credentials = parseBasicAuth(c.req.header("authorization"));
  if (credentials === undefined) {
    throw httpError(401, "Not authenticated", { "WWW-Authenticate": 'Basic realm="Compliance monitor"' });
  }
  const account = await c.var.monitor.accounts.authenticate(credentials.user, credentials.password);
  if (account === undefined) {
    throw httpError(401, "Incorrect username or password", {
      "WWW-Authenticate": "Basic Compliance monitor",
    });
  }
  return account;
}

/** check_role: 401 "Permission denied" unless the account is the subject or has the role bits. */
export function requireRole(account: Account, subject: string | undefined, required: number): void {
  if (!mayAct(account, subject ?? "\0", required)) throw httpError(401, "Permission denied");
}
