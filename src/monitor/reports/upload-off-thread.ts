/**
 * Parsing a large upload takes seconds of CPU (100,000 results, deep YAML): done in a worker thread,
 * so the event loop keeps answering pages, /healthz and other uploads meanwhile. Small bodies, the
 * usual report, are parsed in place: a worker costs more than they do.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ReportFormat } from "./report-document.ts";
import { type ParsedUpload, parseUpload } from "./upload.ts";

/** Bodies up to this size are parsed on the event loop (a few milliseconds at most). */
export const IN_PLACE_BYTES = 64 * 1024;
// Large uploads are rare: at most this many workers at once, the others wait their turn.
const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
// Under tsx (tests, development) the worker is the .ts source: Node 20 does not carry tsx's loader
// into workers, so the worker registers it first. In dist/ it is the compiled .js, started directly.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const WORKER = new URL(FROM_SOURCE ? "./upload-worker.ts" : "./upload-worker.js", import.meta.url);
const startWorker = (workerData: unknown) =>
  FROM_SOURCE
    ? new Worker(
        `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); })`,
        { eval: true, workerData },
      )
    : new Worker(WORKER, { workerData });

let running = 0;
const waiting: (() => void)[] = [];

/** parseUpload, in a worker thread when the body is large. */
export async function parseUploadOffThread(
  data: Buffer,
  format: ReportFormat,
  now: string,
): Promise<ParsedUpload> {
  if (data.length <= IN_PLACE_BYTES) return parseUpload(data, format, now);
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await inWorker(data, format, now);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function inWorker(data: Buffer, format: ReportFormat, now: string): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ data, format, now });
    let answered = false;
    worker.once("message", (parsed: ParsedUpload) => {
      answered = true;
      resolve(parsed);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`the upload parser stopped (exit code ${code})`));
    });
  });
}
