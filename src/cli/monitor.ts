import { isIP } from "node:net";
import type { Command } from "commander";
import { frozenClock } from "../clock.ts";
import { UsageError } from "../errors.ts";
import { localMoment, localTimestamp, parseTimestamp } from "../standards/timestamp.ts";

/** `scs monitor serve` (the compliance monitor web service) and `scs monitor import`. */
export function registerMonitor(program: Command): void {
  const monitor = program
    .command("monitor")
    .description(
      "the compliance monitor web service, the import of a reference monitor's database, API key hashes",
    )
    .addHelpText(
      "after",
      `
Examples:
  scs monitor serve --bootstrap bootstrap.yaml                   SQLite, port 8080
  scs monitor serve --db postgres://monitor@db/monitor --port 8000
  scs monitor import --from postgres://postgres:PASSWORD@old-db:5432/postgres --db monitor.db
  scs monitor hash-key --key-file key.txt                        hash for a bootstrap entry`,
    );
  registerServe(monitor);
  registerImport(monitor);
  registerHashKey(monitor);
}

function registerHashKey(monitor: Command): void {
  monitor
    .command("hash-key")
    .description("hash an API key for the api_keys of a bootstrap file")
    .option("--key-file <FILE>", "read the API key from FILE (else from stdin, or asked twice on a terminal)")
    .option("--bcrypt", "bcrypt ($2b$) instead of argon2id")
    .addHelpText(
      "after",
      `
Examples:
  scs monitor hash-key                          asks for the key twice (no echo)
  scs monitor hash-key --key-file key.txt
  printf %s "$API_KEY" | scs monitor hash-key --bcrypt

Prints the hash (argon2id m=65536,t=3,p=4 as the reference writes, or bcrypt cost 12) on one
line, for a bootstrap entry: api_keys: ["<hash>"]. The key itself is never taken from the
command line. Exit status: 0 printed, 2 no key, keys typed differently.`,
    )
    .action(async (opts: { keyFile?: string; bcrypt?: boolean }) => {
      const { readApiKey } = await import("./secret-input.ts");
      const { hashApiKey } = await import("../monitor/auth/password-hash.ts");
      const key = await readApiKey(opts.keyFile);
      process.stdout.write(`${await hashApiKey(key, opts.bcrypt ? "bcrypt" : "argon2id")}\n`);
    });
}

