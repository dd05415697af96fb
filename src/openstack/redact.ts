/**
 * Last line of defence for secrets: every text the client emits (trace lines, error messages) is
 * passed through a redactor that knows the run's secrets (password, credential secret, token).
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a secret; very short values are ignored so that "a" does not blank every "a". */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 4) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.#secrets) if (out.includes(s)) out = out.split(s).join("***");
    return out;
  }
}
