/**
 * scripts/lab/populate: load the SCS sample (scripts/lab/sample.yaml) into the lab, idempotently.
 * Reads the cloud once, plans the difference, applies it with bounded concurrency per service.
 */
import { parseArgs } from "node:util";
import { oneLine, ScsError, UsageError } from "../../../src/errors.ts";
import { type ActualImage, isSystemProperty, LabCloud } from "./cloud.ts";
import { loadCloud } from "./clouds.ts";
import { generatedFlavors, generatedImages } from "./generate.ts";
import {
  countOps,
  type FlavorAction,
  GENERATED_MARK,
  type ImageAction,
  imageTag,
  type PlanOptions,
  planFlavors,
  planImages,
  planVolumeTypes,
  SAMPLE_MARK,
  type VolumeTypeAction,
  type Wanted,
} from "./plan.ts";
import { inPool, Session } from "./rest.ts";
import {
  DEFAULT_SAMPLE_PATH,
  desiredState,
  type ImageSpec,
  loadSample,
  sampleNames,
  type Variant,
} from "./sample.ts";

const HELP = `Usage: scripts/lab/populate [options]

Loads the SCS sample into the lab cloud (as an admin) so that the SCS checks have something to
judge: all scs-0103 standard flavors, broken and non-SCS flavors, images with complete, partial
and no scs-0102 metadata, volume types with and without [scs:...] aspects. Every object and what
it exercises is listed in scripts/lab/sample.yaml. Idempotent: only differences are applied.

Options:
  --fixed            load the repaired variant: every deliberate defect corrected
  --flavors N        scale to N flavors in total with generated, compliant flavors
                     (without it, generated flavors already there are left as they are;
                     --flavors 0 removes them)
  --images M         the same for images
  --reset            delete everything populate owns first (sample and generated objects)
  --prune            also delete flavors, images and volume types that are not in the sample
  --dry-run          print the plan, change nothing
  --cloud NAME       admin cloud from clouds.yaml (default: lab-admin)
  --concurrency N    requests in flight per service (default: 8)
  --sample FILE      the sample description (default: scripts/lab/sample.yaml)
  -h, --help         this text

Examples:
  scripts/lab/populate                               # the small sample
  scripts/lab/populate --fixed                       # repair it: a second check run passes
  scripts/lab/populate --flavors 2000 --images 1000  # the same verdicts, at scale
  scripts/lab/populate --reset --prune               # exactly the sample, nothing else

Exit status: 0 done, 1 some changes failed (listed), 2 bad usage or configuration.`;

interface Options {
  variant: Variant;
  /** Total flavors wanted; undefined keeps the generated flavors the cloud has. */
  flavors: number | undefined;
  images: number | undefined;
  reset: boolean;
  prune: boolean;
  dryRun: boolean;
  cloud: string;
  concurrency: number;
  sample: string;
}

export function parseOptions(argv: string[]): Options | "help" {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        fixed: { type: "boolean" },
        flavors: { type: "string" },
        images: { type: "string" },
        reset: { type: "boolean" },
        prune: { type: "boolean" },
        "dry-run": { type: "boolean" },
        cloud: { type: "string" },
        concurrency: { type: "string" },
        sample: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError(`${oneLine(err)} (see --help)`, { cause: err });
  }
  const v = parsed.values;
  if (v["help"]) return "help";
  const count = <F extends number | undefined>(name: string, fallback: F, min: number): number | F => {
    const raw = v[name];
    if (raw === undefined) return fallback;
    if (typeof raw !== "string" || !/^\d+$/.test(raw) || Number(raw) < min) {
      throw new UsageError(`--${name} needs a whole number ≥ ${min}, got "${String(raw)}"`);
    }
    return Number(raw);
  };
  return {
    variant: v["fixed"] ? "fixed" : "sample",
    flavors: count("flavors", undefined, 0),
    images: count("images", undefined, 0),
    reset: v["reset"] === true,
    prune: v["prune"] === true,
    dryRun: v["dry-run"] === true,
    cloud: typeof v["cloud"] === "string" ? v["cloud"] : "lab-admin",
    concurrency: count("concurrency", 8, 1),
    sample: typeof v["sample"] === "string" ? v["sample"] : DEFAULT_SAMPLE_PATH,
  };
}

