/**
 * A service validates a new token with Keystone once and then caches it; requests arriving
 * together before that each validate it again, loading Keystone. So the first request with a
 * token waits alone at each service; the others start when its answer is in.
 */
export class FirstUseGate<Token extends object> {
  readonly #gates = new WeakMap<Token, Map<string, Promise<void>>>();

  /** Waits if needed; returns the release function when this request is the first one. */
  async enter(token: Token, service: string): Promise<(() => void) | undefined> {
    let gates = this.#gates.get(token);
    if (!gates) {
      gates = new Map();
      this.#gates.set(token, gates);
    }
    const gate = gates.get(service);
    if (gate) {
      await gate;
      return undefined;
    }
    let release!: () => void;
    gates.set(service, new Promise<void>((resolve) => (release = resolve)));
    return release;
  }
}
