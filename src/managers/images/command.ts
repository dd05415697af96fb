/** `scs images plan|apply`: the library call behind the command (the CLI only parses options). */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { oneLine, ScsError } from "../../errors.ts";
import { listImages } from "../../openstack/image.ts";
import { openSession } from "../../openstack/index.ts";
import type { Session } from "../../openstack/session.ts";
import type { PlanFormat } from "../output.ts";
import { type ManagerIo, runManager, specFileError } from "../run.ts";
import { applyImagePlan } from "./apply.ts";
import { type ImagePlan, planImages } from "./plan.ts";
import { imageSummary, renderImagePlan } from "./render.ts";
import { type DesiredImage, parseImageManagerSpec } from "./spec-file.ts";

export interface ImagesCommandOptions {
  readonly cloud?: string;
  readonly spec: string;
  readonly deleteExpired?: boolean;
  readonly upload?: boolean;
  /** Seconds one import may take. */
  readonly importTimeout?: number;
  readonly format?: PlanFormat;
  readonly yes?: boolean;
  readonly quiet?: boolean;
  readonly debug?: boolean;
}

export const DEFAULT_IMPORT_TIMEOUT_S = 1800;

export function loadImageSpec(path: string): DesiredImage[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ScsError(`cannot read the image spec ${path}: ${oneLine(err)}`, { cause: err });
  }
  const parsed = parseImageManagerSpec(text);
  if (parsed.ok) return parsed.value;
  throw specFileError(parsed.issues, path);
}

/** Every image the admin sees, hidden ones included (Glance lists those only when asked). */
export async function planCloudImages(
  session: Session,
  desired: readonly DesiredImage[],
  options: Pick<ImagesCommandOptions, "deleteExpired">,
): Promise<ImagePlan> {
  const [shown, hidden] = await Promise.all([
    listImages(session, { visibility: "all" }),
    listImages(session, { visibility: "all", hidden: true }),
  ]);
  return planImages(desired, [...shown, ...hidden], { deleteExpired: options.deleteExpired ?? false });
}

export async function imagesCommand(
  mode: "plan" | "apply",
  options: ImagesCommandOptions,
  io: ManagerIo,
  open: (cloud: string | undefined) => Session = (cloud) =>
    openSession(cloud, options.debug ? { trace: (l) => io.stderr(`debug: ${l}\n`) } : {}),
): Promise<{ exitCode: number; plan: ImagePlan; requests: number }> {
  const desired = loadImageSpec(options.spec);
  return runManager(
    mode,
    {
      name: "images",
      plan: (s) => planCloudImages(s, desired, options),
      render: renderImagePlan,
      summary: imageSummary,
      apply: (s, plan, progress) =>
        applyImagePlan(s, plan, {
          importTimeoutMs: (options.importTimeout ?? DEFAULT_IMPORT_TIMEOUT_S) * 1000,
          baseDir: dirname(resolve(options.spec)),
          ...(options.upload ? { upload: true } : {}),
          progress,
        }),
    },
    open(options.cloud),
    options,
    io,
  );
}
