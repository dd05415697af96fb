/** Finding the OpenStack lab for integration tests (see CONTRIBUTING.md, "Real parts"). */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export const MEMBER = "lab-member";
export const ADMIN = "lab-admin";

export function labConfigPath(): string {
  return process.env["OS_CLIENT_CONFIG_FILE"] ?? "/etc/openstack/clouds.yaml";
}

/** True when clouds.yaml has lab-member and lab-admin and Keystone answers at lab-member's auth_url. */
export async function labAvailable(): Promise<boolean> {
  let authUrl: string | undefined;
  try {
    const doc = parse(readFileSync(labConfigPath(), "utf8")) as {
      clouds?: Record<string, { auth?: { auth_url?: string } }>;
    };
    if (!doc.clouds?.[ADMIN]) return false;
    authUrl = doc.clouds?.[MEMBER]?.auth?.auth_url;
  } catch {
    return false;
  }
  if (!authUrl) return false;
  try {
    const res = await fetch(authUrl, { signal: AbortSignal.timeout(10_000) });
    return res.ok;
  } catch {
    return false;
  }
}

export const LAB_WHY =
  "OpenStack lab (scripts/lab/up.sh; clouds.yaml with lab-member and lab-admin, Keystone answering)";

/** A name no other test run uses at the same time. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}`;
}

/** Polls `probe` until it returns a value or the time is up. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2_000)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
