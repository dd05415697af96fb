/**
 * What testcases that create resources need from a live cloud (scs-0115's fallback, scs-0116,
 * scs-0117). A snapshot has none of it. Implementations throw errors that carry the HTTP status
 * (see {@link httpStatus}) so testcases can tell "forbidden" from "not found" from the rest.
 */

export interface SecurityGroup {
  readonly id: string;
  readonly name: string;
  readonly rules: readonly { readonly direction: "ingress" | "egress"; readonly ethertype: string }[];
}

export interface Secret {
  /** The uuid: the last path segment of Barbican's `secret_ref`. */
  readonly id: string;
  readonly name: string | null;
}

export interface NewSecret {
  readonly name: string;
  readonly payload: string;
  readonly payloadContentType: string;
  readonly secretType: string;
}

/** A volume or a backup: what the backup testcase waits on. */
export interface StorageObject {
  readonly id: string;
  readonly name: string | null;
  readonly status: string;
  /** As the API writes it (Cinder: UTC without a zone); absent if unknown. */
  readonly createdAt?: string;
}

export interface LiveCloud {
  readonly securityGroups: {
    create(name: string, description: string, signal: AbortSignal): Promise<{ readonly id: string }>;
    get(id: string, signal: AbortSignal): Promise<SecurityGroup>;
    delete(id: string, signal: AbortSignal): Promise<void>;
  };
  readonly secrets: {
    list(signal: AbortSignal): Promise<readonly Secret[]>;
    create(secret: NewSecret, signal: AbortSignal): Promise<{ readonly id: string }>;
    delete(id: string, signal: AbortSignal): Promise<void>;
  };
  readonly volumes: {
    list(signal: AbortSignal): Promise<readonly StorageObject[]>;
    create(name: string, sizeGiB: number, signal: AbortSignal): Promise<{ readonly id: string }>;
    get(id: string, signal: AbortSignal): Promise<StorageObject>;
    delete(id: string, signal: AbortSignal): Promise<void>;
  };
  readonly backups: {
    list(signal: AbortSignal): Promise<readonly StorageObject[]>;
    create(volumeId: string, name: string, signal: AbortSignal): Promise<{ readonly id: string }>;
    get(id: string, signal: AbortSignal): Promise<StorageObject>;
    delete(id: string, signal: AbortSignal): Promise<void>;
    /** Restores into a new volume of that name; resolves to the new volume's id. */
    restore(id: string, volumeName: string, signal: AbortSignal): Promise<{ readonly volumeId: string }>;
  };
}

/** The HTTP status an API error carries (`status` or `statusCode`, also on its causes). */
export function httpStatus(err: unknown): number | undefined {
  for (let e = err, depth = 0; e !== null && typeof e === "object" && depth < 5; depth++) {
    const record = e as { status?: unknown; statusCode?: unknown; cause?: unknown };
    if (typeof record.status === "number") return record.status;
    if (typeof record.statusCode === "number") return record.statusCode;
    e = record.cause;
  }
  return undefined;
}