function registerServe(monitor: Command): void {
  monitor
    .command("serve")
    .description("serve the compliance monitor: report uploads, results, status, pages, badges, metrics")
    .option("-p, --port <port>", "TCP port", "8080")
    .option("--host <address>", "address to listen on", "0.0.0.0")
    .option(
      "--db <path-or-url>",
      "SQLite file or postgres:// URL (env SCS_MONITOR_DB)",
      process.env["SCS_MONITOR_DB"] ?? "monitor.db",
    )
    .option("--bootstrap <file>", "accounts, keys and roles; reloaded on SIGHUP and POST /admin/reload")
    .option(
      "--base-url <prefix>",
      "prefix of generated links, ending with / (env SCM_BASE_URL)",
      process.env["SCM_BASE_URL"] ?? "/",
    )
    .option("--scopes <dir>", "folder with the scope files scs-*.yaml (default: the built-in ones)")
    .option("--overview <file>", "environments listed on the overview page (default: the built-in list)")
    .option("--webhook <url>", "POST verdict changes as JSON to this URL")
    .option("--max-upload <bytes>", "largest accepted request body (POST)", String(16 * 1024 * 1024))
    .option(
      "--trusted-proxy <address...>",
      "reverse proxy whose X-Forwarded-For names the client (failed logins are limited per client address)",
    )
    .option(
      "--now <timestamp>",
      "freeze the monitor's clock at this local time 'YYYY-MM-DD HH:MM:SS': every page, badge and status judges expiry as of then",
    )
    .addHelpText(
      "after",
      `
Examples:
  scs monitor serve --bootstrap bootstrap.yaml
      SQLite file monitor.db in the current folder, port 8080
  scs monitor serve --db postgres://monitor@db.example/monitor --bootstrap bootstrap.yaml --port 8000
      PostgreSQL; several instances may share one database behind a load balancer
  scs monitor serve --bootstrap bootstrap.yaml --host 127.0.0.1 --trusted-proxy 127.0.0.1
      behind a reverse proxy on the same host that sets X-Forwarded-For
  kill -HUP <pid>
      reload bootstrap and scopes; a bad file is refused and the old configuration stays
  scs monitor serve --db copy-of-production.db --now '2026-11-22 12:00:00' --port 8081
      the pages as they were at noon on 2026-11-22 (demos, reproducing a past page, tests)

Environment: SCM_HC_USER and SCM_HC_PASSWORD unlock the database error text on /healthz.
Exit status: 0 after a clean stop (SIGINT/SIGTERM), 2 when the service cannot start.`,
    )
    .action(async (opts: Record<string, string | undefined> & { trustedProxy?: string[] }) => {
      const port = Number(opts["port"]);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0..65535, got ${opts["port"]}`);
      const baseUrl = opts["baseUrl"] ?? "/";
      if (!baseUrl.endsWith("/")) throw new UsageError(`--base-url must end with "/", got ${baseUrl}`);
      const maxUpload = Number(opts["maxUpload"]);
      if (!Number.isInteger(maxUpload) || maxUpload < 1)
        throw new UsageError("--max-upload must be a positive number of bytes");
      const trustedProxies = opts.trustedProxy ?? [];
      const notAddress = trustedProxies.find((a) => isIP(a) === 0);
      if (notAddress !== undefined)
        throw new UsageError(`--trusted-proxy must be an IP address, got ${notAddress}`);
      const clock = opts["now"] === undefined ? undefined : frozenClock(frozenNow(opts["now"]));
      const { serveMonitor } = await import("../monitor/serve.ts");
      const user = process.env["SCM_HC_USER"];
      const password = process.env["SCM_HC_PASSWORD"];
      const running = await serveMonitor({
        db: opts["db"]!,
        port,
        host: opts["host"],
        bootstrapPath: opts["bootstrap"],
        baseUrl,
        scopeFolder: opts["scopes"],
        overviewFile: opts["overview"],
        webhookUrl: opts["webhook"],
        maxUploadBytes: maxUpload,
        trustedProxies,
        healthCredentials: user !== undefined && password !== undefined ? { user, password } : undefined,
        handleSighup: true,
        ...(clock === undefined ? {} : { clock }),
      });
      if (clock !== undefined)
        running.monitor.log(`monitor: clock frozen at ${localTimestamp(clock.now())} (--now)`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          running.close().then(resolve, resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}

function registerImport(monitor: Command): void {
  monitor
    .command("import")
    .description("copy a reference compliance monitor's PostgreSQL database (schema v4) into ours")
    .requiredOption("--from <url>", "the reference monitor's database: postgres://USER:PASSWORD@HOST:PORT/DB")
    .option(
      "--db <path-or-url>",
      "our database, as for serve: SQLite file or postgres:// URL (env SCS_MONITOR_DB)",
      process.env["SCS_MONITOR_DB"] ?? "monitor.db",
    )
    .addHelpText(
      "after",
      `
Copies accounts (roles, group, API key hashes, public keys, delegations), reports and their
results (with approvals) into our database, creating its schema if needed, and derives the newest
result per testcase exactly as uploads do. One transaction: all or nothing. Accounts whose subject
and reports whose uuid are already there are skipped, so running it again changes nothing.
The reference database is only read (one snapshot); it must be at schema version v4, which the
reference monitor migrates to by itself when it starts. Stop our monitor (or at least its uploads)
during the import: on SQLite the import refuses to start while another process writes, and an
upload arriving during it waits at most 10 s, then fails; on PostgreSQL uploads may wait until the
import commits.

Examples:
  scs monitor import --from postgres://postgres:PASSWORD@old-db:5432/postgres --db monitor.db
      into the SQLite file monitor.db, then: scs monitor serve --db monitor.db
      (no --bootstrap: serve --bootstrap deletes every account the file does not list, so
      a bootstrap file kept afterwards must list all imported accounts that should stay)
  scs monitor import --from postgres://postgres:PASSWORD@old-db/postgres --db postgres://monitor@db/monitor

Prints one summary line (imported and skipped accounts, keys, delegations, reports, results);
progress goes to stderr. Exit status: 0 when imported, 2 when refused or failed (nothing written).`,
    )
    .action(async (opts: { from: string; db: string }) => {
      const { importReferenceDatabase, formatSummary } = await import("../monitor/import-reference.ts");
      const summary = await importReferenceDatabase({
        from: opts.from,
        db: opts.db,
        progress: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${formatSummary(summary, opts.from)}\n`);
    });
}

/** The moment of `--now`: a real local time `YYYY-MM-DD HH:MM:SS` (the seconds may be left out). */
function frozenNow(text: string): Date {
  const full = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d$/.test(text) ? `${text}:00` : text;
  if (parseTimestamp(full) === undefined)
    throw new UsageError(`--now must be a real local time 'YYYY-MM-DD HH:MM:SS', got '${text.slice(0, 40)}'`);
  return localMoment(full);
}
