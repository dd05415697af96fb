import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one HTTP error of the monitor: a status and a JSON body `{"detail": …}` like the reference. */
export function httpError(
  status: ContentfulStatusCode,
  detail: unknown,
  headers: Record<string, string> = {},
): HTTPException {
  const res = new Response(JSON.stringify({ detail }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
  return new HTTPException(status, { res, message: typeof detail === "string" ? detail : "invalid request" });
}

/** FastAPI-style validation error (422) for one query or path parameter. */
export function validationError(where: "query" | "path", name: string, msg: string): HTTPException {
  return httpError(422, [{ loc: [where, name], msg, type: "value_error" }]);
}
