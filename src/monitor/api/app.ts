import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { oneLine } from "../../errors.ts";
import type { Monitor } from "../monitor.ts";
import { admin } from "./admin/index.ts";
import { badges } from "./badges/index.ts";
import type { MonitorEnv } from "./env.ts";
import { healthz } from "./healthz/index.ts";
import { metrics } from "./metrics/index.ts";
import { reports } from "./reports/index.ts";
import { results } from "./results/index.ts";
import { securityHeaders } from "./security-headers.ts";
import { status } from "./status/index.ts";
import { views } from "./views/index.ts";

const KNOWN_ROOTS = new Set([
  "reports",
  "results",
  "status",
  "healthz",
  "metrics",
  "badges",
  "markdown",
  "fragment",
  "page",
]);

/** Route label for metrics with bounded cardinality: `/page/detail`, `/reports`, `other`. */
function routeLabel(path: string): string {
  const [first, second] = path.split("/").filter(Boolean);
  if (first === undefined) return "/";
  if (!KNOWN_ROOTS.has(first)) return "other";
  return ["markdown", "fragment", "page"].includes(first) && second !== undefined
    ? `/${first}/${second}`
    : `/${first}`;
}

/** The whole HTTP surface of the monitor; tests drive it with `app.request(...)`. */
export function createApp(
  monitor: Monitor,
  extra: ((app: Hono<MonitorEnv>) => void)[] = [],
): Hono<MonitorEnv> {
  const app = new Hono<MonitorEnv>();
  app.use(securityHeaders);
  app.use(async (c, next) => {
    c.set("monitor", monitor);
    const started = performance.now();
    await next();
    monitor.metrics.requestDuration.observe(
      { method: c.req.method, route: routeLabel(c.req.path) },
      (performance.now() - started) / 1000,
    );
  });
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      if (c.req.path.startsWith("/reports") && c.req.method === "POST") {
        monitor.metrics.uploadsRejected.inc({ status: String(err.status) });
      }
      return err.getResponse();
    }
    monitor.log(`monitor: ${c.req.method} ${c.req.path} failed: ${oneLine(err)}`);
    return c.json({ detail: "internal server error" }, 500);
  });
  app.notFound((c) => c.json({ detail: "Not Found" }, 404));
  app.get("/", (c) => c.redirect(`${monitor.baseUrl}page/table`, 307));
  app.route("/reports", reports);
  app.route("/results", results);
  app.route("/healthz", healthz);
  app.route("/status", status);
  app.route("/metrics", metrics);
  app.route("/admin", admin);
  app.route("/badges", badges);
  app.route("/", views);
  for (const add of extra) add(app);
  return app;
}