interface Outcome {
  kind: string;
  planned: Record<string, number>;
  failures: { name: string; error: unknown }[];
  seconds: number;
}

async function run(o: Options): Promise<number> {
  const t0 = performance.now();
  const sample = loadSample(o.sample);
  const desired = desiredState(sample, o.variant);
  const names = sampleNames(sample);
  const session = await Session.login(loadCloud(o.cloud));
  if (!session.roles.includes("admin")) {
    throw new ScsError(`cloud "${o.cloud}" has no admin role; populate needs the lab's admin (lab-admin)`);
  }
  const cloud = new LabCloud(session);
  const [flavors, images, volumeTypes] = await Promise.all([
    cloud.listFlavors(),
    cloud.listImages(),
    cloud.listVolumeTypes(),
  ]);
  const now = new Date();

  const mark =
    <T>(mark: string) =>
    (spec: T): Wanted<T> => ({ spec, mark });
  // Without --flavors/--images the generated objects stay as they are (wanted as they are), so
  // that switching variants on a scaled lab does not shrink it; --reset removes them.
  const keep = !o.reset;
  const wantedFlavors = desired.flavors.map(mark(SAMPLE_MARK));
  if (o.flavors !== undefined) {
    const extra = Math.max(0, o.flavors - wantedFlavors.length);
    wantedFlavors.push(...generatedFlavors(extra, names.flavors).map(mark(GENERATED_MARK)));
  } else if (keep) {
    wantedFlavors.push(...flavors.filter((f) => f.description === GENERATED_MARK).map(mark(GENERATED_MARK)));
  }
  const wantedImages = desired.images.map(mark(SAMPLE_MARK));
  if (o.images !== undefined) {
    const extra = Math.max(0, o.images - wantedImages.length);
    wantedImages.push(...generatedImages(extra).map(mark(GENERATED_MARK)));
  } else if (keep) {
    const tag = imageTag(GENERATED_MARK);
    wantedImages.push(
      ...images.filter((i) => i.tags.includes(tag)).map((i) => mark<ImageSpec>(GENERATED_MARK)(asSpec(i))),
    );
  }

  const base = { reset: o.reset, prune: o.prune };
  const opt = (set: Set<string>): PlanOptions => ({ ...base, sampleNames: set });
  const plans = {
    flavors: planFlavors(wantedFlavors, flavors, opt(names.flavors)),
    images: planImages(wantedImages, images, opt(names.images), now),
    volumeTypes: planVolumeTypes(desired.volumeTypes.map(mark("")), volumeTypes, opt(names.volumeTypes)),
  };
  const read = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `populate: ${o.variant} variant; cloud has ${flavors.length} flavors, ${images.length} images, ` +
      `${volumeTypes.length} volume types (read in ${read}s)`,
  );

  if (o.dryRun) {
    for (const [kind, actions] of Object.entries(plans)) {
      console.log(`${kind}: ${summary(countOps(actions))}`);
      for (const a of actions) console.log(`  ${a.op} ${a.name}`);
    }
    return 0;
  }

  const outcomes = await Promise.all([
    apply("flavors", plans.flavors, o.concurrency, (a) => applyFlavor(cloud, a)),
    apply("images", plans.images, o.concurrency, (a) => applyImage(cloud, a)),
    apply("volume types", plans.volumeTypes, o.concurrency, (a) => applyVolumeType(cloud, a)),
  ]);
  let failed = 0;
  for (const out of outcomes) {
    console.log(`${out.kind}: ${summary(out.planned)} (${out.seconds.toFixed(1)}s)`);
    for (const f of out.failures) console.log(`  FAILED ${f.name}: ${oneLine(f.error)}`);
    failed += out.failures.length;
  }
  const total = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `populate: wanted ${wantedFlavors.length} flavors, ${wantedImages.length} images, ` +
      `${desired.volumeTypes.length} volume types; ${session.requests} requests in ${total}s` +
      (failed ? `; ${failed} FAILED` : ""),
  );
  return failed ? 1 : 0;
}

