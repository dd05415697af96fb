import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { requireAccount } from "./authenticate.ts";
import type { MonitorEnv } from "./env.ts";
import { httpError } from "./http-error.ts";

/**
 * First middleware of every POST route: the credentials are checked, then the declared size,
 * before one byte of the body is read, and the body is then capped while the route reads it.
 * A refused request is answered at once with `Connection: close`, so an anonymous client cannot
 * make the server read (or keep a socket open for) a large body.
 */
export const guardBody: MiddlewareHandler<MonitorEnv> = async (c, next) => {
  const max = c.var.monitor.maxUploadBytes;
  try {
    await requireAccount(c);
    const declared = c.req.header("content-length");
    if (declared !== undefined && !(Number(declared) <= max)) throw tooLarge(max);
  } catch (err) {
    throw closing(err);
  }
  const body = c.req.raw.body;
  if (body === null) return next();
  let seen = 0;
  const capped = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(closing(tooLarge(max)));
        else controller.enqueue(chunk);
      },
    }),
  );
  c.req.raw = new Request(c.req.raw, { body: capped, duplex: "half" } as RequestInit);
  await next();
  // A route may have turned the failed read into its own error (400 "not valid JSON"): a body
  // over the limit is a 413 whatever the route made of it.
  if (seen > max && c.res.status !== 413) c.res = (closing(tooLarge(max)) as HTTPException).getResponse();
};

function tooLarge(max: number): HTTPException {
  return httpError(413, `request body too large (limit ${max} bytes)`);
}

/** The same error, its response marked `Connection: close`. */
function closing(err: unknown): unknown {
  if (!(err instanceof HTTPException)) return err;
  const res = err.getResponse();
  if (res.headers.get("connection") === "close") return err;
  const headers = new Headers(res.headers);
  headers.set("connection", "close");
  return new HTTPException(err.status, {
    res: new Response(res.body, { status: res.status, headers }),
    message: err.message,
  });
}
