import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";
import { SCHEMA_VERSION } from "./schema.ts";

export type Dialect = "sqlite" | "postgres";

// Any fixed number: several monitor instances starting together against one PostgreSQL take
// this advisory lock so only one of them creates the schema.
const MIGRATION_LOCK = 5_310_001;

/** Creates the schema if missing; idempotent and safe for concurrent starts on PostgreSQL. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed tables exist
export async function migrate(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await tx.schema
      .createTable("meta")
      .ifNotExists()
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
    const row = await tx.selectFrom("meta").select("value").where("key", "=", "version").executeTakeFirst();
    if (row?.value === SCHEMA_VERSION) return;
    if (row !== undefined) {
      throw new Error(`database schema version ${row.value} is not supported (expected ${SCHEMA_VERSION})`);
    }
    await createV1(tx, dialect);
    await tx.insertInto("meta").values({ key: "version", value: SCHEMA_VERSION }).execute();
  });
}

// biome-ignore lint/suspicious/noExplicitAny: see migrate()
async function createV1(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const idType = dialect === "postgres" ? "serial" : "integer";
  const pk = (c: ColumnDefinitionBuilder) =>
    dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement();
  const cascade = (table: string, column: string) => (c: ColumnDefinitionBuilder) =>
    c.notNull().references(`${table}.${column}`).onDelete("cascade").onUpdate("cascade");

  await db.schema
    .createTable("account")
    .addColumn("accountid", idType, pk)
    .addColumn("subject", "text", (c) => c.notNull().unique())
    .addColumn("roles", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("group", "text")
    .execute();
  await db.schema
    .createTable("apikey")
    .addColumn("apikeyid", idType, pk)
    .addColumn("apikeyhash", "text", (c) => c.notNull())
    .addColumn("accountid", "integer", cascade("account", "accountid"))
    .addUniqueConstraint("apikey_account_hash", ["accountid", "apikeyhash"])
    .execute();
  await db.schema
    .createTable("publickey")
    .addColumn("keyid", idType, pk)
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("keytype", "text", (c) => c.notNull())
    .addColumn("keyname", "text", (c) => c.notNull())
    .addColumn("accountid", "integer", cascade("account", "accountid"))
    .addUniqueConstraint("publickey_account_name", ["accountid", "keyname"])
    .execute();
  await db.schema
    .createTable("delegation")
    .addColumn("delegateid", "integer", cascade("account", "accountid"))
    .addColumn("accountid", "integer", cascade("account", "accountid"))
    .addUniqueConstraint("delegation_pair", ["delegateid", "accountid"])
    .execute();
  await db.schema
    .createTable("report")
    .addColumn("reportid", idType, pk)
    .addColumn("reportuuid", "text", (c) => c.notNull().unique())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("report_subject").on("report").columns(["subject", "checked_at"]).execute();
  await db.schema
    .createTable("result2")
    .addColumn("resultid", idType, pk)
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("scopeuuid", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("testcase", "text", (c) => c.notNull())
    .addColumn("result", "integer")
    .addColumn("approval", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reportid", "integer", cascade("report", "reportid"))
    .execute();
  await db.schema.createIndex("result2_checked_at").on("result2").column("checked_at").execute();
  await db.schema
    .createIndex("result2_history")
    .on("result2")
    // Covering: the history page reads a subject's rows from the index alone, however
    // scattered over the table they were written.
    .columns(["subject", "scopeuuid", "checked_at", "testcase", "result"])
    .execute();
  await db.schema.createIndex("result2_report").on("result2").columns(["reportid", "testcase"]).execute();
  await db.schema
    .createTable("latest_result")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("scopeuuid", "text", (c) => c.notNull())
    .addColumn("testcase", "text", (c) => c.notNull())
    .addColumn("result", "integer")
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addColumn("reportuuid", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("latest_result_pk", ["subject", "scopeuuid", "testcase"])
    .execute();
}
