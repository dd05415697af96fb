import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { frozenClock } from "../../src/clock.ts";
import { createApp } from "../../src/monitor/api/app.ts";
import { openStore } from "../../src/monitor/db/open.ts";
import type { Store } from "../../src/monitor/db/store.ts";
import { Monitor, type MonitorOptions } from "../../src/monitor/monitor.ts";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "monitor");
export const fixture = (name: string) => join(FIXTURES, name);
export const fixtureBytes = (name: string) => readFileSync(fixture(name));

export const POSTGRES_URL =
  process.env["SCS_TEST_POSTGRES_URL"] ?? "postgres://scs:scs@127.0.0.1:5433/scs_test";

let postgresUp: boolean | undefined;
/** Whether the test PostgreSQL answers (scripts/postgres/up.sh provides it). */
export async function postgresAvailable(): Promise<boolean> {
  if (postgresUp !== undefined) return postgresUp;
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    postgresUp = true;
  } catch {
    postgresUp = false;
  } finally {
    await client.end().catch(() => {});
  }
  return postgresUp;
}

export const sshKeygenAvailable = spawnSync("ssh-keygen", ["-?"], { stdio: "ignore" }).error === undefined;

export type DialectName = "sqlite" | "postgres";
export const DIALECTS: DialectName[] = ["sqlite", "postgres"];

/**
 * A fresh, empty store: a SQLite file in a temp folder, or a private schema in the test
 * PostgreSQL (so test files running in parallel never see each other's rows).
 */
export async function freshStore(
  dialect: DialectName,
): Promise<{ store: Store; dispose: () => Promise<void>; url?: string }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "scs-monitor-test-"));
    const store = await openStore(join(dir, "monitor.db"));
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const store = await openStore(url.toString(), { poolSize: 20 });
  return {
    store,
    url: url.toString(),
    dispose: async () => {
      await store.close().catch(() => {});
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** A monitor over a fresh store with the example bootstrap, and its app. */
export async function startMonitor(dialect: DialectName, options: Partial<MonitorOptions> = {}) {
  const { store, dispose } = await freshStore(dialect);
  const logs: string[] = [];
  const monitor = await Monitor.start({
    store,
    bootstrapPath: fixture("bootstrap-example.yaml"),
    clock: frozenClock(new Date(2026, 10, 21, 12, 0, 0)),
    log: (line) => logs.push(line),
    ...options,
  });
  const app = createApp(monitor);
  return { monitor, app, store, logs, dispose };
}

/** A monitor (the test overview) holding the signed sample report, where the page tests start. */
export async function startMonitorWithSample(dialect: DialectName) {
  const h = await startMonitor(dialect, { overviewFile: fixture("overview-test.yaml") });
  const res = await h.app.request("/reports", {
    method: "POST",
    body: fixtureBytes("report-example.body"),
    headers: { "content-type": "application/x-signed-yaml", authorization: CLOUD },
  });
  if (res.status !== 200) throw new Error(`the sample report was refused: ${res.status} ${await res.text()}`);
  return h;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export const CLOUD = basic("example-cloud", "example-secret");
export const ROBOT = basic("example-robot", "robot-secret");
export const ADMIN = basic("example-admin", "admin-secret");

/** A throw-away SSH key made by the real ssh-keygen, and a signer using `ssh-keygen -Y sign`. */
export class SshKey {
  readonly dir = mkdtempSync(join(tmpdir(), "scs-monitor-key-"));
  readonly path = join(this.dir, "key");
  constructor(type: "ed25519" | "ecdsa" | "rsa" = "ed25519", bits?: number) {
    execFileSync("ssh-keygen", [
      "-q",
      "-t",
      type,
      ...(bits ? ["-b", String(bits)] : []),
      "-N",
      "",
      "-C",
      "test",
      "-f",
      this.path,
    ]);
  }

  /** `{public_key, public_key_type}` for a bootstrap file. */
  get publicKey(): { type: string; blob: string } {
    const [type, blob] = readFileSync(`${this.path}.pub`, "utf8").trim().split(/\s+/);
    return { type: type!, blob: blob! };
  }

  /** The armoured signature of `data` under `namespace`, by `ssh-keygen -Y sign`. */
  sign(data: Buffer | string, namespace = "report"): string {
    const file = join(this.dir, `data-${Math.random().toString(36).slice(2)}`);
    writeFileSync(file, data);
    execFileSync("ssh-keygen", ["-q", "-Y", "sign", "-f", this.path, "-n", namespace, file], {
      stdio: "ignore",
    });
    const sig = readFileSync(`${file}.sig`, "utf8");
    rmSync(file);
    rmSync(`${file}.sig`);
    return sig;
  }

  /** The HTTP body of an upload: signature, `&`, data. */
  body(data: Buffer | string, namespace = "report"): Buffer {
    return Buffer.concat([Buffer.from(this.sign(data, namespace)), Buffer.from("&"), Buffer.from(data)]);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A minimal current-format report for `subject` with the given results. */
export function reportYaml(opts: {
  subject: string;
  uuid: string;
  checkedAt?: string;
  results?: Record<string, number>;
  scope?: string;
}): string {
  const results = opts.results ?? { "scs-0100-syntax-check": 1, "scs-0100-semantics-check": -1 };
  const lines = Object.entries(results).map(([k, v]) => `        ${k}: ${v}`);
  return [
    "---",
    "spec:",
    `  uuid: ${opts.scope ?? "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f"}`,
    "  name: SCS-compatible IaaS",
    "  url: https://example.invalid/scs-compatible-iaas.yaml",
    `checked_at: ${opts.checkedAt ?? "2026-11-20 10:00:00.000001"}`,
    "reference_date: 2026-11-20",
    `subject: ${opts.subject}`,
    "run:",
    `  uuid: ${opts.uuid}`,
    "  argv: []",
    "  assignment: {}",
    "  sections: null",
    "  forced_version: null",
    "  forced_tests: null",
    "  invocations:",
    "    inv-1:",
    "      id: inv-1",
    "      cmd: ./iaas/openstack_test.py",
    "      results:",
    ...lines,
    "      rc: 0",
    "      stdout: []",
    "      stderr: []",
    "      info: 0",
    "      warning: 0",
    "      error: 0",
    "      critical: 0",
    "",
  ].join("\n");
}