/** An image as it is, as a wanted spec (so that the planner leaves it alone). */
function asSpec(i: ActualImage): ImageSpec {
  return {
    name: i.name,
    visibility: i.visibility as ImageSpec["visibility"],
    hidden: i.hidden,
    minDisk: i.minDisk,
    minRam: i.minRam,
    diskFormat: i.diskFormat ?? "raw",
    containerFormat: i.containerFormat ?? "bare",
    properties: Object.fromEntries(Object.entries(i.properties).filter(([k]) => !isSystemProperty(k))),
  };
}

function summary(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([op, n]) => `${op} ${n}`);
  return parts.length ? parts.join(", ") : "nothing to do";
}

/** Deletions first (names must be free before they are reused), then everything else. */
async function apply<A extends { op: string; name: string }>(
  kind: string,
  actions: readonly A[],
  concurrency: number,
  fn: (a: A) => Promise<void>,
): Promise<Outcome> {
  const t0 = performance.now();
  const deletes = actions.filter((a) => a.op === "delete");
  const rest = actions.filter((a) => a.op !== "delete");
  const first = await inPool(deletes, concurrency, fn);
  const second = await inPool(rest, concurrency, fn);
  const failures = [...first.failures, ...second.failures].map((f) => ({
    name: f.item.name,
    error: f.error,
  }));
  return { kind, planned: countOps(actions), failures, seconds: (performance.now() - t0) / 1000 };
}

async function applyFlavor(cloud: LabCloud, a: FlavorAction): Promise<void> {
  switch (a.op) {
    case "delete":
      return cloud.deleteFlavor(a.id);
    case "recreate":
      await cloud.deleteFlavor(a.id);
      await cloud.createFlavor(a.spec, a.mark);
      return;
    case "create":
      await cloud.createFlavor(a.spec, a.mark);
      return;
    case "update":
      for (const key of a.unset) await cloud.unsetFlavorExtraSpec(a.id, key);
      if (Object.keys(a.set).length > 0) await cloud.setFlavorExtraSpecs(a.id, a.set);
      if (a.mark !== undefined) await cloud.describeFlavor(a.id, a.mark);
      return;
  }
}

async function applyImage(cloud: LabCloud, a: ImageAction): Promise<void> {
  switch (a.op) {
    case "delete":
      return cloud.deleteImage(a.id);
    case "recreate":
      await cloud.deleteImage(a.id);
      await cloud.createImage(a.spec, a.properties, [a.mark]);
      return;
    case "create":
      await cloud.createImage(a.spec, a.properties, [a.mark]);
      return;
    case "update":
      if (a.patch.length > 0) await cloud.patchImage(a.id, a.patch);
      if (a.tag !== undefined) await cloud.tagImage(a.id, a.tag);
      return;
  }
}

async function applyVolumeType(cloud: LabCloud, a: VolumeTypeAction): Promise<void> {
  switch (a.op) {
    case "delete":
      return cloud.deleteVolumeType(a.id);
    case "create":
      return cloud.createVolumeType(a.spec);
    case "update":
      if (a.describe) await cloud.updateVolumeType(a.id, a.spec.description, a.spec.isPublic);
      for (const key of a.unset) await cloud.unsetVolumeTypeExtraSpec(a.id, key);
      if (Object.keys(a.set).length > 0) await cloud.setVolumeTypeExtraSpecs(a.id, a.set);
      return;
  }
}

async function main(): Promise<void> {
  // `populate --dry-run | head` closes the pipe early; that is not an error
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  try {
    const o = parseOptions(process.argv.slice(2));
    if (o === "help") {
      console.log(HELP);
      return;
    }
    process.exitCode = await run(o);
  } catch (err) {
    console.error(`populate: ${oneLine(err)}`);
    process.exitCode = err instanceof ScsError ? err.exitCode : 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
