import { Hono } from "hono";
import { verifySshSignature } from "../../../ssh/sshsig.ts";
import { ROLE_BITS } from "../../auth/roles.ts";
import { DuplicateReportError } from "../../db/store.ts";
import type { ReportFormat } from "../../reports/report-document.ts";
import { splitSignedBody } from "../../reports/signed-body.ts";
import { parseUploadOffThread } from "../../reports/upload-off-thread.ts";
import { requireAccount, requireRole } from "../authenticate.ts";
import { guardBody } from "../body-guard.ts";
import type { MonitorEnv } from "../env.ts";
import { httpError } from "../http-error.ts";
import { intParam } from "../params.ts";

const FORMATS: Record<string, ReportFormat> = {
  "application/x-signed-yaml": "yaml",
  "application/x-signed-json": "json",
};

/** `/reports`: signed uploads, listing and download of report documents. */
export const reports = new Hono<MonitorEnv>();

reports.get("/", async (c) => {
  const account = await requireAccount(c);
  const subjectParam = c.req.query("subject");
  const limit = intParam(c.req.query("limit"), "limit", 10);
  const skip = intParam(c.req.query("skip"), "skip", 0);
  let subject: string | undefined = account.subject;
  if (subjectParam !== undefined) {
    requireRole(account, subjectParam, ROLE_BITS.read_any);
    subject = subjectParam === "" ? undefined : subjectParam;
  }
  const docs = await c.var.monitor.store.listReports({ subject, limit, skip });
  return c.body(`[${docs.join(",")}]`, 200, { "content-type": "application/json" });
});

reports.get("/:uuid", async (c) => {
  const account = await requireAccount(c);
  const report = await c.var.monitor.store.getReport(c.req.param("uuid"));
  if (report === undefined) throw httpError(404, "Not Found");
  requireRole(account, report.subject, ROLE_BITS.read_any);
  return c.body(JSON.stringify(JSON.parse(report.data), null, 2), 200, {
    "content-type": "application/json",
  });
});

reports.post("/", guardBody, async (c) => {
  const monitor = c.var.monitor;
  const account = await requireAccount(c);
  const format = FORMATS[c.req.header("content-type") ?? ""];
  if (format === undefined) throw httpError(415, "Unsupported Media Type");
  const body = Buffer.from(await c.req.arrayBuffer());
  const signed = splitSignedBody(body);
  if (signed === undefined) throw httpError(401, "missing signature");
  const keys = account.keys.map((k) => Buffer.from(k.key, "base64"));
  const verdict = verifySshSignature(signed.signature, signed.data, "report", keys);
  if (!verdict.ok) throw httpError(401, `verification failed: ${verdict.detail}`);

  const parsed = await parseUploadOffThread(signed.data, format, monitor.nowNaive());
  for (const subject of parsed.subjects) {
    requireRole(account, subject, ROLE_BITS.append_any);
    if (subject !== account.subject && !account.delegators.includes(subject)) {
      throw httpError(401, "delegation problem?");
    }
  }
  if (parsed.problem !== undefined) throw httpError(400, parsed.problem);
  if (parsed.reports.length === 0) return c.json({ detail: "empty reports" });
  try {
    await monitor.storeReports(parsed.reports);
  } catch (err) {
    if (err instanceof DuplicateReportError) throw httpError(409, "Conflict: report already present");
    throw err;
  }
  return c.json(null);
});
