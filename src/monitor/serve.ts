import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { oneLine } from "../errors.ts";
import { createApp } from "./api/app.ts";
import { openStore, redactUrl } from "./db/open.ts";
import { Monitor, type MonitorOptions } from "./monitor.ts";

export interface ServeOptions extends Omit<MonitorOptions, "store"> {
  /** SQLite file path or postgres:// URL */
  db: string;
  port: number;
  host?: string;
  /** reload on SIGHUP (the CLI sets it; tests may not want a process-wide handler) */
  handleSighup?: boolean;
}

export interface RunningMonitor {
  monitor: Monitor;
  url: string;
  close(): Promise<void>;
}

/** Opens the store, starts the monitor and listens; what `scs monitor serve` runs. */
export async function serveMonitor(options: ServeOptions): Promise<RunningMonitor> {
  const store = await openStore(options.db);
  let monitor: Monitor;
  try {
    monitor = await Monitor.start({ ...options, store });
  } catch (err) {
    await store.close();
    throw err;
  }
  const app = createApp(monitor);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host ?? "0.0.0.0" }, () =>
      resolve(s),
    );
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const host = options.host === undefined || options.host === "0.0.0.0" ? "127.0.0.1" : options.host;
  const url = `http://${host}:${address.port}/`;
  const onHup = () => {
    monitor.reload().then(
      () => monitor.log("monitor: configuration reloaded (SIGHUP)"),
      (err) => monitor.log(`monitor: reload refused, configuration unchanged: ${oneLine(err)}`),
    );
  };
  if (options.handleSighup) process.on("SIGHUP", onHup);
  monitor.log(`monitor: listening on ${url} (database ${redactUrl(options.db)})`);
  return {
    monitor,
    url,
    close: async () => {
      if (options.handleSighup) process.off("SIGHUP", onHup);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await monitor.notified();
      await store.close();
    },
  };
}
