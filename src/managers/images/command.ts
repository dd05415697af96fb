/** `scs images plan|apply`: the library call behind the command (the CLI only parses options). */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { oneLine, ScsError } from "../../errors.ts";
import { listImages } from "../../openstack/image.ts";
import { openSession } from "../../openstack/index.ts";
import type { Session } from "../../openstack/session.ts";
import { formatIssue } from "../../standards/scope/index.ts";
import { type Confirmation, confirmApply, terminalConfirmation } from "../confirm.ts";
import type { PlanFormat } from "../output.ts";
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

export interface ImagesIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly confirmation?: Confirmation;
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
  const [first, ...more] = parsed.issues;
  const extra = more.length ? ` (and ${more.length} more problem${more.length > 1 ? "s" : ""})` : "";
  throw new ScsError(`${formatIssue(first!, path)}${extra}`, { cause: parsed.issues });
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
  io: ImagesIo,
  open: (cloud: string | undefined) => Session = (cloud) =>
    openSession(cloud, options.debug ? { trace: (l) => io.stderr(`debug: ${l}\n`) } : {}),
): Promise<{ exitCode: number; plan: ImagePlan; requests: number }> {
  const desired = loadImageSpec(options.spec);
  const started = performance.now();
  const session = open(options.cloud);
  const progress = options.quiet ? () => {} : (line: string) => io.stderr(`images: ${line}\n`);
  try {
    const plan = await planCloudImages(session, desired, options);
    const cloud = session.cloud.name;
    io.stdout(renderImagePlan(plan, cloud, options.format ?? "table"));
    if (mode === "plan" || plan.changes.length === 0) {
      const pending = plan.changes.length > 0 || plan.notices.length > 0;
      return { exitCode: mode === "plan" && pending ? 1 : 0, plan, requests: session.requestCount };
    }
    const go = await confirmApply(
      options.yes ?? false,
      io.confirmation ?? terminalConfirmation,
      `Apply ${imageSummary(plan)} to cloud ${JSON.stringify(cloud)}?`,
    );
    if (!go) {
      progress("nothing applied");
      return { exitCode: 1, plan, requests: session.requestCount };
    }
    const { applied } = await applyImagePlan(session, plan, {
      importTimeoutMs: (options.importTimeout ?? DEFAULT_IMPORT_TIMEOUT_S) * 1000,
      baseDir: dirname(resolve(options.spec)),
      ...(options.upload ? { upload: true } : {}),
      progress,
    });
    progress(`applied ${applied} changes to cloud ${JSON.stringify(cloud)}`);
    return { exitCode: 0, plan, requests: session.requestCount };
  } finally {
    if (options.debug) {
      io.stderr(`debug: ${session.requestCount} requests in ${Math.round(performance.now() - started)} ms\n`);
    }
    await session.close();
  }
}
