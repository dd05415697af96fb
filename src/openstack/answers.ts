/** Turning HTTP answers into JSON bodies or one-line errors, without secrets. */
import { ApiError, CloudError, serverMessageOf } from "./errors.ts";
import type { Redactor } from "./redact.ts";
import type { HttpResponse } from "./transport.ts";

/** The parsed JSON body (null when empty); a non-JSON answer is a `CloudError`. */
export function jsonBody(method: string, url: string, res: HttpResponse, redactor: Redactor): unknown {
  if (res.text === "" || res.status === 204) return null;
  try {
    return JSON.parse(res.text);
  } catch {
    // The body itself is not quoted: a cloud may echo the request, credentials included.
    const type = (res.headers["content-type"] ?? "no content type").slice(0, 60);
    const title = serverMessageOf(res.text, (t) => redactor.redact(t));
    throw new CloudError(
      redactor.redact(
        `${method} ${url} returned a non-JSON answer (HTTP ${res.status}, ${type}${title ? `: ${title}` : ""})`,
      ),
    );
  }
}

/** The `ApiError` for an error status, with the service's own message. */
export function apiError(method: string, url: string, res: HttpResponse, redactor: Redactor): ApiError {
  return new ApiError({
    status: res.status,
    method,
    // A next link the cloud handed out may carry anything, an echoed secret included.
    url: redactor.redact(url),
    serverMessage: serverMessageOf(res.text, (t) => redactor.redact(t)),
  });
}
