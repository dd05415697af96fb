import { Hono } from "hono";
import { oneLine } from "../../../errors.ts";
import { parseBasicAuth } from "../../auth/basic-auth.ts";
import type { MonitorEnv } from "../env.ts";

/** `/healthz`: 200 with an empty body when the database answers; the error text only for the health user. */
export const healthz = new Hono<MonitorEnv>();

healthz.get("/", async (c) => {
  const monitor = c.var.monitor;
  try {
    await monitor.store.ping();
    return c.body(null, 200);
  } catch (err) {
    const wanted = monitor.options.healthCredentials;
    const given = parseBasicAuth(c.req.header("authorization"));
    const detailed =
      wanted !== undefined && given?.user === wanted.user && given.password === wanted.password;
    return c.text(detailed ? oneLine(err) : "internal server error", 500);
  }
});
