import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { ScsError } from "../../errors.ts";
import { KyselyStore } from "./kysely-store.ts";
import type { MonitorTables } from "./schema.ts";
import type { Store } from "./store.ts";

/** True when the location names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * Opens (and migrates) the store at a SQLite path (`:memory:` for a throw-away one) or a
 * `postgres://` URL. Errors become one-line ScsErrors without the password of the URL.
 */
export async function openStore(location: string, options: { poolSize?: number } = {}): Promise<Store> {
  const store = isPostgresUrl(location)
    ? openPostgres(location, options.poolSize ?? 10)
    : openSqlite(location);
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    throw new ScsError(`cannot open the monitor database ${redactUrl(location)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return store;
}

function openSqlite(path: string): Store {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
  } catch (err) {
    throw new ScsError(`cannot open the SQLite database ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (path !== ":memory:") sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 10000");
  // The default 2 MB page cache thrashes on a few million results; 64 MB keeps the indexes warm.
  sqlite.pragma("cache_size = -65536");
  // Reads through mmap avoid a system call per page once the history outgrows the page cache.
  if (path !== ":memory:") sqlite.pragma("mmap_size = 1073741824");
  sqlite.pragma("temp_store = MEMORY");
  // Checkpoints (the only fsyncs in WAL mode with synchronous=NORMAL) every ~40 MB, not every 4 MB.
  sqlite.pragma("wal_autocheckpoint = 10000");
  return new KyselyStore(
    new Kysely<MonitorTables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
    "sqlite",
  );
}

// Kysely prepares every query anew; the monitor runs a handful of distinct statements, so
// keeping them prepared saves a parse per query on the upload path.
const STATEMENT_CACHE = 200;

function withStatementCache(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (source: string) => {
      let statement = cache.get(source);
      if (statement === undefined) {
        statement = sqlite.prepare(source);
        if (cache.size >= STATEMENT_CACHE) cache.clear();
        cache.set(source, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the service; the next query reconnects.
  pool.on("error", () => {});
  // Nor may a checked-out one, idle inside a long transaction (`scs monitor import`): its next
  // query fails with the reason instead.
  pool.on("connect", (client) => client.on("error", () => {}));
  return new KyselyStore(new Kysely<MonitorTables>({ dialect: new PostgresDialect({ pool }) }), "postgres");
}

// Query parameters a libpq-style URL may carry a secret in (pg reads every parameter of the URL).
const SECRET_PARAMETERS = new Set(["password", "sslpassword"]);

/**
 * The URL without its password, for messages: the password of the user part becomes `***`, and so
 * do the values of the `password` and `sslpassword` query parameters. When the URL cannot be
 * parsed (a password with an unencoded `/`, a broken host, …), everything from `//` to the last `@`
 * becomes `***@`, so a password containing `@` or `:` never shows. A SQLite path (no `//`) is kept.
 */
export function redactUrl(location: string): string {
  if (!location.includes("//")) return location;
  let url: URL | undefined;
  try {
    url = new URL(location);
  } catch {
    url = undefined;
  }
  if (url === undefined || !url.href.includes("//")) {
    const at = location.lastIndexOf("@");
    const start = location.indexOf("//");
    const redacted = at > start ? `${location.slice(0, start + 2)}***${location.slice(at)}` : location;
    return redacted.replace(/([?&](?:ssl)?password=)[^&#]*/gi, "$1***");
  }
  if (url.password !== "") url.password = "***";
  if (url.search !== "") {
    const query = url.search
      .slice(1)
      .split("&")
      .map((part) => {
        const eq = part.indexOf("=");
        if (eq < 0) return part;
        let key: string;
        try {
          key = decodeURIComponent(part.slice(0, eq).replace(/\+/g, " "));
        } catch {
          key = part.slice(0, eq);
        }
        return SECRET_PARAMETERS.has(key.toLowerCase()) ? `${part.slice(0, eq)}=***` : part;
      });
    url.search = `?${query.join("&")}`;
  }
  return url.href;
}
