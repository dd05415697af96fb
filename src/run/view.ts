/**
 * What `scs run` shows: on a terminal a block of lines redrawn in place (one per subject: state,
 * testcases done, elapsed); otherwise one plain line when a subject starts and when it ends. Then
 * the table of subject × version. Subject names and reasons come from files and clouds: control
 * characters are replaced before they reach the terminal.
 */
import type { JobStatus } from "./run.ts";
import { subjectPassed } from "./run.ts";

export interface RunView {
  update(statuses: readonly JobStatus[]): void;
  finish(statuses: readonly JobStatus[]): void;
}

// \p{Cc}: the C0 and C1 control characters (escape sequences, line breaks)
const clean = (text: string) => text.replace(/\p{Cc}/gu, "?");

function elapsed(status: JobStatus, now: number): string {
  if (status.startedMs === undefined) return "";
  return `${(((status.endedMs ?? now) - status.startedMs) / 1000).toFixed(1)} s`;
}

function label(status: JobStatus, multiScope: boolean): string {
  return clean(multiScope ? `${status.job.subject} (${status.job.scope})` : status.job.subject);
}

function outcome(status: JobStatus): string {
  if (status.verdicts === undefined) return `ABORT: ${clean(status.reason ?? "no report")}`;
  const word = subjectPassed(status)
    ? "PASS"
    : status.verdicts.some((v) => v.evaluation === "FAIL")
      ? "FAIL"
      : "ABORT";
  return `${word}${status.reason ? `: ${clean(status.reason)}` : ""}`;
}

/** One line per subject: what it is doing now. */
export function statusLine(status: JobStatus, now: number, multiScope: boolean, width = 200): string {
  const progress = status.total > 0 ? `${status.done}/${status.total} testcases` : "";
  const state =
    status.state === "done" ? outcome(status) : status.state === "uploading" ? "uploading" : status.state;
  // the parts of varying length go last, so that the columns stay aligned
  const parts = [label(status, multiScope).padEnd(20), elapsed(status, now).padStart(8), state, progress];
  return parts
    .join(" ")
    .trimEnd()
    .slice(0, Math.max(20, width - 1));
}

export function liveView(stream: NodeJS.WriteStream, clock: () => number = () => performance.now()): RunView {
  let drawn = 0;
  let last: readonly JobStatus[] = [];
  const draw = (statuses: readonly JobStatus[]) => {
    const multi = new Set(statuses.map((s) => s.job.scope)).size > 1;
    const now = clock();
    const lines = statuses.map((s) => `\x1b[2K${statusLine(s, now, multi, stream.columns || 80)}`);
    stream.write(`${drawn > 0 ? `\x1b[${drawn}A\r` : ""}${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  // elapsed times move even when no testcase finishes
  const timer = setInterval(() => last.length > 0 && draw(last), 500);
  timer.unref();
  return {
    update(statuses) {
      last = statuses;
      draw(statuses);
    },
    finish(statuses) {
      clearInterval(timer);
      draw(statuses);
    },
  };
}

/** Without a terminal: a line when a subject starts and when it ends, nothing in between. */
export function plainView(
  write: (line: string) => void,
  clock: () => number = () => performance.now(),
): RunView {
  const shown = new Map<JobStatus, string>();
  return {
    update(statuses) {
      const multi = new Set(statuses.map((s) => s.job.scope)).size > 1;
      for (const s of statuses) {
        const phase = s.state === "checking" || s.state === "done" ? s.state : undefined;
        if (phase === undefined || shown.get(s) === phase) continue;
        shown.set(s, phase);
        write(
          phase === "checking"
            ? `${label(s, multi)}: checking`
            : `${label(s, multi)}: ${outcome(s)} after ${elapsed(s, clock())}`,
        );
      }
    },
    finish() {},
  };
}

/** The final table: a row per subject, a column per version (newest first), then the upload. */
export function resultTable(statuses: readonly JobStatus[]): string {
  const multi = new Set(statuses.map((s) => s.job.scope)).size > 1;
  const versions = [...new Set(statuses.flatMap((s) => (s.verdicts ?? []).map((v) => v.version)))];
  const header = ["subject", ...versions, "report"];
  const rows = statuses.map((s) => {
    const byVersion = new Map((s.verdicts ?? []).map((v) => [v.version, v] as const));
    return [
      label(s, multi),
      ...versions.map((name) => {
        const v = byVersion.get(name);
        if (v === undefined) return s.verdicts === undefined ? "ABORT" : "-";
        return v.counts ? v.evaluation : `(${v.evaluation})`;
      }),
      uploadCell(s),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const reasons = statuses
    .filter((s) => s.reason !== undefined)
    .map((s) => `${label(s, multi)}: ${clean(s.reason!)}`);
  return [line(header), ...rows.map(line), ...reasons].join("\n") + "\n";
}

function uploadCell(status: JobStatus): string {
  if (status.upload === undefined) return status.reportPath === undefined ? "none" : "written";
  return { stored: "uploaded", present: "uploaded", spooled: "in spool", rejected: "refused" }[
    status.upload.outcome
  ];
}
