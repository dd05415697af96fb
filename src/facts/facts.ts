/**
 * Facts of one run: each is fetched on first use, at most once, and shared by every testcase that
 * needs it. A failed fetch is memoised too, so every dependent testcase ABORTs with the same reason.
 */
import { oneLine, ScsError } from "../errors.ts";
import type { LiveCloud } from "./live-cloud.ts";
import type { FactName, FactValues } from "./model.ts";

/** A loader may read other facts of the same run (the sample VM needs images and flavors). */
export type FactLoaders = {
  readonly [K in FactName]: (signal: AbortSignal, facts: Facts) => Promise<FactValues[K]>;
};

/** A fact could not be fetched; the message names the fact and the reason, never a secret. */
export class FactUnavailable extends ScsError {
  override readonly name = "FactUnavailable";
  readonly fact: FactName;

  constructor(fact: FactName, cause: unknown) {
    super(`could not read ${fact}: ${oneLine(cause)}`, { cause });
    this.fact = fact;
  }
}

export interface FactsOptions {
  readonly loaders: FactLoaders;
  /** The start of the run (image recency and build dates are judged against it). */
  readonly now: Date;
  /** Present for a live cloud: what testcases that create resources use. */
  readonly cloud?: LiveCloud;
  /** Aborts every fetch still under way (Ctrl-C, timeout of the run). */
  readonly signal?: AbortSignal;
  /** Where the facts come from, for messages: `cloud "lab-member"`, `snapshot lab.json`. */
  readonly origin: string;
}

export class Facts {
  readonly now: Date;
  readonly cloud: LiveCloud | undefined;
  readonly origin: string;
  readonly #loaders: FactLoaders;
  readonly #signal: AbortSignal;
  readonly #memo = new Map<FactName, Promise<unknown>>();

  constructor(options: FactsOptions) {
    this.now = options.now;
    this.cloud = options.cloud;
    this.origin = options.origin;
    this.#loaders = options.loaders;
    this.#signal = options.signal ?? new AbortController().signal;
  }

  /** The fact `name`, fetched on the first call; rejects with {@link FactUnavailable}. */
  get<K extends FactName>(name: K): Promise<FactValues[K]> {
    let fact = this.#memo.get(name);
    if (fact === undefined) {
      const load = this.#loaders[name] as (signal: AbortSignal, facts: Facts) => Promise<FactValues[K]>;
      fact = Promise.resolve()
        .then(() => load(this.#signal, this))
        .catch((err: unknown) => {
          throw err instanceof FactUnavailable ? err : new FactUnavailable(name, err);
        });
      // Nobody may be waiting yet when it fails; the rejection is kept for whoever asks.
      fact.catch(() => {});
      this.#memo.set(name, fact);
    }
    return fact as Promise<FactValues[K]>;
  }

  /** Starts fetching several facts at once (e.g. every fact the selected testcases need). */
  prefetch(names: Iterable<FactName>): void {
    for (const name of names) this.get(name);
  }

  /** The facts fetched (or being fetched) so far. */
  fetched(): FactName[] {
    return [...this.#memo.keys()];
  }
}
