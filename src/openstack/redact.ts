/**
 * Last line of defence for secrets: every text the client emits (trace lines, error messages,
 * snapshot errors) is passed through a redactor that knows the run's secrets (password,
 * credential secret, tokens). A cloud that echoes a request and cuts it short must not leak a
 * part of a secret either, so every run of at least {@link MIN_FRAGMENT} characters that occurs
 * in a secret — or in its URL-encoded, JSON-escaped or base64 form — is removed, and so is
 * anything shaped like a Keystone token.
 */

/** Shorter pieces of a secret are too common in ordinary text to remove. */
export const MIN_FRAGMENT = 6;
const MASK = "***";
/** Fernet tokens (Keystone's default) are base64url text starting with gAAAAA. */
const TOKEN_SHAPE = /gAAAAA[A-Za-z0-9_\-=]{10,}/g;

export class Redactor {
  /** Every MIN_FRAGMENT-character window of every form of every secret. */
  readonly #windows = new Set<string>();

  /** Registers a secret; values shorter than MIN_FRAGMENT are matched whole only if that long. */
  add(secret: string | null | undefined): void {
    if (!secret || secret.length < MIN_FRAGMENT) return;
    for (const form of encodedForms(secret)) {
      for (let i = 0; i + MIN_FRAGMENT <= form.length; i++)
        this.#windows.add(form.slice(i, i + MIN_FRAGMENT));
    }
  }

  redact(text: string): string {
    if (this.#windows.size === 0) return text.replace(TOKEN_SHAPE, MASK);
    // Mark every character covered by a window of a secret, then mask each marked run once.
    const marked = new Uint8Array(text.length);
    let any = false;
    for (let i = 0; i + MIN_FRAGMENT <= text.length; i++) {
      if (this.#windows.has(text.slice(i, i + MIN_FRAGMENT))) {
        marked.fill(1, i, i + MIN_FRAGMENT);
        any = true;
      }
    }
    let out = text;
    if (any) {
      out = "";
      for (let i = 0; i < text.length; ) {
        if (!marked[i]) {
          out += text[i++];
          continue;
        }
        while (i < text.length && marked[i]) i++;
        out += MASK;
      }
    }
    return out.replace(TOKEN_SHAPE, MASK);
  }
}

/** The secret as it may appear in an echoed request: raw, URL-encoded, JSON-escaped, base64. */
export function encodedForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  forms.add(encodeURIComponent(secret).replace(/%20/g, "+"));
  const bytes = Buffer.from(secret, "utf8");
  // base64 of a text that contains the secret at any byte offset: the characters that depend
  // only on the secret's bytes, for each of the three alignments.
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const b64 = padded.toString("base64");
    const start = Math.ceil((shift * 4) / 3);
    const end = Math.floor(((shift + bytes.length) * 4) / 3);
    const inner = b64.slice(start, end);
    forms.add(inner);
    forms.add(inner.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...forms].filter((f) => f.length >= MIN_FRAGMENT);
}
