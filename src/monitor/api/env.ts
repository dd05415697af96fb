import type { Monitor } from "../monitor.ts";

/** What every route sees through `c.var`. */
export type MonitorEnv = { Variables: { monitor: Monitor } };
