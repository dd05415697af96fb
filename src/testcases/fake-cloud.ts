/**
 * An in-memory stand-in for the resource APIs, for unit tests of the control flow of the testcases
 * that create resources (cleanup on failure and on interruption). Behaviour against a real cloud
 * is tested on the lab (test/testcases/).
 */
import type { LiveCloud, Secret, SecurityGroup, StorageObject } from "../facts/live-cloud.ts";

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Cinder's way of writing created_at: UTC without a zone. */
const cinderNow = (): string => new Date().toISOString().replace("Z", "");

const view = ({ id, name, status, createdAt }: Stored): StorageObject => ({
  id,
  name,
  status,
  ...(createdAt ? { createdAt } : {}),
});

interface Stored extends StorageObject {
  /** Reads left until the object becomes `available`. */
  pending: number;
  status: string;
}

export interface FakeOptions {
  /** Reads of a volume/backup before it becomes available. */
  readonly delay?: number;
  /** Status a new backup ends in (e.g. `error`). */
  readonly backupStatus?: string;
  /** Throw this from the named operation, e.g. `{ "secrets.create": new HttpError(403, "Forbidden") }`. */
  readonly faults?: Record<string, Error>;
  readonly defaultGroupRules?: SecurityGroup["rules"];
  /** The secret listing leaves out created secrets (Barbican quirk seen by the reference). */
  readonly hideSecrets?: boolean;
}

export class FakeCloud implements LiveCloud {
  readonly volumeStore = new Map<string, Stored>();
  readonly backupStore = new Map<string, Stored>();
  readonly secretStore = new Map<string, Secret>();
  readonly groupStore = new Map<string, SecurityGroup>();
  /** Every call, in order, e.g. `volumes.create scs-test-volume`. */
  readonly calls: string[] = [];
  #next = 0;

  constructor(readonly options: FakeOptions = {}) {}

  #op(name: string, detail = ""): void {
    this.calls.push(detail ? `${name} ${detail}` : name);
    const fault = this.options.faults?.[name];
    if (fault) throw fault;
  }

  #id(prefix: string): string {
    return `${prefix}-${++this.#next}`;
  }

  /** Volumes, backups and restores all start as Cinder starts them: not yet available, stamped now. */
  #add(store: Map<string, Stored>, prefix: string, name: string, status = "creating"): string {
    const id = this.#id(prefix);
    store.set(id, { id, name, status, pending: this.options.delay ?? 2, createdAt: cinderNow() });
    return id;
  }

  #read(store: Map<string, Stored>, id: string, finalStatus = "available"): StorageObject {
    const object = store.get(id);
    if (!object) throw new HttpError(404, `${id} not found`);
    if (object.pending > 0 && --object.pending === 0) object.status = finalStatus;
    return view(object);
  }

  readonly securityGroups: LiveCloud["securityGroups"] = {
    create: async (name) => {
      this.#op("securityGroups.create", name);
      const id = this.#id("sg");
      const rules = this.options.defaultGroupRules ?? [
        { direction: "egress", ethertype: "IPv4" },
        { direction: "egress", ethertype: "IPv6" },
      ];
      this.groupStore.set(id, { id, name, rules });
      return { id };
    },
    get: async (id) => {
      this.#op("securityGroups.get", id);
      const group = this.groupStore.get(id);
      if (!group) throw new HttpError(404, "no such group");
      return group;
    },
    delete: async (id) => {
      this.#op("securityGroups.delete", id);
      this.groupStore.delete(id);
    },
  };

  readonly secrets: LiveCloud["secrets"] = {
    list: async () => {
      this.#op("secrets.list");
      return this.options.hideSecrets ? [] : [...this.secretStore.values()];
    },
    create: async (secret) => {
      this.#op("secrets.create", secret.name);
      const id = this.#id("secret");
      this.secretStore.set(id, { id, name: secret.name });
      return { id };
    },
    delete: async (id) => {
      this.#op("secrets.delete", id);
      if (!this.secretStore.delete(id)) throw new HttpError(404, "no such secret");
    },
  };

  readonly volumes: LiveCloud["volumes"] = {
    list: async () => {
      this.#op("volumes.list");
      return [...this.volumeStore.values()].map(view);
    },
    create: async (name) => {
      this.#op("volumes.create", name);
      return { id: this.#add(this.volumeStore, "vol", name) };
    },
    get: async (id) => {
      this.#op("volumes.get", id);
      return this.#read(this.volumeStore, id);
    },
    delete: async (id) => {
      this.#op("volumes.delete", id);
      if (!this.volumeStore.delete(id)) throw new HttpError(404, "no such volume");
    },
  };

  readonly backups: LiveCloud["backups"] = {
    list: async () => {
      this.#op("backups.list");
      return [...this.backupStore.values()].map(view);
    },
    create: async (volumeId, name) => {
      this.#op("backups.create", name);
      if (!this.volumeStore.has(volumeId)) throw new HttpError(404, "no such volume");
      return { id: this.#add(this.backupStore, "backup", name) };
    },
    get: async (id) => {
      this.#op("backups.get", id);
      return this.#read(this.backupStore, id, this.options.backupStatus);
    },
    delete: async (id) => {
      this.#op("backups.delete", id);
      if (!this.backupStore.delete(id)) throw new HttpError(404, "no such backup");
    },
    restore: async (id, volumeName) => {
      this.#op("backups.restore", volumeName);
      if (!this.backupStore.has(id)) throw new HttpError(404, "no such backup");
      return { volumeId: this.#add(this.volumeStore, "vol", volumeName, "restoring-backup") };
    },
  };
}
