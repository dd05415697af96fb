/**
 * Carries out an image plan in its order (register, update, retire, delete). A registration
 * uses Glance's web-download where the cloud offers it and the URL is one Glance can reach;
 * otherwise the data is streamed through this process (from the URL or a file) with its
 * checksum computed on the way. Every import is watched with a time limit. The first failure
 * stops the run with a line naming the image; an image record it created is removed again.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { oneLine, ScsError } from "../../errors.ts";
import { createImage, deleteImage, getImage, type Image } from "../../openstack/image.ts";
import {
  importMethods,
  importWebDownload,
  patchImage,
  uploadImageData,
} from "../../openstack/image-import.ts";
import type { Session } from "../../openstack/session.ts";
import { ApplyError } from "../apply-error.ts";
import type { ImageChange, ImagePlan } from "./plan.ts";
import type { DesiredImage } from "./spec-file.ts";

export interface ImageApplyOptions {
  /** Stream every image through this process, even where Glance could download it itself. */
  readonly upload?: boolean;
  /** How long one import may take before the run fails (ms). */
  readonly importTimeoutMs: number;
  /** Folder that relative `file:` paths are read from (the spec file's). */
  readonly baseDir: string;
  readonly progress?: (line: string) => void;
  /** Waits between status polls (injected by tests). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export async function applyImagePlan(
  session: Session,
  plan: ImagePlan,
  options: ImageApplyOptions,
): Promise<{ readonly applied: number }> {
  const progress = options.progress ?? (() => {});
  let methods: string[] | undefined;
  let applied = 0;
  for (const change of plan.changes) {
    progress(`${change.action} ${JSON.stringify(change.name)} (${applied + 1}/${plan.changes.length})`);
    try {
      if (change.action === "register") {
        methods ??= await importMethods(session);
        await register(session, change.image, methods, options);
      } else await applySimple(session, change);
    } catch (err) {
      const done =
        applied === 0
          ? "nothing applied before"
          : `${applied} of ${plan.changes.length} changes applied before`;
      throw new ApplyError(
        `image ${JSON.stringify(change.name)}: ${change.action} failed: ${oneLine(err)} (${done}; run plan again to see what is left)`,
        err,
      );
    }
    applied++;
  }
  return { applied };
}

async function applySimple(
  session: Session,
  change: Exclude<ImageChange, { action: "register" }>,
): Promise<void> {
  switch (change.action) {
    case "update":
      await patchImage(
        session,
        change.id,
        Object.entries(change.set).map(([key, value]) => ({
          op: change.was[key] === null ? ("add" as const) : ("replace" as const),
          path: `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`,
          value,
        })),
      );
      return;
    case "retire":
      await patchImage(session, change.id, [
        { op: "replace", path: "/name", value: change.newName },
        { op: "replace", path: "/os_hidden", value: true },
      ]);
      return;
    case "delete":
      await deleteImage(session, change.id);
  }
}

/** Glance fetches only what it can reach: not this machine's loopback. */
function glanceCanFetch(url: string): boolean {
  const host = new URL(url).hostname;
  return !(host === "localhost" || host.startsWith("127.") || host === "[::1]");
}

async function register(
  session: Session,
  want: DesiredImage,
  methods: readonly string[],
  options: ImageApplyOptions,
) {
  const record = await createImage(session, {
    name: want.name,
    visibility: want.visibility,
    diskFormat: want.diskFormat,
    containerFormat: want.containerFormat,
    minDisk: want.minDisk,
    minRam: want.minRam,
    properties: want.properties,
  });
  try {
    const webDownload =
      want.url !== undefined &&
      !options.upload &&
      methods.includes("web-download") &&
      glanceCanFetch(want.url);
    let streamed: string | undefined;
    if (webDownload) {
      options.progress?.(`asking Glance to download ${want.url}`);
      await importWebDownload(session, record.id, want.url!);
    } else {
      const { stream, digest } = await openData(want, options.baseDir, options.importTimeoutMs);
      options.progress?.(`uploading ${want.url ?? want.file}`);
      await uploadImageData(session, record.id, stream, { timeoutMs: options.importTimeoutMs });
      streamed = digest();
    }
    const image = await watchImport(session, record.id, options);
    verifyChecksum(want, image, streamed);
  } catch (err) {
    // Nothing half-made stays behind: the record goes, the error names why.
    await deleteImage(session, record.id).catch(() => {});
    throw err;
  }
}

/** The data as a stream, hashed as it passes (spec checksum algorithm, else sha512). */
async function openData(
  want: DesiredImage,
  baseDir: string,
  timeoutMs: number,
): Promise<{ stream: Readable; digest: () => string }> {
  let source: Readable;
  if (want.file !== undefined) {
    const path = isAbsolute(want.file) ? want.file : resolve(baseDir, want.file);
    source = createReadStream(path);
    await new Promise<void>((ok, fail) => {
      source.once("open", () => ok());
      source.once("error", (err) =>
        fail(new ScsError(`cannot read ${path}: ${oneLine(err)}`, { cause: err })),
      );
    });
  } else {
    // The same time limit as an import: a source that stalls fails the run instead of hanging it.
    const res = await fetch(want.url!, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok || !res.body) throw new ScsError(`GET ${want.url} answered HTTP ${res.status}`);
    source = Readable.fromWeb(res.body as import("node:stream/web").ReadableStream);
  }
  const hash: Hash = createHash(want.checksum?.algorithm ?? "sha512");
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  source.on("error", (err) => tap.destroy(err));
  let hex: string | undefined;
  return { stream: source.pipe(tap), digest: () => (hex ??= hash.digest("hex")) };
}

const FAILED = new Set(["killed", "deleted", "pending_delete"]);

/** Polls the image until it is active; a failed or stuck import is an error. */
async function watchImport(session: Session, id: string, options: ImageApplyOptions): Promise<Image> {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? ((ms: number) => sleep(ms).then(() => {}));
  const deadline = now() + options.importTimeoutMs;
  for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
    const image = await getImage(session, id);
    if (image.status === "active") return image;
    const failed = image.properties["os_glance_failed_import"];
    if (FAILED.has(image.status) || (failed !== undefined && failed !== "")) {
      throw new ScsError(
        `the import failed: status ${image.status}${failed ? `, failed stores ${failed}` : ""}`,
      );
    }
    if (now() >= deadline) {
      throw new ScsError(
        `the import did not finish within ${Math.round(options.importTimeoutMs / 1000)} s (status ${image.status}); raise --import-timeout if the image is large`,
      );
    }
    await wait(Math.min(delay, Math.max(0, deadline - now())));
  }
}

/** The spec's checksum against what we streamed, or against Glance's own hash. */
function verifyChecksum(want: DesiredImage, image: Image, streamed: string | undefined): void {
  if (!want.checksum && streamed === undefined) return;
  const expected = want.checksum?.hex;
  if (streamed !== undefined && expected !== undefined && streamed !== expected) {
    throw new ScsError(
      `checksum mismatch: the data has ${want.checksum!.algorithm} ${streamed}, the spec says ${expected}`,
    );
  }
  // What Glance stored must be what passed through here (or what the spec says).
  const algorithm = want.checksum?.algorithm ?? "sha512";
  const reference = expected ?? streamed;
  const glance =
    algorithm === "md5" ? image.checksum : image.osHashAlgo === algorithm ? image.osHashValue : null;
  if (glance && reference && glance !== reference) {
    throw new ScsError(`checksum mismatch: Glance stored ${algorithm} ${glance}, expected ${reference}`);
  }
}
