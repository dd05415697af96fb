import { Hono } from "hono";
import { localTimestamp } from "../../../standards/timestamp.ts";
import { ROLE_BITS } from "../../auth/roles.ts";
import { type ApprovalRecord, NoSuchResultError } from "../../db/store.ts";
import { isoFormat } from "../../evaluation/evaluate.ts";
import { requireAccount, requireRole } from "../authenticate.ts";
import { guardBody } from "../body-guard.ts";
import type { MonitorEnv } from "../env.ts";
import { httpError } from "../http-error.ts";
import { boolParam, intParam } from "../params.ts";

// Only results this recent are listed for approval (the reference's grace period).
const GRACE_DAYS = 7;

/** `/results`: recent result rows and the approval workflow. */
export const results = new Hono<MonitorEnv>();

results.get("/", async (c) => {
  const account = await requireAccount(c);
  requireRole(account, undefined, ROLE_BITS.read_any);
  const approved = boolParam(c.req.query("approved"), "approved");
  const limit = intParam(c.req.query("limit"), "limit", 10);
  const skip = intParam(c.req.query("skip"), "skip", 0);
  const now = c.var.monitor.now();
  const since = localTimestamp(new Date(now.getTime() - GRACE_DAYS * 86_400_000));
  const rows = await c.var.monitor.store.recentResults({ since, approved, limit, skip });
  // ISO like Python's isoformat(): no fraction when it is zero.
  return c.json(rows.map((r) => ({ ...r, checked_at: isoFormat(r.checked_at) })));
});

results.post("/", guardBody, async (c) => {
  const account = await requireAccount(c);
  requireRole(account, undefined, ROLE_BITS.approve);
  if (c.req.header("content-type") !== "application/json") throw httpError(415, "Unsupported content type");
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw httpError(400, "body is not valid JSON");
  }
  const records = (Array.isArray(body) ? body : [body]).map(toApprovalRecord);
  try {
    await c.var.monitor.store.setApprovals(records);
  } catch (err) {
    if (err instanceof NoSuchResultError) throw httpError(404, `no such result: ${err.message}`);
    throw err;
  }
  return c.json(null);
});

function toApprovalRecord(raw: unknown, index: number): ApprovalRecord {
  const r = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  for (const key of ["reportuuid", "scopeuuid", "version", "check"]) {
    if (typeof r[key] !== "string") throw httpError(400, `record ${index + 1}: ${key} must be a string`);
  }
  if (typeof r["approval"] !== "boolean")
    throw httpError(400, `record ${index + 1}: approval must be true or false`);
  return {
    reportuuid: r["reportuuid"] as string,
    scopeuuid: r["scopeuuid"] as string,
    version: r["version"] as string,
    check: r["check"] as string,
    approval: r["approval"],
  };
}
