/** Barbican secrets, as scs-0116-permissions lists, creates and deletes them. */
import { type Json, obj, str, strOrNull } from "./fields.ts";
import type { Session } from "./session.ts";

/** Barbican's default `max_limit_paging`. */
const BARBICAN_PAGE = 100;

export interface Secret {
  readonly secretRef: string;
  /** Last path segment of `secret_ref`. */
  readonly uuid: string;
  readonly name: string | null;
  readonly status: string;
  readonly secretType: string | null;
}

/** The uuid of a secret from its `secret_ref` URL. */
export function secretUuid(secretRef: string): string {
  return secretRef.replace(/\/+$/, "").split("/").pop() ?? "";
}

export function parseSecret(raw: unknown): Secret {
  const o = obj(raw);
  const ref = str(o, "secret_ref");
  return {
    secretRef: ref,
    uuid: secretUuid(ref),
    name: strOrNull(o, "name"),
    status: str(o, "status"),
    secretType: strOrNull(o, "secret_type"),
  };
}

export async function listSecrets(session: Session, filter: { name?: string } = {}): Promise<Secret[]> {
  const raw = await session.list<Json>("key-manager", "secrets", "secrets", {
    limit: BARBICAN_PAGE,
    ...(filter.name ? { query: { name: filter.name } } : {}),
  });
  return raw.map(parseSecret);
}

export interface SecretSpec {
  readonly name: string;
  readonly payload: string;
  readonly payloadContentType?: string;
  readonly secretType?: string;
}

/** Stores a secret; returns its reference (the payload is not echoed). */
export async function createSecret(
  session: Session,
  spec: SecretSpec,
): Promise<{ secretRef: string; uuid: string }> {
  const res = await session.request<Json>("key-manager", "POST", "secrets", {
    body: {
      name: spec.name,
      payload: spec.payload,
      payload_content_type: spec.payloadContentType ?? "text/plain",
      secret_type: spec.secretType ?? "opaque",
    },
  });
  const ref = str(res.body, "secret_ref");
  return { secretRef: ref, uuid: secretUuid(ref) };
}

export async function deleteSecret(session: Session, uuid: string): Promise<void> {
  await session.request("key-manager", "DELETE", `secrets/${encodeURIComponent(uuid)}`);
}
