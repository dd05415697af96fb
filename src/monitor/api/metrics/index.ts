import { Hono } from "hono";
import type { MonitorEnv } from "../env.ts";

/** `/metrics`: Prometheus text format (reports received, verdicts per subject, request latency). */
export const metrics = new Hono<MonitorEnv>();

metrics.get("/", async (c) => {
  const monitor = c.var.monitor;
  const { value: evaluations } = await monitor.evaluations.all(false, monitor.nowNaive(), monitor.log);
  const result: { labels: Record<string, string>; value: number }[] = [];
  const passed: { labels: Record<string, string>; value: number }[] = [];
  for (const [subject, byScope] of evaluations) {
    for (const e of byScope.values()) {
      const scope = e.scope.alias;
      result.push({ labels: { subject, scope }, value: e.result ?? Number.NaN });
      for (const v of e.versions) {
        passed.push({
          labels: { subject, scope, version: v.name },
          value: e.passed.includes(v.name) ? 1 : 0,
        });
      }
    }
  }
  const text = monitor.metrics.render([
    {
      name: "scs_monitor_subject_result",
      help: "scope result per subject: 1 pass, 0 passed with aborted tests, -1 fail, NaN results missing",
      values: result,
    },
    {
      name: "scs_monitor_subject_version_passed",
      help: "1 if the subject passes the scope version",
      values: passed,
    },
  ]);
  return c.body(text, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
});
