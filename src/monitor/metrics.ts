import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

let processRegistry: Registry | undefined;

/**
 * Event-loop lag, memory, CPU and handles of this process, registered once however many
 * monitors the process runs (tests start dozens): they describe the process, not a monitor.
 */
function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The monitor's Prometheus series: uploads, verdicts, request latency, login defences. */
export class MonitorMetrics {
  private readonly registry = new Registry();
  private readonly registers = [this.registry];

  readonly reportsReceived = new Counter({
    name: "scs_monitor_reports_received_total",
    help: "reports stored, by subject",
    labelNames: ["subject"] as const,
    registers: this.registers,
  });
  readonly uploadsRejected = new Counter({
    name: "scs_monitor_uploads_rejected_total",
    help: "refused uploads, by HTTP status",
    labelNames: ["status"] as const,
    registers: this.registers,
  });
  readonly requestDuration = new Histogram({
    name: "scs_monitor_request_duration_seconds",
    help: "HTTP request latency",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: this.registers,
  });
  readonly subjectResult = new Gauge({
    name: "scs_monitor_subject_result",
    help: "scope result per subject: 1 pass, 0 passed with aborted tests, -1 fail, NaN results missing",
    labelNames: ["scope", "subject"] as const,
    registers: this.registers,
  });
  readonly subjectVersionPassed = new Gauge({
    name: "scs_monitor_subject_version_passed",
    help: "1 if the subject passes the scope version",
    labelNames: ["scope", "subject", "version"] as const,
    registers: this.registers,
  });
  readonly authFailures = new Counter({
    name: "scs_monitor_auth_failures_total",
    help: "logins refused for a wrong password or an unknown user",
    registers: this.registers,
  });
  readonly authThrottled = new Counter({
    name: "scs_monitor_auth_throttled_total",
    help: "logins answered 429 because of too many failures, by the limit that was reached",
    labelNames: ["limit"] as const,
    registers: this.registers,
  });
  readonly authCacheHits = new Counter({
    name: "scs_monitor_auth_cache_hits_total",
    help: "logins accepted from the cache of recent verifications, without hashing",
    registers: this.registers,
  });
  readonly authBusy = new Counter({
    name: "scs_monitor_auth_busy_total",
    help: "logins answered 503 because too many password checks were waiting",
    registers: this.registers,
  });
  private passwordCheckLoad = () => ({ running: 0, waiting: 0 });
  readonly passwordChecks = new Gauge({
    name: "scs_monitor_password_checks",
    help: "password hash checks running and waiting for a turn",
    labelNames: ["state"] as const,
    registers: this.registers,
    collect: () => {
      const { running, waiting } = this.passwordCheckLoad();
      this.passwordChecks.set({ state: "running" }, running);
      this.passwordChecks.set({ state: "waiting" }, waiting);
    },
  });

  /** Reads the password-check gate at every scrape. */
  watchPasswordChecks(load: () => { running: number; waiting: number }): void {
    this.passwordCheckLoad = load;
  }

  /** The text exposition of this monitor's series and the process's. */
  render(): Promise<string> {
    return Registry.merge([processMetrics(), this.registry]).metrics();
  }

  readonly contentType = this.registry.contentType;
}
