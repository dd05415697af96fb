/** Reads a scope file (or a built-in one) and turns its issues into one clear error. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { ScsError } from "../errors.ts";
import { formatIssue, type Issue, parseScope, type Scope } from "../standards/scope/index.ts";

/** Scopes shipped with the package (`data/` sits next to `src/` and `dist/`). */
export const BUILTIN_SCOPES = {
  "scs-compatible-iaas.yaml": new URL("../../data/scs-compatible-iaas.yaml", import.meta.url),
  "scs-compatible-kaas.yaml": new URL("../../data/scs-compatible-kaas.yaml", import.meta.url),
} as const;

export const DEFAULT_SCOPE = "scs-compatible-iaas.yaml";

export interface LoadedScope {
  readonly scope: Scope;
  /** The file as named on the command line, or `built-in scs-compatible-iaas.yaml`. */
  readonly source: string;
}

export class ScopeFileError extends ScsError {
  override readonly name = "ScopeFileError";
  readonly issues: readonly Issue[];
  constructor(message: string, issues: readonly Issue[], cause?: unknown) {
    super(message, { cause: cause ?? issues });
    this.issues = issues;
  }
}

/**
 * The scope at `path`; no path = the built-in IaaS scope; a bare built-in file name that does not
 * exist on disk (`scs-compatible-kaas.yaml`) = that built-in.
 */
export function loadScopeFile(path: string | undefined): LoadedScope {
  const name = path ?? DEFAULT_SCOPE;
  let text: string;
  let source: string;
  try {
    text = readFileSync(path ?? BUILTIN_SCOPES[DEFAULT_SCOPE], "utf8");
    source = path ?? `built-in ${DEFAULT_SCOPE}`;
  } catch (err) {
    const builtin = BUILTIN_SCOPES[basename(name) as keyof typeof BUILTIN_SCOPES];
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    if (!(missing && builtin && basename(name) === name)) {
      throw new ScsError(`cannot read scope file ${name}: ${(err as Error).message}`, { cause: err });
    }
    text = readFileSync(builtin, "utf8");
    source = `built-in ${name}`;
  }
  const parsed = parseScope(text);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.issues;
    const more =
      rest.length > 0
        ? ` (+${rest.length} more problem${rest.length > 1 ? "s" : ""}; --debug lists them)`
        : "";
    throw new ScopeFileError(`invalid scope file: ${formatIssue(first!, source)}${more}`, parsed.issues);
  }
  return { scope: parsed.value, source };
}
