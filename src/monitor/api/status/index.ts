import { Hono } from "hono";
import { type ScopeEvaluation, statusJson } from "../../evaluation/evaluate.ts";
import { evaluateSubjects } from "../../evaluation/subjects.ts";
import type { MonitorEnv } from "../env.ts";
import { httpError } from "../http-error.ts";

/** `/status`: the evaluation of every subject (or one) under every scope (or one), as JSON. */
export const status = new Hono<MonitorEnv>();

status.get("/", async (c) => {
  const accept = c.req.header("accept");
  // No Accept header means "anything" (the reference fails with 500 there).
  if (accept !== undefined && !accept.includes("application/json") && !accept.includes("*/*")) {
    throw httpError(406, "client needs to accept application/json");
  }
  const monitor = c.var.monitor;
  const subject = c.req.query("subject") || undefined;
  const scopeKey = c.req.query("scopeuuid") || undefined;
  const scope = scopeKey === undefined ? undefined : monitor.scopes.get(scopeKey);
  if (scopeKey !== undefined && scope === undefined) return c.json({});
  const toBody = (evaluations: Map<string, Map<string, ScopeEvaluation>>) => {
    const body: Record<string, Record<string, unknown>> = {};
    for (const [s, byScope] of evaluations) {
      body[s] = Object.fromEntries([...byScope].map(([uuid, e]) => [uuid, statusJson(e)]));
    }
    return JSON.stringify(body);
  };
  if (subject === undefined && scope === undefined) {
    // The unfiltered status is the same for everybody until the next upload: cached, serialised once.
    const { key, value } = await monitor.evaluations.all(false, monitor.nowNaive(), monitor.log);
    // Kept as bytes: a few MB are not re-encoded per request.
    const bytes = monitor.evaluations.memo("status", key, () => new Uint8Array(Buffer.from(toBody(value))));
    return c.body(bytes, 200, { "content-type": "application/json" });
  }
  const evaluations = await evaluateSubjects(monitor.store, monitor.scopes, {
    subjects: subject === undefined ? undefined : [subject],
    scope,
    includeDrafts: false,
    now: monitor.nowNaive(),
    log: monitor.log,
  });
  return c.body(toBody(evaluations), 200, { "content-type": "application/json" });
});
