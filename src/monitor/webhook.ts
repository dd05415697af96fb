import { oneLine } from "../errors.ts";
import { evaluateSubjects } from "./evaluation/subjects.ts";
import type { Monitor } from "./monitor.ts";

/** One change of a subject's verdict for a scope version, as POSTed to the webhook. */
export interface VerdictChange {
  subject: string;
  scope: string;
  scopeuuid: string;
  version: string;
  /** `pass` when the version is among the passed ones, else `fail`; null = not known before */
  before: "pass" | "fail" | null;
  after: "pass" | "fail";
  checked_at: string;
}

type Verdicts = Map<string, "pass" | "fail">; // `${scopeuuid} ${version}` → verdict

/**
 * Notifies a URL when a subject's verdict for a version changes through an upload. The verdicts
 * before the upload are computed first (so a restart loses nothing); delivery is fire-and-forget
 * with a timeout, and a failing receiver never affects uploads.
 */
export class VerdictWebhook {
  constructor(
    private readonly url: string,
    private readonly post: (url: string, body: string) => Promise<void> = defaultPost,
  ) {}

  async verdicts(monitor: Monitor, subjects: readonly string[]): Promise<Map<string, Verdicts>> {
    const evaluations = await evaluateSubjects(monitor.store, monitor.scopes, {
      subjects,
      includeDrafts: true,
      now: monitor.nowNaive(),
    });
    const out = new Map<string, Verdicts>();
    for (const s of subjects) {
      const v: Verdicts = new Map();
      for (const [uuid, e] of evaluations.get(s) ?? []) {
        for (const version of e.versions)
          v.set(`${uuid} ${version.name}`, e.passed.includes(version.name) ? "pass" : "fail");
      }
      out.set(s, v);
    }
    return out;
  }

  /** Compares and sends; returns the changes (for tests). */
  async notify(monitor: Monitor, before: Map<string, Verdicts>): Promise<VerdictChange[]> {
    const after = await this.verdicts(monitor, [...before.keys()]);
    const changes: VerdictChange[] = [];
    for (const [subject, verdicts] of after) {
      for (const [key, verdict] of verdicts) {
        const old = before.get(subject)?.get(key) ?? null;
        if (old === verdict) continue;
        const [scopeuuid, version] = key.split(" ") as [string, string];
        changes.push({
          subject,
          scope: monitor.scopes.get(scopeuuid)?.alias ?? scopeuuid,
          scopeuuid,
          version,
          before: old,
          after: verdict,
          checked_at: monitor.nowNaive(),
        });
      }
    }
    if (changes.length > 0) {
      await this.post(this.url, JSON.stringify({ changes })).catch((err) =>
        monitor.log(`monitor: webhook delivery failed: ${oneLine(err)}`),
      );
    }
    return changes;
  }
}

async function defaultPost(url: string, body: string): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}
