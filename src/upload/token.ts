/**
 * The monitor credentials of an upload: HTTP Basic, the account's subject and API key. Kept as the
 * reference's tokenfile holds them (base64 of `subject:key`); `subject:key` as typed is accepted too.
 */
import { ScsError } from "../errors.ts";

export const TOKEN_ENV = "SCS_MONITOR_TOKEN";

/** The base64 Basic token for `text`, validated; `origin` names where it came from (never the value). */
export function parseToken(text: string, origin: string): string {
  const value = text.trim();
  if (value.includes(":")) return Buffer.from(value, "utf8").toString("base64");
  const decoded = /^[A-Za-z0-9+/]+=*$/.test(value) ? Buffer.from(value, "base64").toString("utf8") : "";
  if (!decoded.includes(":") || decoded.startsWith(":"))
    throw new ScsError(
      `${origin} is not a monitor token: it should hold base64 of SUBJECT:API_KEY (or SUBJECT:API_KEY itself)`,
    );
  return value;
}

/** The subject a token authenticates as (for messages). */
export function tokenSubject(token: string): string {
  const decoded = Buffer.from(token, "base64").toString("utf8");
  return decoded.slice(0, decoded.indexOf(":"));
}

export function tokenOf(subject: string, apiKey: string): string {
  return Buffer.from(`${subject}:${apiKey}`, "utf8").toString("base64");
}
