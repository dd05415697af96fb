import type { Account } from "../db/store.ts";
import type { Monitor } from "../monitor.ts";

/** What every route sees through `c.var`; `account` once a request has authenticated. */
export type MonitorEnv = { Variables: { monitor: Monitor; account?: Account } };
