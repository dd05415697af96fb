/**
 * Uploads that could not be delivered wait on disk, one folder per monitor, until the next
 * `scs upload` (or `scs check --upload`, `scs run`) sends them. Each entry is the exact HTTP body;
 * its extension says the content type. An entry is claimed by renaming it, so two processes
 * flushing the same spool never send one body twice at once.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { oneLine, ScsError } from "../errors.ts";
import { writeAtomically } from "../files.ts";
import type { SignedContentType, SignedUpload } from "./signed-report.ts";

const EXTENSIONS: Record<string, SignedContentType> = {
  ".signed-yaml": "application/x-signed-yaml",
  ".signed-json": "application/x-signed-json",
};

/** `$SCS_UPLOAD_SPOOL`, else `$XDG_STATE_HOME/scs/upload-spool`, else `~/.local/state/scs/upload-spool`. */
export function defaultSpoolDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env["SCS_UPLOAD_SPOOL"]) return env["SCS_UPLOAD_SPOOL"];
  const state = env["XDG_STATE_HOME"] || join(homedir(), ".local", "state");
  return join(state, "scs", "upload-spool");
}

export interface SpoolEntry {
  /** File name inside the monitor's folder; shown to the user. */
  readonly name: string;
  readonly path: string;
  readonly upload: SignedUpload;
}

export class Spool {
  readonly dir: string;

  constructor(root: string, monitorUrl: string) {
    const key = createHash("sha256").update(monitorUrl.replace(/\/*$/, "/")).digest("hex").slice(0, 16);
    this.dir = join(root, key);
  }

  /** Keeps an undelivered upload; `label` (e.g. the report's file name) becomes part of the name. */
  async keep(upload: SignedUpload, label: string, monitorUrl: string): Promise<string> {
    const ext = Object.keys(EXTENSIONS).find((e) => EXTENSIONS[e] === upload.contentType)!;
    const safe = label.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 80);
    const name = `${Date.now()}-${randomBytes(4).toString("hex")}-${safe}${ext}`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFile(join(this.dir, "monitor-url"), `${monitorUrl}\n`, { mode: 0o600 });
      await writeAtomically(join(this.dir, name), upload.body, { what: "the spooled upload", mode: 0o600 });
    } catch (err) {
      throw new ScsError(`cannot keep the upload in the spool ${this.dir}: ${oneLine(err)}`, { cause: err });
    }
    return name;
  }

  /**
   * Claims every waiting entry (and those claimed by a process that is gone), oldest first.
   * Each claimed entry must end with `done` (sent or rejected: removed) or `release` (back to waiting).
   */
  async claim(): Promise<SpoolEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new ScsError(`cannot read the spool ${this.dir}: ${oneLine(err)}`, { cause: err });
    }
    const entries: SpoolEntry[] = [];
    for (const file of names.sort()) {
      const m = /^(.*?(\.signed-(?:yaml|json)))(?:\.claimed\.(\d+))?$/.exec(file);
      if (!m) continue;
      const [, name, ext, pid] = m as unknown as [string, string, string, string | undefined];
      if (pid !== undefined && processAlive(Number(pid))) continue;
      const path = join(this.dir, `${name}.claimed.${process.pid}`);
      try {
        await rename(join(this.dir, file), path);
        entries.push({ name, path, upload: { body: await readFile(path), contentType: EXTENSIONS[ext]! } });
      } catch {
        // another process claimed it first
      }
    }
    return entries;
  }

  async done(entry: SpoolEntry): Promise<void> {
    await unlink(entry.path).catch(() => {});
  }

  async release(entry: SpoolEntry): Promise<void> {
    await rename(entry.path, join(this.dir, entry.name)).catch(() => {});
  }

  /** A rejected entry is moved aside (kept for a person to look at, never sent again). */
  async reject(entry: SpoolEntry): Promise<string> {
    const aside = join(this.dir, "rejected");
    await mkdir(aside, { recursive: true, mode: 0o700 });
    await rename(entry.path, join(aside, entry.name)).catch(() => {});
    return join(aside, entry.name);
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
