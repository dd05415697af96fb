import { type Clock, systemClock } from "../clock.ts";
import { oneLine, ScsError } from "../errors.ts";
import { localTimestamp } from "../standards/timestamp.ts";
import { AccountDirectory } from "./auth/accounts.ts";
import { Authenticator, type AuthOptions } from "./auth/authenticator.ts";
import { loadBootstrap } from "./auth/bootstrap.ts";
import type { NewReport, Store } from "./db/store.ts";
import { EvaluationCache, KeyedCache } from "./evaluation/cache.ts";
import { BUILTIN_DATA, ScopeCatalog } from "./evaluation/scope-catalog.ts";
import { logLine } from "./log-line.ts";
import { MonitorMetrics } from "./metrics.ts";
import { Links } from "./views/links.ts";
import { loadOverviewSections, type OverviewSection } from "./views/overview.ts";
import { VerdictWebhook } from "./webhook.ts";

export interface MonitorOptions {
  store: Store;
  /** bootstrap file imported at start and on every reload */
  bootstrapPath?: string;
  /** prefix of generated links, ends with `/` */
  baseUrl?: string;
  /** where "now" comes from for validity and expiry (`--now` and tests pass a frozen one) */
  clock?: Clock;
  /** credentials that unlock the database error text on /healthz */
  healthCredentials?: { user: string; password: string };
  /** largest accepted upload body in bytes */
  maxUploadBytes?: number;
  /** where verdict changes are POSTed as JSON (optional) */
  webhookUrl?: string;
  /** how the webhook is delivered (tests replace it) */
  webhookPost?: (url: string, body: string) => Promise<void>;
  log?: (line: string) => void;
  /** folder with the scope files (`scs-*.yaml`), reloaded with the bootstrap; default: the built-in ones */
  scopeFolder?: string;
  /** the overview's environments (default: data/monitor-overview-entries.yaml) */
  overviewFile?: string;
  /** login defences: limits, clock and password verifier (tests); defaults fit production */
  auth?: Partial<AuthOptions>;
  /** peers (reverse proxies) whose X-Forwarded-For names the client address */
  trustedProxies?: readonly string[];
}

/** The running service's state: store, accounts in force, clock, metrics. Routes reach it via c.var. */
export class Monitor {
  readonly store: Store;
  readonly baseUrl: string;
  readonly maxUploadBytes: number;
  readonly metrics = new MonitorMetrics();
  /** password logins: off-loop hashing, cache of recent successes, throttling */
  readonly authenticator: Authenticator;
  readonly log: (line: string) => void;
  readonly clock: Clock;
  /** verdict-change notifications, when a webhook URL is configured */
  readonly webhook: VerdictWebhook | undefined;
  /** evaluations of every subject, until the next upload or day */
  readonly evaluations: EvaluationCache;
  /** rendered history pages, until the next upload or day */
  readonly histories = new KeyedCache<string>(200);
  private directory: AccountDirectory = new AccountDirectory([]);
  private catalog: ScopeCatalog = new ScopeCatalog([]);
  /** links under the base URL */
  readonly links: Links;
  /** the overview's environments */
  readonly overview: OverviewSection[];

  private constructor(readonly options: MonitorOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.baseUrl = options.baseUrl ?? "/";
    this.maxUploadBytes = options.maxUploadBytes ?? 16 * 1024 * 1024;
    const write = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.log = (line) => write(logLine(line));
    this.links = new Links(this.baseUrl);
    this.evaluations = new EvaluationCache(this.store, () => this.catalog);
    this.webhook =
      options.webhookUrl === undefined
        ? undefined
        : new VerdictWebhook(options.webhookUrl, options.webhookPost);
    this.overview = loadOverviewSections(options.overviewFile);
    const m = this.metrics;
    this.authenticator = new Authenticator(options.auth, {
      failed: () => m.authFailures.inc(),
      throttled: (which) => m.authThrottled.inc({ limit: which }),
      cacheHit: () => m.authCacheHits.inc(),
      busy: () => m.authBusy.inc(),
    });
    m.watchPasswordChecks(() => this.authenticator.gate.load);
  }

  /** Imports the bootstrap file (if any) and loads the accounts; the store is already migrated. */
  static async start(options: MonitorOptions): Promise<Monitor> {
    const monitor = new Monitor(options);
    await monitor.reload();
    return monitor;
  }

  get accounts(): AccountDirectory {
    return this.directory;
  }

  /** The scopes in force, with version validity frozen at the last (re)load. */
  get scopes(): ScopeCatalog {
    return this.catalog;
  }

  /** The monitor's "now": every page, badge, status and evaluation judges expiry against it. */
  now(): Date {
    return this.clock.now();
  }

  /** Naive local "now" in stored-timestamp form. */
  nowNaive(): string {
    return localTimestamp(this.now());
  }

  /** Stores reports; with a webhook, verdict changes they cause are notified afterwards. */
  async storeReports(reports: readonly NewReport[]): Promise<void> {
    const subjects = [...new Set(reports.map((r) => r.subject))];
    const before = this.webhook === undefined ? undefined : await this.webhook.verdicts(this, subjects);
    await this.store.insertReports(reports);
    for (const r of reports) this.metrics.reportsReceived.inc({ subject: r.subject });
    if (before !== undefined) {
      const sent = this.webhook!.notify(this, before).catch((err) => {
        this.log(`monitor: webhook failed: ${oneLine(err)}`);
        return [];
      });
      this.notifications = Promise.all([this.notifications, sent]).then(() => {});
    }
  }

  private notifications: Promise<void> = Promise.resolve();

  /** Resolves when every verdict comparison started so far has been made (tests, shutdown). */
  notified(): Promise<void> {
    return this.notifications;
  }

  /**
   * Re-reads the bootstrap file and reloads the accounts. A bad file is refused with an ScsError
   * and the configuration in force stays as it was (the import is one transaction).
   */
  async reload(): Promise<void> {
    const catalog = ScopeCatalog.load(this.options.scopeFolder ?? BUILTIN_DATA, this.now());
    const path = this.options.bootstrapPath;
    if (path !== undefined) {
      const bootstrap = await loadBootstrap(path);
      if (!bootstrap.empty) {
        try {
          await this.store.importAccounts(bootstrap.accounts);
        } catch (err) {
          throw new ScsError(`cannot import the bootstrap file ${path}: ${oneLine(err)}`, { cause: err });
        }
      }
    }
    this.directory = new AccountDirectory(await this.store.loadAccounts());
    this.authenticator.forget();
    this.catalog = catalog;
    this.evaluations.clear();
    this.histories.clear();
  }
}
