import { Hono } from "hono";
import { oneLine, ScsError } from "../../../errors.ts";
import { ROLE_BITS } from "../../auth/roles.ts";
import { requireAccount, requireRole } from "../authenticate.ts";
import { guardBody } from "../body-guard.ts";
import type { MonitorEnv } from "../env.ts";
import { httpError } from "../http-error.ts";

/** `/admin/reload`: re-reads bootstrap and scopes like SIGHUP; a bad file leaves everything in force. */
export const admin = new Hono<MonitorEnv>();

admin.post("/reload", guardBody, async (c) => {
  const account = await requireAccount(c);
  requireRole(account, undefined, ROLE_BITS.admin);
  try {
    await c.var.monitor.reload();
  } catch (err) {
    if (err instanceof ScsError)
      throw httpError(400, `reload refused, configuration unchanged: ${oneLine(err)}`);
    throw err;
  }
  return c.json({ detail: "reloaded", accounts: c.var.monitor.accounts.all().length });
});
