import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ScsError } from "../../errors.ts";
import {
  formatIssue,
  type IsoDate,
  localIsoDate,
  parseScope,
  type Scope,
  type ScopeVersion,
  standings,
  type Validity,
} from "../../standards/scope/index.ts";

/** The package's own data folder (scope files shipped with scs), from src/ and from dist/. */
export const BUILTIN_DATA = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "data");

/** A version explicitly valid on the load date, with its validity frozen at load time. */
export interface ValidVersion {
  version: ScopeVersion;
  validity: Validity;
}

/** A scope as the monitor holds it: parsed, with the versions valid on the day it was loaded. */
export interface MonitorScope {
  scope: Scope;
  /** file name without `.yaml`, e.g. `scs-compatible-iaas` */
  alias: string;
  loadedOn: IsoDate;
  /** explicitly valid versions in file order (drafts included) */
  valid: ValidVersion[];
}

/** Every scope the monitor knows, by uuid and alias. Validity is frozen at load, like the reference. */
export class ScopeCatalog {
  private readonly byUuid = new Map<string, MonitorScope>();
  private readonly byAlias = new Map<string, MonitorScope>();

  constructor(scopes: readonly MonitorScope[]) {
    for (const s of scopes) {
      this.byUuid.set(s.scope.uuid, s);
      this.byAlias.set(s.alias, s);
    }
  }

  /** Loads every `scs-*.yaml` of a folder, in sorted order; any invalid file refuses the whole set. */
  static load(folder: string, today: Date): ScopeCatalog {
    let names: string[];
    try {
      names = readdirSync(folder)
        .filter((n) => n.startsWith("scs-") && n.endsWith(".yaml"))
        .sort();
    } catch (err) {
      throw new ScsError(`cannot read the scope folder ${folder}: ${(err as Error).message}`, { cause: err });
    }
    const scopes: MonitorScope[] = [];
    for (const name of names) {
      const path = join(folder, name);
      const text = readFileSync(path, "utf8");
      // Only files that look like scopes (image specs etc. share the prefix in data/).
      if (!/^\s*(uuid|name|url|versions|modules):/m.test(text) || !/^versions:/m.test(text)) continue;
      const parsed = parseScope(text);
      if (!parsed.ok) {
        throw new ScsError(`invalid scope file ${formatIssue(parsed.issues[0]!, path)}`);
      }
      scopes.push(monitorScope(parsed.value, basename(name, ".yaml"), today));
    }
    return new ScopeCatalog(scopes);
  }

  /** By uuid or alias (`scs-compatible-iaas`). */
  get(key: string): MonitorScope | undefined {
    return this.byUuid.get(key) ?? this.byAlias.get(key);
  }

  all(): MonitorScope[] {
    return [...this.byUuid.values()];
  }
}

export function monitorScope(scope: Scope, alias: string, today: Date): MonitorScope {
  const loadedOn = localIsoDate(today);
  const valid = standings(scope, loadedOn)
    .filter((s) => s.explicit)
    .map((s) => ({ version: s.version, validity: s.validity }));
  return { scope, alias, loadedOn, valid };
}
