import type { Store } from "../db/store.ts";
import type { ScopeEvaluation } from "./evaluate.ts";
import type { ScopeCatalog } from "./scope-catalog.ts";
import { evaluateSubjects } from "./subjects.ts";

type All = Map<string, Map<string, ScopeEvaluation>>;

/**
 * The evaluation of every subject, kept until a report arrives (the store's generation changes,
 * whichever instance stored it) or the day changes (results expire only at midnight). Overview,
 * /status, metrics and badges read from here instead of re-evaluating per request.
 */
export class EvaluationCache {
  private entries = new Map<string, { key: string; value: Promise<All> }>();
  private readonly derived = new Map<string, { key: string; value: unknown }>();

  constructor(
    private readonly store: Store,
    private readonly scopes: () => ScopeCatalog,
  ) {}

  async all(
    includeDrafts: boolean,
    now: string,
    log?: (line: string) => void,
  ): Promise<{ key: string; value: All }> {
    const key = `${await this.store.generation()} ${now.slice(0, 10)}`;
    const slot = includeDrafts ? "drafts" : "stable";
    const hit = this.entries.get(slot);
    if (hit !== undefined && hit.key === key) return { key, value: await hit.value };
    const value = evaluateSubjects(this.store, this.scopes(), { includeDrafts, now, log });
    this.entries.set(slot, { key, value });
    value.catch(() => this.entries.delete(slot));
    return { key, value: await value };
  }

  /** Something computed from an evaluation (e.g. the /status body), cached under the same key. */
  memo<T>(name: string, key: string, compute: () => T): T {
    const hit = this.derived.get(name);
    if (hit !== undefined && hit.key === key) return hit.value as T;
    const value = compute();
    this.derived.set(name, { key, value });
    return value;
  }

  clear(): void {
    this.entries = new Map();
    this.derived.clear();
  }
}

/** A bounded map of values that stay valid while their key (e.g. generation and day) is unchanged. */
export class KeyedCache<T> {
  private readonly entries = new Map<string, { key: string; value: Promise<T> }>();
  constructor(private readonly capacity: number) {}

  async get(name: string, key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(name);
    if (hit !== undefined && hit.key === key) return hit.value;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    const value = compute();
    this.entries.set(name, { key, value });
    value.catch(() => this.entries.delete(name));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
