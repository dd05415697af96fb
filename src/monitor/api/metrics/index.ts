import { Hono } from "hono";
import type { MonitorEnv } from "../env.ts";

/** `/metrics`: Prometheus text format (uploads, verdicts per subject, latency, logins, process). */
export const metrics = new Hono<MonitorEnv>();

metrics.get("/", async (c) => {
  const monitor = c.var.monitor;
  const { value: evaluations } = await monitor.evaluations.all(false, monitor.nowNaive(), monitor.log);
  const { subjectResult, subjectVersionPassed } = monitor.metrics;
  // Set afresh at each scrape: a subject or version that is gone leaves no stale series.
  subjectResult.reset();
  subjectVersionPassed.reset();
  for (const [subject, byScope] of evaluations) {
    for (const e of byScope.values()) {
      const scope = e.scope.alias;
      subjectResult.set({ scope, subject }, e.result ?? Number.NaN);
      for (const v of e.versions) {
        subjectVersionPassed.set({ scope, subject, version: v.name }, e.passed.includes(v.name) ? 1 : 0);
      }
    }
  }
  return c.body(await monitor.metrics.render(), 200, { "content-type": monitor.metrics.contentType });
});
