/**
 * The one error type a user can cause. Its message is a single line that says what is wrong and
 * what to do; `cause` keeps the underlying error for --debug. Anything else that reaches the CLI
 * is a bug and is reported as such.
 */
export class ScsError extends Error {
  override readonly name: string = "ScsError";
  /** Process exit status the CLI uses when this error ends a command. */
  readonly exitCode: number;

  constructor(message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 2;
  }
}

/** A command-line mistake (unknown option value, missing argument): exit status 2. */
export class UsageError extends ScsError {
  override readonly name = "UsageError";
}

/** The message of any thrown value, on one line. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, " ").trim();
}
