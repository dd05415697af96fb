import { availableParallelism } from "node:os";

/** The gate is full: the caller answers 503 and the client retries later. */
export class GateFullError extends Error {
  constructor() {
    super("too many password checks waiting");
    this.name = "GateFullError";
  }
}

/**
 * Bounds the password checks running at once (each bcrypt/argon2 costs a core for 100+ ms and
 * argon2 up to 100 MiB) and the checks waiting for a turn. One core stays free for the event
 * loop, so pages and /healthz keep answering while a flood of logins is hashed.
 */
export class VerificationGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency = Math.max(1, availableParallelism() - 1),
    readonly maxWaiting = 32,
  ) {}

  /** Runs `task` when a slot is free; throws GateFullError at once when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new GateFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = this.waiting.shift();
      if (next === undefined) this.running -= 1;
      else next();
    }
  }

  /** Checks running and waiting now (metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
