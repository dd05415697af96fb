/** Errors from talking to a cloud. Messages are one line and never contain a secret. */
import { ScsError } from "../errors.ts";

/** Exit status for "the cloud could not be reached or refused us" (config mistakes stay 2). */
export const CLOUD_EXIT_CODE = 3;

/** The cloud could not be talked to: unreachable, TLS failure, timeout, an answer that is not JSON. */
export class CloudError extends ScsError {
  override readonly name: string = "CloudError";
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: CLOUD_EXIT_CODE });
  }
}

/** An OpenStack API answered with an HTTP error status. */
export class ApiError extends CloudError {
  override readonly name = "ApiError";
  readonly status: number;
  readonly method: string;
  /** The request URL (never carries a secret: tokens travel in headers). */
  readonly url: string;
  /** The server's own message, e.g. Nova's `itemNotFound.message`; "" if it gave none. */
  readonly serverMessage: string;

  /** `message` replaces the default `METHOD URL failed with HTTP n: server message` line. */
  constructor(args: {
    status: number;
    method: string;
    url: string;
    serverMessage: string;
    message?: string;
  }) {
    const msg = args.serverMessage ? `: ${args.serverMessage}` : "";
    super(args.message ?? `${args.method} ${args.url} failed with HTTP ${args.status}${msg}`);
    this.status = args.status;
    this.method = args.method;
    this.url = args.url;
    this.serverMessage = args.serverMessage;
  }
}

/** True for an `ApiError` with one of the given statuses (e.g. `isApiStatus(err, 404)`). */
export function isApiStatus(err: unknown, ...statuses: number[]): err is ApiError {
  return err instanceof ApiError && statuses.includes(err.status);
}

/** The longest server message kept: enough for "Flavor x could not be found", too short for an echo. */
export const SERVER_MESSAGE_MAX = 160;

/**
 * The error message an OpenStack service put into its error body: only a known field
 * (`message`, `description`, `detail`, `faultstring`, `title`; the `<title>` or `<h1>` of an HTML page),
 * on one line, with secrets removed by `redact` before it is cut to SERVER_MESSAGE_MAX characters.
 * The rest of the body is never copied: clouds echo requests, credentials included.
 */
export function serverMessageOf(text: string, redact: (text: string) => string): string {
  let found: string | null = null;
  try {
    found = findMessage(JSON.parse(text), 0);
  } catch {
    // Not JSON: Glance and proxies answer with HTML or plain text; keep an HTML page's title.
    const title = /<(title|h1)[^>]*>([^<]{1,400})<\/\1>/i.exec(text.slice(0, 4096));
    found = title ? title[2]! : null;
  }
  const one = redact(
    (found ?? "")
      .slice(0, 4 * SERVER_MESSAGE_MAX)
      .replace(/\s+/g, " ")
      .trim(),
  );
  return one.length > SERVER_MESSAGE_MAX ? `${one.slice(0, SERVER_MESSAGE_MAX - 3)}...` : one;
}

function findMessage(v: unknown, depth: number): string | null {
  if (depth > 3 || typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  for (const key of ["message", "description", "detail", "faultstring", "title"]) {
    if (typeof o[key] === "string" && o[key]) return o[key] as string;
  }
  for (const child of Object.values(o).slice(0, 20)) {
    const m = findMessage(child, depth + 1);
    if (m) return m;
  }
  return null;
}
