/**
 * scs-0123-swift-s3: does an S3 API answer next to Swift? One unauthenticated-in-effect S3
 * ListBuckets request (AWS Signature V4 with the access key `doesnotexist` and an empty secret)
 * to the object-store host; an S3 implementation rejects the key with `InvalidAccessKeyId`.
 * The request goes through the OpenStack client's transport (same TLS settings as the cloud).
 */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { oneLine } from "../errors.ts";
import { type Session, selectEndpoint } from "../openstack/index.ts";
import { Redactor } from "../openstack/redact.ts";
import { Transport } from "../openstack/transport.ts";
import type { S3Probe } from "./model.ts";

export const BOGUS_ACCESS_KEY = "doesnotexist";
const REGION = "us-east-1";
const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");

const hmac = (key: string | Buffer, text: string): Buffer => createHmac("sha256", key).update(text).digest();

/** The headers of a SigV4-signed `GET /` (ListBuckets) to `host` at `date`, secret empty. */
export function signListBuckets(host: string, date: Date): Record<string, string> {
  const amzDate = date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const signedHeaders = "host;x-amz-content-sha256;x-amz-date";
  const canonical = [
    "GET",
    "/",
    "",
    `host:${host}`,
    `x-amz-content-sha256:${EMPTY_SHA256}`,
    `x-amz-date:${amzDate}`,
    "",
    signedHeaders,
    EMPTY_SHA256,
  ].join("\n");
  const scope = `${day}/${REGION}/s3/aws4_request`;
  const toSign = [
    "AWS4-HMAC-SHA256",
    amzDate,
    scope,
    createHash("sha256").update(canonical).digest("hex"),
  ].join("\n");
  const key = hmac(hmac(hmac(hmac("AWS4", day), REGION), "s3"), "aws4_request");
  const signature = hmac(key, toSign).toString("hex");
  return {
    "x-amz-date": amzDate,
    "x-amz-content-sha256": EMPTY_SHA256,
    authorization: `AWS4-HMAC-SHA256 Credential=${BOGUS_ACCESS_KEY}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/** Scheme and host of the object-store URL; undefined when the URL has no path after the host. */
export function s3Origin(objectStoreUrl: string): string | undefined {
  return /^(https*:\/\/[^/]*)\//.exec(objectStoreUrl)?.[1];
}

/** How an S3 answer classifies (pure). */
export function classifyS3Answer(endpoint: string, status: number, text: string): S3Probe {
  if (/InvalidAccessKeyId|NoSuchKey/.test(text)) {
    return {
      kind: "rejected",
      endpoint,
      message: text.includes("NoSuchKey") ? "NoSuchKey" : "InvalidAccessKeyId",
    };
  }
  if (status >= 200 && status < 300) return { kind: "accepted", endpoint };
  const snippet = oneLine(text.replace(/<[^>]+>/g, " ")).slice(0, 120);
  return { kind: "failed", endpoint, message: `HTTP ${status}${snippet ? `: ${snippet}` : ""}` };
}

export async function probeS3(session: Session, signal: AbortSignal): Promise<S3Probe> {
  const token = await session.token();
  if (!token.catalog.some((entry) => entry.type === "object-store")) return { kind: "no-object-store" };
  const url = selectEndpoint(
    token.catalog,
    "object-store",
    session.cloud.interface,
    session.cloud.regionName,
  ).url;
  const origin = s3Origin(url);
  if (origin === undefined) {
    // The reference then falls back to AWS's own endpoint, which rejects the bogus key.
    return {
      kind: "rejected",
      endpoint: url,
      message: "object-store URL without path: the reference asks AWS S3 instead",
    };
  }
  const tls = session.cloud.tls;
  const transport = new Transport({
    timeoutMs: session.cloud.timeoutMs,
    redactor: new Redactor(),
    // One attempt: a probe that is refused or times out has its answer.
    retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    tls: { verify: tls.verify, ...(tls.cacert ? { ca: readFileSync(tls.cacert, "utf8") } : {}) },
  });
  try {
    const res = await transport.send({
      method: "GET",
      url: `${origin}/`,
      headers: { host: new URL(origin).host, ...signListBuckets(new URL(origin).host, new Date()) },
      idempotent: true,
      signal,
    });
    return classifyS3Answer(origin, res.status, res.text);
  } catch (err) {
    signal.throwIfAborted();
    return { kind: "failed", endpoint: origin, message: oneLine(err) };
  } finally {
    await transport.close();
  }
}
