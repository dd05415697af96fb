/**
 * The S3 probe of scs-0123-swift-s3: next to a Swift object store, does an S3 API answer? One
 * ListBuckets request (AWS Signature V4) with a made-up access key to the object-store host; an
 * S3 implementation rejects the key by name (`InvalidAccessKeyId`).
 */
import { createHash, createHmac } from "node:crypto";
import { oneLine } from "../errors.ts";
import { selectEndpoint } from "./catalog.ts";
import type { Session } from "./session.ts";

/**
 * How an S3 ListBuckets request with bogus credentials was answered at the object-store host:
 * `rejected` (an S3 error text, e.g. InvalidAccessKeyId), `accepted` (a listing), `failed`
 * (no S3 answer: connection refused, HTML 404, …), or `no-object-store` when the catalog has none.
 */
export type S3Probe =
  | { readonly kind: "rejected"; readonly endpoint: string; readonly message: string }
  | { readonly kind: "accepted"; readonly endpoint: string }
  | { readonly kind: "failed"; readonly endpoint: string; readonly message: string }
  | { readonly kind: "no-object-store" };

const ACCESS_KEY = "doesnotexist";
const REGION = "us-east-1";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const hmac = (key: Buffer | string, s: string) => createHmac("sha256", key).update(s).digest();

/** Headers of a SigV4-signed `GET /` (ListBuckets) with the probe's key and an empty secret. Pure. */
export function signListBuckets(host: string, now: Date): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256("");
  const signedHeaders = "host;x-amz-content-sha256;x-amz-date";
  const canonical = [
    "GET",
    "/",
    "",
    `host:${host}`,
    `x-amz-content-sha256:${payloadHash}`,
    `x-amz-date:${amzDate}`,
    "",
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${day}/${REGION}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac("AWS4", day), REGION), "s3"), "aws4_request");
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  return {
    "x-amz-date": amzDate,
    "x-amz-content-sha256": payloadHash,
    authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/** `Code: Message` of an S3 XML error body, else the first 200 characters of the text. */
export function s3ErrorText(status: number, text: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  if (code) return `${code}${message ? `: ${message}` : ""}`;
  const plain = text
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  return `HTTP ${status}${plain ? `: ${plain}` : ""}`;
}

/** Probes the object-store host for an S3 API. Never throws for cloud-side failures. */
export async function probeS3(session: Session, now: Date = new Date()): Promise<S3Probe> {
  const { catalog } = await session.token();
  if (!catalog.some((e) => e.type === "object-store")) return { kind: "no-object-store" };
  let url: string;
  try {
    url = selectEndpoint(catalog, "object-store", session.cloud.interface, session.cloud.regionName).url;
  } catch (err) {
    return { kind: "failed", endpoint: "", message: oneLine(err) };
  }
  // Scheme and host only; like the reference, the URL needs a path after the host.
  const origin = /^(https*:\/\/[^/]*)\//.exec(url)?.[1];
  if (!origin) {
    // The reference then asks AWS's own endpoint, which rejects the made-up key; we do not call AWS.
    return {
      kind: "rejected",
      endpoint: url,
      message: "object-store URL without path: the reference asks AWS S3 instead",
    };
  }
  try {
    const res = await session.requestUnauthenticated(
      "GET",
      `${origin}/`,
      signListBuckets(new URL(origin).host, now),
    );
    const text = s3ErrorText(res.status, res.text);
    if (/InvalidAccessKeyId|NoSuchKey/.test(res.text))
      return { kind: "rejected", endpoint: origin, message: text };
    if (res.status < 300) return { kind: "accepted", endpoint: origin };
    return { kind: "failed", endpoint: origin, message: text };
  } catch (err) {
    return { kind: "failed", endpoint: origin, message: session.redact(oneLine(err)) };
  }
}
