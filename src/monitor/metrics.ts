/** Counters and a latency histogram, rendered in the Prometheus text format. */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  private readonly latency = new Map<string, { counts: number[]; sum: number; count: number }>();

  count(name: string, labels: Record<string, string> = {}, by = 1): void {
    const key = `${name}${labelText(labels)}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  observe(route: string, method: string, seconds: number): void {
    const key = labelText({ method, route });
    let h = this.latency.get(key);
    if (h === undefined) {
      h = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.latency.set(key, h);
    }
    this.buckets.forEach((b, i) => {
      if (seconds <= b) h.counts[i]! += 1;
    });
    h.sum += seconds;
    h.count += 1;
  }

  /** The text exposition; `gauges` are computed by the caller at scrape time. */
  render(
    gauges: { name: string; help: string; values: { labels: Record<string, string>; value: number }[] }[],
  ): string {
    const out: string[] = [];
    const names = new Map<string, string[]>();
    for (const [key, value] of this.counters) {
      const name = key.replace(/\{.*$/, "");
      names.set(name, [...(names.get(name) ?? []), `${key} ${value}`]);
    }
    for (const [name, lines] of [...names].sort()) {
      out.push(`# HELP ${name} ${HELP[name] ?? name}`, `# TYPE ${name} counter`, ...lines.sort());
    }
    out.push(
      "# HELP scs_monitor_request_duration_seconds HTTP request latency",
      "# TYPE scs_monitor_request_duration_seconds histogram",
    );
    for (const [labels, h] of [...this.latency].sort()) {
      const inner = labels.slice(1, -1);
      this.buckets.forEach((b, i) => {
        out.push(`scs_monitor_request_duration_seconds_bucket{${inner},le="${b}"} ${h.counts[i]}`);
      });
      out.push(`scs_monitor_request_duration_seconds_bucket{${inner},le="+Inf"} ${h.count}`);
      out.push(`scs_monitor_request_duration_seconds_sum${labels} ${h.sum}`);
      out.push(`scs_monitor_request_duration_seconds_count${labels} ${h.count}`);
    }
    for (const g of gauges) {
      out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const v of g.values) out.push(`${g.name}${labelText(v.labels)} ${v.value}`);
    }
    return `${out.join("\n")}\n`;
  }
}

const HELP: Record<string, string> = {
  scs_monitor_reports_received_total: "reports stored, by subject",
  scs_monitor_uploads_rejected_total: "refused uploads, by HTTP status",
};

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}
