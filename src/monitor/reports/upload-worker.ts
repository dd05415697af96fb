/** Worker thread of upload-off-thread.ts: parses one upload and posts the ParsedUpload back. */
import { parentPort, workerData } from "node:worker_threads";
import type { ReportFormat } from "./report-document.ts";
import { parseUpload } from "./upload.ts";

const { data, format, now } = workerData as { data: Uint8Array; format: ReportFormat; now: string };
parentPort!.postMessage(parseUpload(Buffer.from(data.buffer, data.byteOffset, data.byteLength), format, now));
