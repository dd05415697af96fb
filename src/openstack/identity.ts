/**
 * Keystone: what the token says (roles for the pre-flight check, the service catalog), and
 * application credentials (tests create one, authenticate with it, and delete it).
 */
import type { CatalogEntry } from "./catalog.ts";
import { type Json, obj, str, strOrNull } from "./fields.ts";
import type { Session } from "./session.ts";

/** Role names of the current token (`token.roles[].name`). */
export async function tokenRoles(session: Session): Promise<readonly string[]> {
  return (await session.token()).roles;
}

/** The service catalog of the current token; no extra API call. */
export async function serviceCatalog(session: Session): Promise<readonly CatalogEntry[]> {
  return (await session.token()).catalog;
}

/** True when the catalog has an entry of one of these types (endpoints are not inspected). */
export function hasServiceType(catalog: readonly CatalogEntry[], ...types: string[]): boolean {
  return catalog.some((e) => types.includes(e.type));
}

export interface ApplicationCredential {
  readonly id: string;
  readonly name: string;
  readonly projectId: string;
  readonly expiresAt: string | null;
}

/** The secret is returned once, at creation; keep it out of logs. */
export interface CreatedApplicationCredential extends ApplicationCredential {
  readonly secret: string;
}

function parseApplicationCredential(raw: unknown): ApplicationCredential {
  const o = obj(raw);
  return {
    id: str(o, "id"),
    name: str(o, "name"),
    projectId: str(o, "project_id"),
    expiresAt: strOrNull(o, "expires_at"),
  };
}

/** Creates an application credential for the current user in the token's project. */
export async function createApplicationCredential(
  session: Session,
  spec: { readonly name: string; readonly description?: string; readonly expiresAt?: Date },
): Promise<CreatedApplicationCredential> {
  const { user } = await session.token();
  const body: Json = { name: spec.name };
  if (spec.description) body["description"] = spec.description;
  if (spec.expiresAt) body["expires_at"] = spec.expiresAt.toISOString();
  const res = await session.request<Json>(
    "identity",
    "POST",
    `users/${encodeURIComponent(user.id)}/application_credentials`,
    {
      body: { application_credential: body },
    },
  );
  const raw = obj(res.body["application_credential"]);
  return { ...parseApplicationCredential(raw), secret: str(raw, "secret") };
}

export async function listApplicationCredentials(session: Session): Promise<ApplicationCredential[]> {
  const { user } = await session.token();
  const raw = await session.list(
    "identity",
    `users/${encodeURIComponent(user.id)}/application_credentials`,
    "application_credentials",
    { limit: null },
  );
  return raw.map(parseApplicationCredential);
}

export async function deleteApplicationCredential(session: Session, id: string): Promise<void> {
  const { user } = await session.token();
  await session.request(
    "identity",
    "DELETE",
    `users/${encodeURIComponent(user.id)}/application_credentials/${encodeURIComponent(id)}`,
  );
}
