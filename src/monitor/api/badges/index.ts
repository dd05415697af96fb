import { Hono } from "hono";
import { evaluateSubjects } from "../../evaluation/subjects.ts";
import { badgeSvg } from "../../views/badge.ts";
import { groupResolver } from "../../views/overview.ts";
import type { MonitorEnv } from "../env.ts";
import { httpError } from "../http-error.ts";

/** `/badges/{subject}/{scope}.svg`: the overview's verdict as an SVG badge (groups too). */
export const badges = new Hono<MonitorEnv>();

badges.get("/:subject/:file", async (c) => {
  const monitor = c.var.monitor;
  const file = c.req.param("file");
  if (!file.endsWith(".svg")) throw httpError(404, "Not Found");
  const scope = monitor.scopes.get(file.slice(0, -4));
  if (scope === undefined) throw httpError(404, `unknown scope ${file.slice(0, -4)}`);
  const subject = c.req.param("subject");
  const subjects = subject.startsWith("group-") ? monitor.accounts.groupMembers(subject.slice(6)) : [subject];
  const evaluations = await evaluateSubjects(monitor.store, monitor.scopes, {
    subjects,
    scope,
    includeDrafts: false,
    now: monitor.nowNaive(),
  });
  const e = groupResolver(
    evaluations,
    (g) => monitor.accounts.groupMembers(g),
    () => scope.scope.uuid,
  )(subject, scope.scope.uuid);
  return c.body(badgeSvg(scope.scope.name, e), 200, {
    "content-type": "image/svg+xml; charset=utf-8",
    "cache-control": "max-age=300",
    // Badges are meant to be shown on other sites (a README, a dashboard).
    "cross-origin-resource-policy": "cross-origin",
  });
});
