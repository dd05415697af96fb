/** What the monitor benchmarks share: report documents like the check writes, the server process. */

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { BUILTIN_DATA, ScopeCatalog } from "../../src/monitor/evaluation/scope-catalog.ts";

export const IAAS = "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f";
export const PG_URL = process.env["SCS_TEST_POSTGRES_URL"] ?? "postgres://scs:scs@127.0.0.1:5433/scs_test";

// 58 results per report: v5.1's main target plus testcases of the draft version.
const catalog = ScopeCatalog.load(BUILTIN_DATA, new Date());
const iaas = catalog.get("scs-compatible-iaas")!;
export const ids = [
  ...new Set([
    ...iaas.valid.flatMap((v) => [...(v.version.targets.get("main") ?? [])]),
    ...iaas.scope.testcases.keys(),
  ]),
].slice(0, 58);
export const subject = (i: number) => `bench-${String(i).padStart(3, "0")}`;

export function reportFor(
  s: string,
  uuid: string,
  checkedAt: string,
  day: number,
): { doc: string; results: Record<string, number> } {
  const results: Record<string, number> = {};
  ids.forEach((id, k) => {
    // A few failures and aborts that move over time, so history has changes to show.
    results[id] = (day + k) % 97 === 0 ? -1 : (day + k) % 89 === 0 ? 0 : 1;
  });
  const doc = {
    spec: {
      uuid: IAAS,
      name: "SCS-compatible IaaS",
      url: "https://example.invalid/scs-compatible-iaas.yaml",
    },
    checked_at: checkedAt.replace("T", " "),
    reference_date: checkedAt.slice(0, 10),
    subject: s,
    run: {
      uuid,
      argv: ["-s", s, "-a", `os_cloud=${s}`, "scs-compatible-iaas.yaml"],
      assignment: { os_cloud: s },
      sections: null,
      forced_version: null,
      forced_tests: null,
      invocations: {
        [`inv-${uuid}`]: {
          id: `inv-${uuid}`,
          cmd: `./iaas/openstack_test.py -c ${s} ${ids.join(" ")}`,
          results,
          rc: 0,
          stdout: ids.map(
            (id) => `${id}: ${results[id] === 1 ? "PASS" : results[id] === 0 ? "ABORT" : "FAIL"}`,
          ),
          stderr: ["INFO: checking", "WARNING: something to look at"],
          info: 1,
          warning: 1,
          error: 0,
          critical: 0,
        },
      },
    },
  };
  return { doc: JSON.stringify(doc), results };
}

/** `scs monitor serve` in its own process, so the load generator does not share its core. */
export async function startServer(
  db: string,
  dir: string,
  extraArgs: string[] = [],
): Promise<{ url: string; close: () => Promise<void> }> {
  const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      main,
      "monitor",
      "serve",
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--db",
      db,
      "--bootstrap",
      join(dir, "bootstrap.yaml"),
      "--overview",
      join(dir, "overview.yaml"),
      ...extraArgs,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (d) => {
      stderr += d;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.on("exit", () => reject(new Error(`server exited: ${stderr}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/**
 * A fresh store for one run: a SQLite file in a temporary folder, or a private schema of the test
 * PostgreSQL; `dispose` removes either.
 */
export async function benchStore(
  kind: string,
  name: string,
): Promise<{ dir: string; location: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `scs-monitor-${name}-`));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (kind !== "postgres")
    return { dir, location: join(dir, `${name}.db`), dispose: async () => removeDir() };
  const schema = `${name}_${process.pid}`;
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await sql(`create schema ${schema}`);
  const u = new URL(PG_URL);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return {
    dir,
    location: u.toString(),
    dispose: async () => {
      await sql(`drop schema ${schema} cascade`);
      removeDir();
    },
  };
}
