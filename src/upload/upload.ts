/**
 * `scs upload`: signed reports to the compliance monitor. What cannot be delivered now waits in
 * the spool and goes first on the next call; what the monitor refuses is said and not retried.
 */
import { basename } from "node:path";
import { type Delivery, type PostOptions, postSignedReport } from "./post.ts";
import { readSignedReport, type SignedUpload } from "./signed-report.ts";
import { Spool } from "./spool.ts";

export interface UploadTarget {
  readonly monitorUrl: string;
  /** base64 of `subject:api key` (token.ts). */
  readonly token: string;
  readonly spoolDir: string;
  readonly post?: PostOptions;
}

export type UploadOutcome = "stored" | "present" | "spooled" | "rejected";

export interface UploadLine {
  /** The report file, or `spool:NAME` for an upload that waited in the spool. */
  readonly what: string;
  readonly outcome: UploadOutcome;
  readonly reason?: string;
}

/** Sends what the spool holds, then each file with its `.sig` (all files are read before anything is sent). */
export async function uploadReports(
  target: UploadTarget,
  files: readonly string[],
  onLine: (line: UploadLine) => void = () => {},
): Promise<UploadLine[]> {
  const uploads = await Promise.all(files.map(async (f) => ({ file: f, upload: await readSignedReport(f) })));
  const lines = await flushSpool(target, onLine);
  for (const { file, upload } of uploads) {
    const line = await deliverOrKeep(target, upload, file);
    onLine(line);
    lines.push(line);
  }
  return lines;
}

/** Retries every upload waiting in the spool for this monitor. */
export async function flushSpool(
  target: UploadTarget,
  onLine: (line: UploadLine) => void = () => {},
): Promise<UploadLine[]> {
  const spool = new Spool(target.spoolDir, target.monitorUrl);
  const lines: UploadLine[] = [];
  for (const entry of await spool.claim()) {
    const delivery = await postSignedReport(target.monitorUrl, entry.upload, target.token, target.post);
    const what = `spool:${entry.name}`;
    let line: UploadLine;
    if (delivery.kind === "transient") {
      await spool.release(entry);
      line = { what, outcome: "spooled", reason: delivery.reason };
    } else if (delivery.kind === "rejected") {
      const aside = await spool.reject(entry);
      line = { what, outcome: "rejected", reason: `${delivery.reason} (moved to ${aside})` };
    } else {
      await spool.done(entry);
      line = { what, outcome: delivery.kind };
    }
    onLine(line);
    lines.push(line);
  }
  return lines;
}

/** One upload; kept in the spool when the monitor cannot be reached or fails (5xx). */
export async function deliverOrKeep(
  target: UploadTarget,
  upload: SignedUpload,
  label: string,
): Promise<UploadLine> {
  const delivery: Delivery = await postSignedReport(target.monitorUrl, upload, target.token, target.post);
  if (delivery.kind === "stored" || delivery.kind === "present")
    return { what: label, outcome: delivery.kind };
  if (delivery.kind === "rejected") return { what: label, outcome: "rejected", reason: delivery.reason };
  const name = await new Spool(target.spoolDir, target.monitorUrl).keep(
    upload,
    basename(label),
    target.monitorUrl,
  );
  return { what: label, outcome: "spooled", reason: `${delivery.reason}; kept as ${name}` };
}

export function formatUploadLine(line: UploadLine): string {
  const verb = {
    stored: "uploaded",
    present: "already on the monitor",
    spooled: "not delivered, kept in the spool for the next scs upload",
    rejected: "refused by the monitor",
  }[line.outcome];
  return `${line.what}: ${verb}${line.reason ? `: ${line.reason}` : ""}`;
}

/** 0 all delivered, 1 something refused (will not succeed as it is), 75 something waits in the spool. */
export function uploadExitStatus(lines: readonly UploadLine[]): number {
  if (lines.some((l) => l.outcome === "rejected")) return 1;
  if (lines.some((l) => l.outcome === "spooled")) return 75;
  return 0;
}
