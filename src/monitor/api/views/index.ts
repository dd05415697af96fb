import { Hono } from "hono";
import { ROLE_BITS } from "../../auth/roles.ts";
import { historyOf, historySince } from "../../evaluation/history.ts";
import { evaluateSubjects } from "../../evaluation/subjects.ts";
import type { Monitor } from "../../monitor.ts";
import { detailsMarkdown } from "../../views/details.ts";
import { htmlAttribute, htmlText } from "../../views/escape.ts";
import { historyHtml } from "../../views/history-view.ts";
import { missingHtml } from "../../views/missing-view.ts";
import { groupResolver, overviewMarkdown, withUnlisted } from "../../views/overview.ts";
import { LEGEND, page } from "../../views/page.ts";
import { reportMarkdown } from "../../views/report-view.ts";
import { scopeMarkdown } from "../../views/scope-page.ts";
import { requireAccount, requireRole } from "../authenticate.ts";
import type { MonitorEnv } from "../env.ts";
import { httpError } from "../http-error.ts";
import { renderView, viewType } from "./render.ts";

// The public history covers 18 months (scs-0004).
const HISTORY_DAYS = 548;

/** The rendered views `/{markdown,fragment,page}/…` and the UI's extra pages. */
export const views = new Hono<MonitorEnv>();

function scopeOr404(monitor: Monitor, key: string) {
  const scope = monitor.scopes.get(key);
  if (scope === undefined)
    throw httpError(404, `unknown scope ${key} (use a scope uuid or alias such as scs-compatible-iaas)`);
  return scope;
}

/** `group-<g>` → its members; anything else → itself. */
function subjectsOf(monitor: Monitor, subject: string): string[] {
  return subject.startsWith("group-") ? monitor.accounts.groupMembers(subject.slice(6)) : [subject];
}

for (const full of [false, true]) {
  views.get(`/:view/${full ? "table_full" : "table"}`, async (c) => {
    const view = viewType(c.req.param("view"));
    const monitor = c.var.monitor;
    const { key, value: evaluations } = await monitor.evaluations.all(full, monitor.nowNaive(), monitor.log);
    // Same for every visitor until the next upload: rendered once per cache generation.
    const md = monitor.evaluations.memo(`table ${full}`, key, () => {
      const resolve = groupResolver(
        evaluations,
        (g) => monitor.accounts.groupMembers(g),
        (alias) => monitor.scopes.get(alias)?.scope.uuid,
      );
      const sections = withUnlisted(
        monitor.overview,
        evaluations,
        (g) => monitor.accounts.groupMembers(g),
        (alias) => monitor.scopes.get(alias)?.scope.uuid,
      );
      return overviewMarkdown(sections, resolve, monitor.links, full);
    });
    const title = `SCS compliance overview${full ? " (incl. drafts)" : ""}`;
    return renderView(c, view, title, md, { after: LEGEND });
  });

  views.get(`/:view/${full ? "detail_full" : "detail"}/:subject/:scope`, async (c) => {
    const view = viewType(c.req.param("view"));
    const monitor = c.var.monitor;
    const subject = c.req.param("subject");
    const scope = scopeOr404(monitor, c.req.param("scope"));
    const subjects = subjectsOf(monitor, subject);
    const evaluations = await evaluateSubjects(monitor.store, monitor.scopes, {
      subjects,
      scope,
      includeDrafts: full,
      always: true,
      now: monitor.nowNaive(),
    });
    const md = detailsMarkdown(subjects, scope, evaluations, monitor.links);
    const kind = subject.startsWith("group-") ? `group ${subject.slice(6)}` : `subject ${subject}`;
    const alias = c.req.param("scope");
    const extra = subjects
      .map(
        (s) =>
          // The subject comes from the URL: escaped for HTML, encoded for links (Links).
          `<p class="links"><a href="${htmlAttribute(monitor.links.history(s, alias))}">History of ${htmlText(s)}</a>` +
          `<a href="${htmlAttribute(monitor.links.missing(s, alias))}">Missing testcases of ${htmlText(s)}</a>` +
          `<img src="${htmlAttribute(monitor.links.badge(s, alias))}" alt="badge of ${htmlAttribute(s)}" height="20"></p>`,
      )
      .join("\n");
    return renderView(c, view, `Details for ${kind}${full ? " (incl. drafts)" : ""}`, md, { before: extra });
  });

  views.get(`/:view/${full ? "report_full" : "report"}/:uuid`, async (c) => {
    const view = viewType(c.req.param("view"));
    const monitor = c.var.monitor;
    const account = full ? await requireAccount(c) : undefined;
    const uuid = c.req.param("uuid");
    const report = await monitor.store.getReport(uuid);
    if (report === undefined) throw httpError(404, "Not Found");
    if (account !== undefined) requireRole(account, report.subject, ROLE_BITS.read_any);
    const md = reportMarkdown(report.data, full, monitor.links, monitor.scopes);
    return renderView(c, view, `Report ${uuid} (${full ? "full" : "redacted"})`, md);
  });
}

views.get("/:view/scope/:scope", (c) => {
  const view = viewType(c.req.param("view"));
  const scope = scopeOr404(c.var.monitor, c.req.param("scope"));
  return renderView(c, view, scope.scope.name, scopeMarkdown(scope));
});

views.get("/page/history/:subject/:scope", async (c) => {
  const monitor = c.var.monitor;
  const subject = c.req.param("subject");
  const scope = scopeOr404(monitor, c.req.param("scope"));
  const now = monitor.nowNaive();
  // 18 months of rows per page: kept until the next upload or day, per subject and scope.
  const key = `${await monitor.store.generation()} ${now.slice(0, 10)}`;
  const html = await monitor.histories.get(`${subject} ${scope.scope.uuid}`, key, async () => {
    const rows = await monitor.store.resultHistory({
      subjects: [subject],
      scopeuuid: scope.scope.uuid,
      since: historySince(scope, now, HISTORY_DAYS),
    });
    const history = historyOf(scope, rows, now, HISTORY_DAYS);
    return page(`History of ${subject}`, historyHtml(subject, scope.scope.name, history), monitor.links);
  });
  return c.html(html);
});

views.get("/page/missing/:subject/:scope", async (c) => {
  const monitor = c.var.monitor;
  const subject = c.req.param("subject");
  const scope = scopeOr404(monitor, c.req.param("scope"));
  const evaluations = await evaluateSubjects(monitor.store, monitor.scopes, {
    subjects: [subject],
    scope,
    includeDrafts: true,
    always: true,
    now: monitor.nowNaive(),
  });
  const latest = await monitor.store.latestResults({ subjects: [subject], scopeuuid: scope.scope.uuid });
  const html = missingHtml(
    subject,
    scope,
    evaluations.get(subject)?.get(scope.scope.uuid),
    latest,
    monitor.links,
  );
  return c.html(page(`Missing testcases of ${subject}`, html, monitor.links));
});
