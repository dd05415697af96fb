import { rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { oneLine, ScsError } from "./errors.ts";

/**
 * Writes next to the target, then renames: a reader never sees a half-written file, and a failed
 * write leaves the old file (if any) as it was. `what` names the file in the error ("the report").
 */
export async function writeAtomically(
  path: string,
  content: string | Buffer,
  options: { what?: string; mode?: number } = {},
): Promise<void> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
  );
  try {
    await writeFile(tmp, content, { mode: options.mode ?? 0o644 });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw new ScsError(`cannot write ${options.what ?? "the file"} to ${path}: ${oneLine(err)}`, {
      cause: err,
    });
  }
}
