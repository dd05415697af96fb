/** Reading and writing snapshot files. Writes are atomic: a file is complete or absent. */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { ScsError } from "../errors.ts";
import { checkShape } from "./schema.ts";
import { SNAPSHOT_SHAPE } from "./shape.ts";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from "./types.ts";

/** Serialises a snapshot the way files hold it (2-space JSON, trailing newline). */
export function formatSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Checks parsed JSON; returns the snapshot or throws a one-line ScsError naming the bad field. */
export function parseSnapshot(data: unknown, source = "snapshot"): Snapshot {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ScsError(`${source} is not a snapshot: expected a JSON object`);
  }
  const o = data as Record<string, unknown>;
  if (o["format"] !== SNAPSHOT_FORMAT) {
    throw new ScsError(
      `${source} is not an scs snapshot (format is not "${SNAPSHOT_FORMAT}"); create one with "scs snapshot"`,
    );
  }
  if (typeof o["version"] !== "number" || !Number.isInteger(o["version"])) {
    throw new ScsError(`${source}: the snapshot has no version number`);
  }
  if (o["version"] > SNAPSHOT_VERSION) {
    throw new ScsError(
      `${source} is snapshot version ${o["version"]}; this scs reads up to version ${SNAPSHOT_VERSION}: upgrade scs`,
    );
  }
  if (o["version"] < SNAPSHOT_VERSION) {
    throw new ScsError(
      `${source} is snapshot version ${o["version"]}, no longer supported: take a new snapshot`,
    );
  }
  const issue = checkShape(data, SNAPSHOT_SHAPE, "snapshot");
  if (issue) throw new ScsError(`${source} is damaged: ${issue}`);
  return data as Snapshot;
}

/** Reads and checks a snapshot file. */
export async function readSnapshot(path: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new ScsError(`cannot read snapshot ${path}: ${why}`, { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ScsError(`${path} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseSnapshot(data, path);
}

/** Writes a snapshot atomically (temporary file in the same folder, then rename). */
export async function writeSnapshot(path: string, snapshot: Snapshot): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, formatSnapshot(snapshot), { mode: 0o644 });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new ScsError(`cannot write snapshot ${path}: ${(err as Error).message}`, { cause: err });
  }
}
