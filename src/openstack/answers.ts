/** Turning HTTP answers into JSON bodies or one-line errors, without secrets. */
import { ApiError, CloudError, serverMessageOf } from "./errors.ts";
import type { Redactor } from "./redact.ts";
import type { HttpResponse } from "./transport.ts";

/** The parsed JSON body (null when empty); a non-JSON answer is a `CloudError`. */
export function jsonBody(method: string, url: string, res: HttpResponse, redactor: Redactor): unknown {
  if (res.text === "" || res.status === 204) return null;
  try {
    return JSON.parse(res.text);
  } catch (err) {
    const type = res.headers["content-type"] ?? "no content type";
    const snippet = res.text.slice(0, 80).replace(/\s+/g, " ");
    throw new CloudError(
      redactor.redact(
        `${method} ${url} returned a non-JSON answer (HTTP ${res.status}, ${type}): ${snippet}`,
      ),
      { cause: err },
    );
  }
}

/** The `ApiError` for an error status, with the service's own message. */
export function apiError(method: string, url: string, res: HttpResponse, redactor: Redactor): ApiError {
  return new ApiError({
    status: res.status,
    method,
    url,
    serverMessage: redactor.redact(serverMessageOf(res.text)),
  });
}
