import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";
import type { Context } from "hono";
import type { MonitorEnv } from "./env.ts";

/**
 * The address failed logins are counted against. Behind a trusted reverse proxy it is the last
 * X-Forwarded-For entry (the one that proxy appended; earlier ones are the client's word).
 * An IPv6 client owns a whole /64, so its addresses count as one.
 */
export function clientAddress(c: Context<MonitorEnv>, trustedProxies: readonly string[]): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const peer = normalizeAddress(incoming?.socket?.remoteAddress ?? "local");
  if (trustedProxies.length > 0 && trustedProxies.some((p) => normalizeAddress(p) === peer)) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return normalizeAddress(forwarded);
  }
  return peer;
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; an IPv6 address → its /64 prefix; anything else unchanged. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = address.includes("::") && tail !== "" ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
